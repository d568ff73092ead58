import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ItemSelector, JsonCodec, LocalIndex, ProtobufCodec, type IndexCodec, type IndexItem } from 'vectra';
import type { Config } from '../config.ts';
import { OfflineEmbedder } from '../embed/offline-embedder.ts';
import { isNewsdeskError } from '../errors.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import type { VectorStoreKind } from '../store/dense-store.ts';
import { loadIndexVersion, type StoredVersion } from '../store/index-version.ts';
import { layout } from '../store/layout.ts';
import { refreshIndex } from '../store/refresh.ts';
import { readCurrentVersion } from '../store/version-files.ts';
import { INDEXED_METADATA } from '../store/vectra-store.ts';
import { makeCorpus } from './bench-scale.ts';

/** The two stores side by side at each corpus size; flat first, as the baseline. */
const STORES: readonly VectorStoreKind[] = ['flat', 'vectra'];
/** Loads of a built version timed per store; the median is reported. */
const LOADS = 3;
/** Queries each vectra codec is timed on. */
const CODEC_QUERIES = 10;

export interface StoreBenchOptions {
  sourceDir: string;
  /** Copies of the corpus, e.g. [1, 4]. */
  factors: number[];
  /** Scratch folder for the corpora and indexes. */
  scratch: string;
  /** Questions asked per store (headlines of the corpus). */
  questions: number;
  config: Config;
}

/** One store at one corpus size; `refusedAfterMs` when it is above the store's limit (measured past it). */
export interface StoreRow {
  factor: number;
  store: VectorStoreKind;
  passages: number;
  buildMs: number;
  loadMs: number;
  queryMedianMs: number;
  answerMedianMs: number;
  refusedAfterMs?: number;
}

