import { tagSentences } from '/work/main/src/ingest/tag.ts';
import { readFileSync, readdirSync } from 'node:fs';
const root = '/work/shared/corpora/bbc/business';
let base = '';
for (const f of readdirSync(root)) base += readFileSync(`${root}/${f}`, 'latin1') + '\n\n';
for (const mib of [1, 4, 16]) {
  let text = ''; while (text.length < mib * 1048576) text += base; text = text.slice(0, mib * 1048576);
  const t0 = performance.now(); const s = tagSentences(text);
  console.log(mib, 'MiB', (performance.now() - t0).toFixed(0), 'ms', s.length, 'sentences', Math.round(process.memoryUsage().rss / 1e6), 'MB rss');
}
