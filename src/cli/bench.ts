import { appendFile, chmod, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalIndex } from 'vectra';
import { OfflineEmbedder } from '../embed/offline-embedder.ts';
import { loadIndexVersion } from '../store/index-version.ts';
import { layout } from '../store/layout.ts';
import { refreshIndex } from '../store/refresh.ts';
import { readCurrentVersion } from '../store/version-files.ts';
import { loadConfigFromEnvFile } from '../config.ts';
import { NewsdeskError } from '../errors.ts';
import { checkFolder } from '../config-paths.ts';
import { assertCorpusFolder } from '../ingest/load-corpus.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { runModelBench } from './bench-model.ts';
import { runScaleBench } from './bench-scale.ts';
import { runStoreBench } from './bench-stores.ts';
import { parseFailure, runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run bench -- [--corpus DIR] [--queries N] [--runs N] [--article-runs N] [--store-factors 1,4]
       npm run bench -- --stores-only [--corpus DIR] [--store-factors 1,4] [--queries N]
       npm run bench -- --scale [--corpus DIR] [--factors 1,4,16] [--out DIR] [--queries N]
       npm run bench -- --model DIR|ID|stand-in [--corpus DIR] [--passages N] [--queries N] [--ingest-every N]

Builds a scratch index of the corpus with the offline embedder and reports medians:
first build against no-op refresh, our persisted BM25 against vectra's per-query BM25 path,
whole answers, and the ingest of one article of 1, 4 and 16 MiB made of the corpus's
paragraphs (--article-runs builds of each, default 3) with answers over it. Then the vector
stores side by side on copies of the corpus (--store-factors, default 1 and 4): first build,
load, dense query and whole answer with flat and vectra, and vectra's JSON and Protobuf codecs
on the same vectors; --stores-only runs only that. Every ratio compares two runs made in this
process.

--scale builds copies of the corpus (1, 4 and 16 by default, each copy's text made distinct)
with the vectra store, or the flat one above vectra's limit (the table says which), and
measures, each in a fresh process: first ingest and its peak memory, index size, cold start
to the first answer, per-question median and p95, dense search against the memory-bandwidth
floor, the bot's peak memory, and no-op and one-article refreshes. Writes scale.md, scale.json
and scale.svg to --out (default bench-scale).

--model measures an embedding model (a model folder, a model id, or stand-in for a model of
bge-small's shape written on first use): passages/s by precision, threads and batch size against
bare onnxruntime-node on the same token batches (--passages per cell, default 96), question
embedding median and p95, and first ingests of every Nth article (--ingest-every, default 1):
a naive one-passage loop, the runtime's threads, and the worker threads ingest uses.`;

/** Questions asked of the index of one long article. */
const LONG_ARTICLE_QUESTIONS = 5;
/** Sizes of the single-article ingest measure, in MiB; each is compared with the first. */
const ARTICLE_MIB = [1, 4, 16];

/** Read-only sources copy as read-only; the copy must take an edit and be deleted after. */
async function makeWritable(folder: string): Promise<void> {
  await chmod(folder, 0o755);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const child = path.join(folder, entry.name);
    if (entry.isDirectory()) await makeWritable(child);
    else await chmod(child, 0o644);
  }
}

/** The file of the first article of the current version, relative to the corpus. */
async function firstArticleFile(indexDir: string): Promise<string> {
  const name = await readCurrentVersion(indexDir);
  const version = name === null ? null : await loadIndexVersion(layout.version(indexDir, name), name);
  const first = version?.articles.values().next().value;
  if (!first) throw new NewsdeskError('CORPUS_EMPTY', 'The corpus has no article to measure: give --corpus a folder of article files.');
  return first.file;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One article of `bytes` UTF-16 units: a headline, then `paragraphs` repeated in turn. */
function longArticle(paragraphs: readonly string[], bytes: number): string {
  const parts = [`Bench article of ${(bytes / 1024 / 1024).toFixed(0)} MiB`];
  let length = parts[0]!.length;
  for (let i = 0; length < bytes; i++) {
    const paragraph = paragraphs[i % paragraphs.length]!;
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}

async function time<T>(run: () => Promise<T> | T): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

runCli(USAGE, async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        corpus: { type: 'string' },
        queries: { type: 'string', default: '50' },
        runs: { type: 'string', default: '5' },
        'article-runs': { type: 'string', default: '3' },
        scale: { type: 'boolean', default: false },
        model: { type: 'string' },
        passages: { type: 'string', default: '96' },
        'ingest-every': { type: 'string', default: '1' },
        factors: { type: 'string', default: '1,4,16' },
        'store-factors': { type: 'string', default: '1,4' },
        'stores-only': { type: 'boolean', default: false },
        out: { type: 'string', default: 'bench-scale' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw parseFailure(error, null);
  }
  if (args.values.help) return void process.stdout.write(`${USAGE}\n`);
  const queries = Number(args.values.queries);
  const runs = Number(args.values.runs);
  const articleRuns = Number(args.values['article-runs']);
  if (!(queries >= 1) || !(runs >= 1) || !(articleRuns >= 1)) throw new UsageError('--queries, --runs and --article-runs take positive numbers');
  const config = loadConfigFromEnvFile();
  const sourceDir = args.values.corpus ? path.resolve(args.values.corpus) : config.corpusDir;
  // The same checks and messages as the ingest, before any scratch folder is made.
  if (args.values.corpus) checkFolder('--corpus', sourceDir, true);
  await assertCorpusFolder(sourceDir);
  const storeFactors = args.values['store-factors'].split(',').map(Number);
  if (!storeFactors.every((factor) => Number.isInteger(factor) && factor >= 1)) throw new UsageError('--store-factors takes whole numbers, e.g. 1,4');
  const compareStores = async (scratch: string) => {
    await runStoreBench({ sourceDir, factors: storeFactors, scratch, questions: queries, config }, (line) => process.stdout.write(`${line}\n`));
  };
  if (args.values.model !== undefined) {
    const { model, passages, 'ingest-every': ingestEvery } = args.values;
    return runModelBench({ config, model, corpusDir: sourceDir, questions: queries, passages, ingestEvery }, (line) => process.stdout.write(`${line}\n`));
  }
  if (args.values.scale) {
    const factors = args.values.factors.split(',').map(Number);
    if (!factors.every((factor) => Number.isInteger(factor) && factor >= 1)) throw new UsageError('--factors takes whole numbers, e.g. 1,4,16');
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-scale-'));
    try {
      await runScaleBench({ sourceDir, factors, outDir: path.resolve(args.values.out), scratch, questions: queries }, (line) => process.stdout.write(`${line}\n`));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return;
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-'));
  if (args.values['stores-only']) {
    try {
      await compareStores(scratch);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return;
  }
  // A copy, so the bench can edit an article without touching the real corpus.
  const corpusDir = path.join(scratch, 'corpus');
  const indexDir = path.join(scratch, 'index');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await cp(sourceDir, corpusDir, { recursive: true });
    await makeWritable(corpusDir);
    const embedder = new OfflineEmbedder();
    const refresh = () => refreshIndex({ corpusDir, indexDir, maxFileBytes: config.maxFileBytes, embedder, store: config.vectorStore, startedBy: 'bench' });
    const first = await refresh();
    const noop: number[] = [];
    for (let i = 0; i < runs; i++) noop.push((await refresh()).ms);
    // One article edited before each run: the incremental case.
    const edited = path.join(corpusDir, await firstArticleFile(indexDir));
    const oneChanged: number[] = [];
    for (let i = 0; i < runs; i++) {
      await appendFile(edited, `\nThe editor added paragraph ${i + 1} to this article.\n`);
      oneChanged.push((await refresh()).ms);
    }
    out(`corpus ${sourceDir}: ${first.articles} articles, ${first.chunks} chunks, embedder ${first.embedder}`);
    out(`first build          ${(first.ms / 1000).toFixed(2)} s (1 run)`);
    out(`no-op refresh        ${(median(noop) / 1000).toFixed(2)} s median of ${runs}; ${(first.ms / median(noop)).toFixed(1)}x faster than the first build`);
    out(`one article edited   ${(median(oneChanged) / 1000).toFixed(2)} s median of ${runs}; ${(first.ms / median(oneChanged)).toFixed(1)}x faster than the first build`);

    const name = (await readCurrentVersion(indexDir))!;
    const version = await loadIndexVersion(layout.version(indexDir, name), name);
    const titles = [...version.articles.values()].map((article) => article.title);
    const sample = Array.from({ length: Math.min(queries, titles.length) }, (_, i) => titles[Math.floor((i * titles.length) / Math.min(queries, titles.length))]!);

    // Baseline: vectra's own hybrid path (isBm25), which builds a BM25 engine from every
    // chunk's text on each query. It needs its chunk metadata (documentId, startPos, endPos).
    const baseline = new LocalIndex(path.join(indexDir, 'vectra-baseline'), undefined, undefined, undefined, {
      docReader: async (id: string) => version.articles.get(id)?.text ?? '',
    });
    await baseline.createIndex({ version: 1 });
    const vectors = await version.vectors();
    await baseline.beginUpdate();
    for (const chunk of version.chunks.values()) {
      // vectra reads endPos inclusively.
      await baseline.insertItem({ id: chunk.id, vector: vectors.get(chunk.id)!, metadata: { documentId: chunk.article, startPos: chunk.startPos, endPos: chunk.endPos - 1 } });
    }
    await baseline.endUpdate();

    const ours: number[] = [];
    const theirs: number[] = [];
    const keyword: number[] = [];
    // vectra's keyword part only scores items outside its dense top K, and needs three of them.
    const baselineQueries = version.chunks.size >= 50 + 3 ? sample.slice(0, Math.min(sample.length, 10)) : [];
    for (const q of sample) {
      const vector = await embedder.embedQuery(q);
      ours.push(await time(() => Promise.all([version.dense(vector, 50), version.keywords.search(q, 50)])));
      keyword.push(await time(() => version.keywords.search(q, 50)));
      if (baselineQueries.includes(q)) theirs.push(await time(() => baseline.queryItems(vector, q, 50, undefined, true)));
    }
    out(`hybrid candidates    ${median(ours).toFixed(2)} ms median (${version.manifest.store} store's dense query + BM25 postings, ${sample.length} queries)`);
    out(`  keyword part       ${median(keyword).toFixed(2)} ms median`);
    if (theirs.length > 0) {
      out(`  vectra isBm25      ${median(theirs).toFixed(2)} ms median (${theirs.length} queries, same vectors); ours is ${(median(theirs) / median(ours)).toFixed(0)}x faster`);
    } else {
      out('  vectra isBm25      not measured: too few chunks for its keyword path');
    }

    const desk = await openDesk({ ...config, indexDir, corpusDir }, createLogger({ level: 'warn' }), { buildEmbedder: embedder });
    const asks: number[] = [];
    for (const q of sample) asks.push(await time(() => desk.ask(q)));
    out(`whole answer         ${median(asks).toFixed(2)} ms median (retrieve, compose, ${sample.length} questions)`);

    // One very long article, built from scratch each run: reading, cleaning, sentence
    // splitting and chunking must grow with its size, not faster.
    const paragraphs = [...version.articles.values()].flatMap((article) => article.text.split(/\n\s*\n/u)).filter((p) => p.trim() !== '');
    const articleCorpus = path.join(scratch, 'one-article');
    const articleIndex = path.join(scratch, 'one-article-index');
    const medians: number[] = [];
    for (const mib of ARTICLE_MIB) {
      const bytes = mib * 1024 * 1024;
      await rm(articleCorpus, { recursive: true, force: true });
      await mkdir(articleCorpus, { recursive: true });
      await writeFile(path.join(articleCorpus, 'long.txt'), longArticle(paragraphs, bytes));
      const times: number[] = [];
      let chunks = 0;
      for (let i = 0; i < articleRuns; i++) {
        await rm(articleIndex, { recursive: true, force: true });
        // The flat store, which takes any size: the 16 MiB article alone is above vectra's limit.
        const result = await refreshIndex({ corpusDir: articleCorpus, indexDir: articleIndex, maxFileBytes: bytes * 4, embedder, store: 'flat', startedBy: 'bench' });
        times.push(result.ms);
        chunks = result.chunks;
      }
      medians.push(median(times));
      const ratio = medians.length > 1 ? `; ${(median(times) / medians[0]!).toFixed(1)}x the ${ARTICLE_MIB[0]} MiB time` : '';
      out(`one ${String(mib).padStart(2)} MiB article   ${(median(times) / 1000).toFixed(2)} s median of ${articleRuns} (${chunks} chunks)${ratio}`);
      // Answering scores every sentence of the candidate articles, this one among them.
      const longDesk = await openDesk({ ...config, indexDir: articleIndex, corpusDir: articleCorpus }, createLogger({ level: 'warn' }), { buildEmbedder: embedder });
      const longAsks: number[] = [];
      for (const q of sample.slice(0, LONG_ARTICLE_QUESTIONS)) longAsks.push(await time(() => longDesk.ask(q)));
      out(`  answer over it     ${median(longAsks).toFixed(0)} ms median (${longAsks.length} questions); ${(median(longAsks) / median(asks)).toFixed(0)}x the whole answer above`);
    }
    await compareStores(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
