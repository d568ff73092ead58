import { loadConfigFromEnvFile } from '/work/main/src/config.ts';
import { openDesk } from '/work/main/src/local-desk.ts';
import { createLogger } from '/work/main/src/log.ts';
const config = loadConfigFromEnvFile(); config.indexDir = '/tmp/index-seed';
const desk = await openDesk(config, createLogger({ level: 'error', format: 'auto' }));
for (const earlier of [undefined, { question: 'Why did Trump call off the Budapest meeting?', articles: ['000_c42d0c01a63c8980', '001_64dab0bbe86921ae'] }]) {
  const a = await desk.ask('What did Peskov say?', earlier ? { earlier } : {});
  console.log(a.answered, a.refusal, a.sources.map((s) => s.article + ' ' + s.quote.slice(0, 60)));
}
