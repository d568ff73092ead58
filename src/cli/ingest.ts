import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import type { RefreshResult } from '../store/refresh.ts';
import { configWithFolders, CORPUS_FLAG, INDEX_FLAG } from './folders.ts';
import { terminalDownload, terminalProgress } from './progress.ts';
import { runCommand } from './run.ts';
import { refreshSummaryLines } from './skipped-summary.ts';

function printSummary(result: RefreshResult): void {
  for (const line of refreshSummaryLines(result)) process.stdout.write(`${line}\n`);
}

runCommand({
  name: 'npm run ingest',
  summary: `Builds or refreshes the index from the article files in the corpus folder. Unchanged articles
are not embedded again; removed ones leave the index.`,
  flags: {
    corpus: CORPUS_FLAG,
    index: INDEX_FLAG,
    json: { type: 'boolean', help: 'print one JSON object with the summary on stdout' },
    'allow-empty': { type: 'boolean', help: 'let a corpus with no article empty an index that has some (refused otherwise)' },
  },
  async run({ values }) {
    const config = configWithFolders(values);
    // The summary is this command's report; the desk's info records would only repeat it.
    const log = createLogger({ level: config.logLevel === 'error' ? 'error' : 'warn', format: 'auto' });
    const desk = await openDesk(config, log, { onModelProgress: terminalDownload() });
    const reading = terminalProgress('Reading files   ', 'files');
    const embedding = terminalProgress('Embedding chunks', 'passages');
    const result = await desk
      .refresh({
        startedBy: `npm run ingest (pid ${process.pid})`,
        allowEmpty: values['allow-empty'],
        onReadProgress: (done, total) => {
          if (done === 0 && process.stderr.isTTY) process.stderr.write(`Reading ${total.toLocaleString('en')} files…\n`);
          reading.update(done, total);
          if (done === total) reading.end();
        },
        onProgress: (done, total) => embedding.update(done, total),
      })
      .finally(() => {
        reading.end();
        embedding.end();
      });
    if (values.json) {
      const { articles, chunks, embedded, unchanged, removed, added, changed, skipped, embedder: id, ms } = result;
      process.stdout.write(`${JSON.stringify({ articles, chunks, embedded, unchanged, removed, added, changed, skipped, embedder: id, ms })}\n`);
    } else {
      printSummary(result);
    }
  },
});
