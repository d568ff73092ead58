import { loadConfigFromEnvFile } from '/work/main/src/config.ts';
import { openDesk } from '/work/main/src/local-desk.ts';
import { createLogger } from '/work/main/src/log.ts';
import { readFileSync } from 'node:fs';
const config = loadConfigFromEnvFile(); config.indexDir = '/tmp/index-bbc2';
const desk = await openDesk(config, createLogger({ level: 'error', format: 'auto' }));
const qs = readFileSync('/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l).q);
await desk.ask(qs[0]); 
const ask: number[] = [], search: number[] = [];
for (let r = 0; r < 3; r++) for (const q of qs) {
  let t = performance.now(); await desk.search(q, { top: 10 }); search.push(performance.now() - t);
  t = performance.now(); await desk.ask(q); ask.push(performance.now() - t);
}
const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
console.log('search median', med(search).toFixed(1), 'ask median', med(ask).toFixed(1));
