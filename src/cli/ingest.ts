import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFromEnvFile } from '../config.ts';
import { openBuildEmbedder } from '../embed/open-embedder.ts';
import { createLogger } from '../log.ts';
import { refreshIndex, type RefreshResult } from '../store/refresh.ts';
import { checkFolder } from '../config-paths.ts';
import { terminalProgress } from './progress.ts';
import { skippedSummary } from './skipped-summary.ts';
import { runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run ingest -- [--corpus DIR] [--index DIR] [--json] [--allow-empty]

Builds or refreshes the index from the article files in the corpus folder. Unchanged articles
are not embedded again; removed ones leave the index. Defaults come from CORPUS_DIR and INDEX_DIR.
  --json          print one JSON object with the summary on stdout
  --allow-empty   let a corpus with no article empty an index that has some (refused otherwise)`;

function printSummary(result: RefreshResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Indexed ${result.articles} articles in ${result.chunks} chunks with ${result.embedder} (${(result.ms / 1000).toFixed(1)} s).`);
  out(`  added ${result.added}, changed ${result.changed}, unchanged ${result.unchanged}, removed ${result.removed}; embedded ${result.embedded} chunks`);
  for (const { file, encoding } of result.recoded) out(`  read as ${encoding}: ${file}`);
  for (const line of skippedSummary(result.skipped)) out(`  ${line}`);
}

runCli(USAGE, async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        corpus: { type: 'string' },
        index: { type: 'string' },
        json: { type: 'boolean', default: false },
        'allow-empty': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfigFromEnvFile();
  const corpusDir = args.values.corpus ? path.resolve(args.values.corpus) : config.corpusDir;
  const indexDir = args.values.index ? path.resolve(args.values.index) : config.indexDir;
  // A missing corpus is the ingest's to report (CORPUS_MISSING says how to fix it); a file is not.
  if (args.values.corpus) checkFolder('--corpus', corpusDir, true);
  if (args.values.index) checkFolder('--index', indexDir, true);
  const log = createLogger({ level: config.logLevel, format: 'auto' });
  const reading = terminalProgress('Reading files   ');
  const embedding = terminalProgress('Embedding chunks');
  const embedder = await openBuildEmbedder({
    model: config.model,
    onWarning: (message) => log.warn(message),
    onProgress: (event) => {
      if (event.status === 'progress' && event.total > 0 && process.stderr.isTTY) {
        process.stderr.write(`\rDownloading ${event.file} ${Math.round((event.loaded / event.total) * 100)}%   `);
      }
    },
  });
  const result = await refreshIndex({
    corpusDir,
    indexDir,
    maxFileBytes: config.maxFileBytes,
    embedder,
    allowEmpty: args.values['allow-empty'],
    startedBy: `npm run ingest (pid ${process.pid})`,
    onReadProgress: (done, total) => {
      if (done === 0 && process.stderr.isTTY) process.stderr.write(`Reading ${total.toLocaleString('en')} files…\n`);
      reading.update(done, total);
      if (done === total) reading.end();
    },
    onProgress: (done, total) => embedding.update(done, total),
    onWarning: (message) => log.warn(message),
  }).finally(() => {
    reading.end();
    embedding.end();
  });
  if (args.values.json) {
    const { articles, chunks, embedded, unchanged, removed, added, changed, skipped, embedder: id, ms } = result;
    process.stdout.write(`${JSON.stringify({ articles, chunks, embedded, unchanged, removed, added, changed, skipped, embedder: id, ms })}\n`);
  } else {
    printSummary(result);
  }
});
