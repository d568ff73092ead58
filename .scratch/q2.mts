import { analyzeQuestion } from '/work/main/src/answer/question.ts';
import { readFileSync } from 'node:fs';
for (const l of readFileSync(process.argv[2]!,'utf8').split('\n').filter(Boolean)) {
  const d = JSON.parse(l); const a = analyzeQuestion(d.q);
  console.log((d.type??d.kind??'').padEnd(9), a.asks.padEnd(9), JSON.stringify(a.expects)?.slice(0,50).padEnd(50), String(a.head).padEnd(10), a.offtopic ?? '', '|', d.q.slice(0,70));
}
