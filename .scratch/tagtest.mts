import { tagSentences } from '/work/main/src/ingest/tag.ts';
import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[2]!, 'latin1');
const t0 = performance.now();
const s = tagSentences(text);
console.log((performance.now()-t0).toFixed(1),'ms');
for (const x of s) console.log(text.slice(x.start, x.end).slice(0,100), '\n   ', x.tags.map(t => `${t.kind}:${text.slice(t.start,t.end)}`).join(' | '));
