import { englishNlp } from '/work/main/src/ingest/tag.ts';
import { readFileSync } from 'node:fs';
const nlp = englishNlp(); const its = nlp.its;
for (const l of readFileSync('/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).slice(0,100)) {
  const q = JSON.parse(l).q;
  const d = nlp.readDoc(q);
  console.log(d.tokens().out().map((t,i)=>t+'/'+d.tokens().out(its.pos)[i]).join(' '));
}
