import { loadConfigFromEnvFile } from '/work/main/src/config.ts';
import { openDesk } from '/work/main/src/local-desk.ts';
import { createLogger } from '/work/main/src/log.ts';
import { readQuestions } from '/work/main/src/eval/questions.ts';
import { readFileSync } from 'node:fs';
const config = loadConfigFromEnvFile();
config.indexDir = process.argv[2]!;
const desk = await openDesk(config, createLogger({ level: 'error', format: 'auto' }));
const lines = readFileSync(process.argv[3]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const q of lines) {
  if (!q.article) continue;
  const passages = await desk.search(q.q, { top: 10 });
  const ids = [...new Set(passages.map((p) => p.article.id))];
  const r = ids.indexOf(q.article);
  const a = await desk.ask(q.q);
  console.log(`${r < 0 ? 'NONE' : r}\t${a.answered ? 'ans' : 'REF'}\t${q.type}\t${q.q}\t${ids.slice(0, 3).join(',')}`);
}
