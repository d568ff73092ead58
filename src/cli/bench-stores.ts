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

/** One store at one corpus size; `refused` when the store would not take the corpus. */
export interface StoreRow {
  factor: number;
  store: VectorStoreKind;
  passages: number;
  buildMs: number;
  loadMs: number;
  queryMedianMs: number;
  answerMedianMs: number;
  refused?: string;
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

/**
 * Builds, loads and queries one store over `corpusDir`, all in this process, asking `questions`
 * (headlines of the version when null); returns the figures and the questions asked.
 */
async function measureStore(
  options: StoreBenchOptions,
  factor: number,
  store: VectorStoreKind,
  corpusDir: string,
  indexDir: string,
  given: string[] | null,
): Promise<{ row: StoreRow; questions: string[] | null }> {
  const embedder = new OfflineEmbedder();
  const started = performance.now();
  let built;
  try {
    built = await refreshIndex({ corpusDir, indexDir, maxFileBytes: options.config.maxFileBytes, embedder, store, startedBy: 'bench' });
  } catch (error) {
    if (!isNewsdeskError(error, 'CONFIG_INVALID')) throw error;
    return { row: { factor, store, passages: 0, buildMs: performance.now() - started, loadMs: 0, queryMedianMs: 0, answerMedianMs: 0, refused: error.message }, questions: given };
  }
  const loads: number[] = [];
  let version: StoredVersion | null = null;
  for (let i = 0; i < LOADS; i++) {
    version = null;
    loads.push(await time(async () => (version = await loadCurrent(indexDir))));
  }
  const questions = given ?? sampleTitles(version!, options.questions);
  const vectors = await Promise.all(questions.map((question) => embedder.embedQuery(question)));
  const queries: number[] = [];
  for (const vector of vectors) queries.push(await time(() => version!.dense(vector, 50)));
  version = null;
  const desk = await openDesk({ ...options.config, corpusDir, indexDir, vectorStore: store }, createLogger({ level: 'warn' }), { buildEmbedder: embedder });
  await desk.ask(questions[0]!);
  const answers: number[] = [];
  for (const question of questions) answers.push(await time(() => desk.ask(question)));
  return { row: { factor, store, passages: built.chunks, buildMs: built.ms, loadMs: median(loads), queryMedianMs: median(queries), answerMedianMs: median(answers) }, questions };
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
  const baseOf = (row: StoreRow) => rows.find((r) => r.factor === row.factor && r.store === 'flat' && !r.refused);
  const cell = (row: StoreRow, show: (r: StoreRow) => string, value: (r: StoreRow) => number) => {
    if (row.refused) return 'refused';
    const base = baseOf(row);
    return show(row) + (row.store !== 'flat' && base ? ratio(value(row), value(base)) : '');
  };
  const measures: [string, (r: StoreRow) => string, (r: StoreRow) => number][] = [
    ['passages', (r) => r.passages.toLocaleString('en'), (r) => r.passages],
    ['first build', (r) => seconds(r.buildMs), (r) => r.buildMs],
    ['load a version', (r) => millis(r.loadMs), (r) => r.loadMs],
    ['dense query, median', (r) => millis(r.queryMedianMs), (r) => r.queryMedianMs],
    ['whole answer, median', (r) => millis(r.answerMedianMs), (r) => r.answerMedianMs],
  ];
  return [
    line(['', ...rows.map((r) => `${r.store} ${r.factor}×`)]),
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
    let questions: string[] | null = null;
    for (const store of STORES) {
      const indexDir = path.join(options.scratch, `stores-index-${factor}x-${store}`);
      await rm(indexDir, { recursive: true, force: true });
      out(`stores ${factor}×: ${store}…`);
      const measured = await measureStore(options, factor, store, corpusDir, indexDir, questions);
      questions = measured.questions;
      stores.push(measured.row);
      out(JSON.stringify({ ...measured.row, refused: measured.row.refused !== undefined }));
      if (store === 'flat' && !measured.row.refused && questions) {
        const embedder = new OfflineEmbedder();
        const queries = await Promise.all(questions.slice(0, CODEC_QUERIES).map((question) => embedder.embedQuery(question)));
        codecs.push(...(await measureCodecs(await loadCurrent(indexDir), path.join(options.scratch, 'codec'), queries, factor)));
      }
      await rm(indexDir, { recursive: true, force: true });
    }
    await rm(corpusDir, { recursive: true, force: true });
  }
  out('');
  out(storeTable(stores));
  out('');
  out(codecTable(codecs));
  return { stores, codecs };
}
