import { loadConfigFromEnvFile } from '/work/main/src/config.ts';
import { openDesk } from '/work/main/src/local-desk.ts';
import { createLogger } from '/work/main/src/log.ts';
import { readFileSync } from 'node:fs';
const config = loadConfigFromEnvFile(); config.indexDir = process.argv[2]!;
const desk = await openDesk(config, createLogger({ level: 'error', format: 'auto' }));
const qs = readFileSync(process.argv[3] ?? '/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const rows = [];
for (const q of qs) {
  const a = await desk.ask(q.q);
  const s = a.sources[0];
  const hit = q.article && a.sources.slice(0,3).some(x => x.article === q.article && q.expect.some((e: string) => x.quote.toLowerCase().includes(e.toLowerCase())));
  rows.push({ cls: q.article ? (hit ? 'HIT' : 'miss') : 'UNA-' + q.kind, score: s ? s.score : -1, q: q.q.slice(0, 60) });
}
rows.sort((a, b) => a.score - b.score);
for (const r of rows) console.log(r.score.toFixed(3), r.cls.padEnd(14), r.q);