/** One vectra codec over the same vectors. */
export interface CodecRow {
  factor: number;
  codec: string;
  items: number;
  writeMs: number;
  fileBytes: number;
  loadMs: number;
  queryMedianMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function loadCurrent(indexDir: string): Promise<StoredVersion> {
  const name = (await readCurrentVersion(indexDir))!;
  return loadIndexVersion(layout.version(indexDir, name), name);
}

/** `count` headlines of a version, spread over it, asked as questions. */
function sampleTitles(version: StoredVersion, count: number): string[] {
  const titles = [...version.articles.values()].map((article) => article.title);
  const n = Math.min(count, titles.length);
  return Array.from({ length: n }, (_, i) => titles[Math.floor((i * titles.length) / n)]!);
}

/** A store's index of the corpus, built; with how soon the store's limit refused it, when it did. */
type Built = { store: VectorStoreKind; indexDir: string; ms: number; passages: number; refusedAfterMs?: number };

/**
 * Builds the corpus with `store`. A corpus above vectra's limit is refused first (timed: how
 * soon an ingest stops), then built past the limit, to show the figures behind it.
 */
async function build(options: StoreBenchOptions, store: VectorStoreKind, corpusDir: string, indexDir: string, out: (line: string) => void): Promise<Built> {
  const refresh = (maxVectraPassages?: number) =>
    refreshIndex({ corpusDir, indexDir, maxFileBytes: options.config.maxFileBytes, embedder: new OfflineEmbedder(), store, startedBy: 'bench', maxVectraPassages });
  const started = performance.now();
  try {
    const result = await refresh();
    return { store, indexDir, ms: result.ms, passages: result.chunks };
  } catch (error) {
    if (!isNewsdeskError(error, 'CONFIG_INVALID')) throw error;
    const refusedAfterMs = performance.now() - started;
    out(`  refused after ${seconds(refusedAfterMs)}: ${error.message}`);
    const result = await refresh(Number.POSITIVE_INFINITY);
    return { store, indexDir, ms: result.ms, passages: result.chunks, refusedAfterMs };
  }
}

/**
 * Loads and queries the built stores in turns (each load, query and question goes to one store
 * then the other), so that a slower minute of a shared machine weighs on both alike.
 */
async function measureInTurns(options: StoreBenchOptions, factor: number, corpusDir: string, stores: readonly Built[]): Promise<{ rows: StoreRow[]; questions: string[] }> {
  const loads = stores.map((): number[] => []);
  for (let i = 0; i < LOADS; i++) for (const [n, b] of stores.entries()) loads[n]!.push(await time(() => loadCurrent(b.indexDir)));
  const versions = await Promise.all(stores.map((b) => loadCurrent(b.indexDir)));
  const questions = versions[0] ? sampleTitles(versions[0], options.questions) : [];
  const embedder = new OfflineEmbedder();
  const vectors = await Promise.all(questions.map((question) => embedder.embedQuery(question)));
  const queries = stores.map((): number[] => []);
  for (const vector of vectors) for (const [n, version] of versions.entries()) queries[n]!.push(await time(() => version.dense(vector, 50)));
  versions.length = 0;
  const desks = await Promise.all(stores.map((b) => openDesk({ ...options.config, corpusDir, indexDir: b.indexDir, vectorStore: b.store }, createLogger({ level: 'warn' }), { buildEmbedder: embedder })));
  for (const desk of desks) if (questions[0]) await desk.ask(questions[0]);
  const answers = stores.map((): number[] => []);
  for (const question of questions) for (const [n, desk] of desks.entries()) answers[n]!.push(await time(() => desk.ask(question)));
  const rows = stores.map((b, n): StoreRow => ({
    factor,
    store: b.store,
    passages: b.passages,
    buildMs: b.ms,
    loadMs: median(loads[n]!),
    queryMedianMs: median(queries[n]!),
    answerMedianMs: median(answers[n]!),
    ...(b.refusedAfterMs !== undefined && { refusedAfterMs: b.refusedAfterMs }),
  }));
  return { rows, questions };
}

/**
 * vectra's JSON and Protobuf codecs on the same items (a version's vectors and metadata):
 * writing the index file, its size, a fresh LocalIndex loading it, and queryItems.
 */
async function measureCodecs(version: StoredVersion, folder: string, queries: readonly number[][], factor: number): Promise<CodecRow[]> {
  const rows = await version.vectorRows(0, version.chunks.size);
  const dims = version.manifest.embedder.dimensions;
  const results: CodecRow[] = [];
  for (const codec of [new JsonCodec(), new ProtobufCodec()] as IndexCodec[]) {
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    let n = 0;
    let items: IndexItem[] | null = [...version.chunks.keys()].map((id) => {
      const vector = Array.from(rows.subarray(n * dims, ++n * dims));
      const hash = id.lastIndexOf('#');
      return { id, metadata: { article: id.slice(0, hash), chunk: Number(id.slice(hash + 1)), published: 0 }, vector, norm: ItemSelector.normalize(vector) };
    });
    const file = path.join(folder, `index${codec.extension}`);
    const writeMs = await time(() => writeFile(file, codec.serializeIndex({ version: 1, metadata_config: { indexed: INDEXED_METADATA }, items: items! })));
    items = null;
    let fileBytes = 0;
    for (const name of await readdir(folder)) fileBytes += (await stat(path.join(folder, name))).size;
    const index = new LocalIndex(folder, undefined, undefined, codec);
    const loadMs = await time(() => index.getIndexStats());
    const times: number[] = [];
    for (const query of queries) times.push(await time(() => index.queryItems(query, '', 50)));
    results.push({ factor, codec: codec.constructor.name, items: version.chunks.size, writeMs, fileBytes, loadMs, queryMedianMs: median(times) });
  }
  await rm(folder, { recursive: true, force: true });
  return results;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const ratio = (value: number, base: number) => (base > 0 ? ` (${(value / base).toFixed(2)}x)` : '');

/** The stores side by side, one column per store and size; vectra's ratios are to flat's. */
export function storeTable(rows: readonly StoreRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cell = (row: StoreRow, show: (r: StoreRow) => string, value: (r: StoreRow) => number) => {
    const base = rows.find((r) => r.factor === row.factor && r.store === 'flat');
    return show(row) + (row.store !== 'flat' && base ? ratio(value(row), value(base)) : '');
  };
  const measures: [string, (r: StoreRow) => string, (r: StoreRow) => number][] = [
    ['passages', (r) => r.passages.toLocaleString('en'), (r) => r.passages],
    ['first build', (r) => seconds(r.buildMs), (r) => r.buildMs],
    ['load a version', (r) => millis(r.loadMs), (r) => r.loadMs],
    ['dense query, median', (r) => millis(r.queryMedianMs), (r) => r.queryMedianMs],
    ['whole answer, median', (r) => millis(r.answerMedianMs), (r) => r.answerMedianMs],
  ];
  const head = (r: StoreRow) => `${r.store} ${r.factor}×${r.refusedAfterMs === undefined ? '' : ` (above its limit: refused in ${seconds(r.refusedAfterMs)}, measured past it)`}`;
  return [
    line(['', ...rows.map(head)]),
    line(['---', ...rows.map(() => '---')]),
    ...measures.map(([name, show, value]) => line([name, ...rows.map((r) => cell(r, show, value))])),
  ].join('\n');
}

/** vectra's codecs side by side. */
export function codecTable(rows: readonly CodecRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['codec', 'items', 'write the index', 'file', 'load', 'queryItems, median']),
    line(['---', '---', '---', '---', '---', '---']),
    ...rows.map((r) => line([`${r.codec} ${r.factor}×`, r.items.toLocaleString('en'), seconds(r.writeMs), `${(r.fileBytes / 1e6).toFixed(1)} MB`, millis(r.loadMs), millis(r.queryMedianMs)])),
  ].join('\n');
}

/**
 * Builds copies of the corpus at each factor with each store and measures them in this process:
 * first build, loading a version, the dense query and the whole answer; then vectra's two codecs
 * on the same vectors. Prints both tables and returns the rows.
 */
export async function runStoreBench(options: StoreBenchOptions, out: (line: string) => void): Promise<{ stores: StoreRow[]; codecs: CodecRow[] }> {
  const stores: StoreRow[] = [];
  const codecs: CodecRow[] = [];
  for (const factor of options.factors) {
    const corpusDir = path.join(options.scratch, `stores-corpus-${factor}x`);
    await rm(corpusDir, { recursive: true, force: true });
    await makeCorpus(options.sourceDir, corpusDir, factor);
    const built: Built[] = [];
    for (const store of STORES) {
      out(`stores ${factor}×: ${store} build…`);
      const indexDir = path.join(options.scratch, `stores-index-${factor}x-${store}`);
      await rm(indexDir, { recursive: true, force: true });
      built.push(await build(options, store, corpusDir, indexDir, out));
    }
    out(`stores ${factor}×: loads, queries and answers in turns…`);
    const { rows, questions } = await measureInTurns(options, factor, corpusDir, built);
    stores.push(...rows);
    for (const row of rows) out(JSON.stringify(row));
    const flat = built.find((b) => b.store === 'flat');
    if (flat) {
      const embedder = new OfflineEmbedder();
      const queries = await Promise.all(questions.slice(0, CODEC_QUERIES).map((question) => embedder.embedQuery(question)));
      codecs.push(...(await measureCodecs(await loadCurrent(flat.indexDir), path.join(options.scratch, 'codec'), queries, factor)));
    }
    for (const b of built) await rm(b.indexDir, { recursive: true, force: true });
    await rm(corpusDir, { recursive: true, force: true });
  }
  out('');
  out(storeTable(stores));
  out('');
  out(codecTable(codecs));
  return { stores, codecs };
}
