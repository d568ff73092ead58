import { spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VectorStoreKind } from '../store/dense-store.ts';
import { layout } from '../store/layout.ts';
import { readCurrentVersion } from '../store/version-files.ts';
import { scaleChart } from './svg-chart.ts';

const CHILD = fileURLToPath(new URL('./bench-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface ScaleOptions {
  sourceDir: string;
  /** Copies of the corpus per run, e.g. [1, 4, 16]. */
  factors: number[];
  /** Where the table, the chart and the raw figures go. */
  outDir: string;
  /** Scratch folder for the corpora and indexes; emptied per factor. */
  scratch: string;
  /** Questions asked per run (headlines of the corpus). */
  questions: number;
}

/** Figures of one corpus size. */
export interface ScaleRow {
  factor: number;
  /** The store measured: vectra, or flat when vectra refused the corpus (after `vectraRefusedMs`). */
  store: VectorStoreKind;
  vectraRefusedMs?: number;
  articles: number;
  passages: number;
  buildMs: number;
  buildPeakBytes: number;
  indexBytes: number;
  firstAnswerMs: number;
  askMedianMs: number;
  askP95Ms: number;
  denseMedianMs: number;
  floorMedianMs: number;
  loopMedianMs: number;
  botPeakBytes: number;
  noopMs: number;
  editedMs: number;
}

/** Every file under `dir`, as paths relative to it. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(dir, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}

/**
 * `factor` copies of the corpus, copy k in folder `c<k>/`. Every copy after the first ends
 * with a line naming it, so its text is new and the ingest does not skip it as a duplicate.
 */
export async function makeCorpus(sourceDir: string, target: string, factor: number): Promise<string[]> {
  const files = await walk(sourceDir);
  for (let k = 0; k < factor; k++) {
    for (const file of files) {
      const bytes = await readFile(path.join(sourceDir, file));
      const to = path.join(target, `c${k}`, file);
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(to, k === 0 ? bytes : Buffer.concat([bytes, Buffer.from(`\n\nArchive copy ${k} of this story.\n`)]));
    }
  }
  return files;
}

/** Runs a bench-child job with `store` and returns its JSON line. */
function child<T>(args: string[], store: VectorStoreKind): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: REPO,
      env: { ...process.env, EMBEDDER: 'offline', LOG_LEVEL: 'error', VECTOR_STORE: store },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    run.stdout.on('data', (data: Buffer) => (out += data.toString()));
    run.on('error', reject);
    run.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`bench job ${args[0]} exited with ${code}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const file of await walk(dir)) total += (await stat(path.join(dir, file))).size;
  return total;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;
const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

/** The exponent a in value ∝ passages^a between the smallest and the largest run. */
function growth(rows: readonly ScaleRow[], measure: (row: ScaleRow) => number): string {
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (rows.length < 2 || measure(first) <= 0) return '';
  return `N^${(Math.log(measure(last) / measure(first)) / Math.log(last.passages / first.passages)).toFixed(2)}`;
}

/** The table of all runs, one column per corpus size, as Markdown. */
export function scaleTable(rows: readonly ScaleRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const measures: [string, (row: ScaleRow) => string, ((row: ScaleRow) => number) | null][] = [
    ['vector store', (r) => (r.vectraRefusedMs === undefined ? r.store : `${r.store} (vectra refused it in ${seconds(r.vectraRefusedMs)}: above its limit)`), null],
    ['articles / passages', (r) => `${r.articles.toLocaleString('en')} / ${r.passages.toLocaleString('en')}`, null],
    ['first ingest', (r) => seconds(r.buildMs), (r) => r.buildMs],
    ['ingest peak memory', (r) => megabytes(r.buildPeakBytes), (r) => r.buildPeakBytes],
    ['index on disk', (r) => megabytes(r.indexBytes), (r) => r.indexBytes],
    ['cold process to first answer', (r) => seconds(r.firstAnswerMs), (r) => r.firstAnswerMs],
    ['per question, median / p95', (r) => `${millis(r.askMedianMs)} / ${millis(r.askP95Ms)}`, (r) => r.askMedianMs],
    ['dense query, median (÷ bandwidth floor)', (r) => `${millis(r.denseMedianMs)} (${(r.denseMedianMs / r.floorMedianMs).toFixed(1)}×)`, (r) => r.denseMedianMs],
    ['same scan as a plain loop (baseline)', (r) => `${millis(r.loopMedianMs)} (${(r.loopMedianMs / r.denseMedianMs).toFixed(1)}× ${r.store === 'flat' ? 'usearch' : 'vectra'})`, (r) => r.loopMedianMs],
    ['bot peak memory', (r) => megabytes(r.botPeakBytes), (r) => r.botPeakBytes],
    ['no-op refresh', (r) => seconds(r.noopMs), (r) => r.noopMs],
    ['refresh after one article is edited', (r) => seconds(r.editedMs), (r) => r.editedMs],
  ];
  return [
    line(['', ...rows.map((r) => `${r.factor}×`), 'growth']),
    line(['---', ...rows.map(() => '---'), '---']),
    ...measures.map(([name, show, value]) => line([name, ...rows.map(show), value ? growth(rows, value) : ''])),
  ].join('\n');
}

/**
 * Builds the corpus at each factor and measures it, each job in a fresh process (so memory
 * peaks and cold starts are each job's own); writes scale.md, scale.json and scale.svg.
 */
export async function runScaleBench(options: ScaleOptions, out: (line: string) => void): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  await mkdir(options.outDir, { recursive: true });
  for (const factor of options.factors) {
    const corpusDir = path.join(options.scratch, `corpus-${factor}x`);
    const indexDir = path.join(options.scratch, `index-${factor}x`);
    await rm(corpusDir, { recursive: true, force: true });
    await rm(indexDir, { recursive: true, force: true });
    out(`${factor}×: copying the corpus…`);
    const files = await makeCorpus(options.sourceDir, corpusDir, factor);
    out(`${factor}×: first ingest…`);
    type Built = { ms: number; articles: number; chunks: number; peakBytes: number };
    let store: VectorStoreKind = 'vectra';
    let build = await child<Built | { refused: string; ms: number }>(['build', corpusDir, indexDir], store);
    let vectraRefusedMs: number | undefined;
    if ('refused' in build) {
      out(`${factor}×: ${build.refused} (${seconds(build.ms)}); building with the flat store…`);
      vectraRefusedMs = build.ms;
      store = 'flat';
      build = await child<Built>(['build', corpusDir, indexDir], store);
    }
    if ('refused' in build) throw new Error(String(build.refused));
    const version = (await readCurrentVersion(indexDir))!;
    const indexBytes = await folderBytes(layout.version(indexDir, version));
    out(`${factor}×: ${build.chunks} passages in ${seconds(build.ms)}; no-op refresh…`);
    const noop = await child<{ ms: number }>(['build', corpusDir, indexDir], store);
    const edited = path.join(corpusDir, 'c0', files.find((file) => /\.(txt|md|html?)$/iu.test(file) && !/readme/iu.test(file))!);
    await appendFile(edited, '\nThe editor added a paragraph to this article.\n');
    const oneEdited = await child<{ ms: number; embedded: number }>(['build', corpusDir, indexDir], store);
    out(`${factor}×: questions…`);
    const sample = files.filter((file) => /\.txt$/iu.test(file) && !/readme/iu.test(file));
    const questions: string[] = [];
    for (let i = 0; i < Math.min(options.questions, sample.length); i++) {
      const file = sample[Math.floor((i * sample.length) / Math.min(options.questions, sample.length))]!;
      questions.push((await readFile(path.join(corpusDir, 'c0', file), 'latin1')).split('\n')[0]!.trim());
    }
    const questionFile = path.join(options.scratch, 'questions.txt');
    await writeFile(questionFile, `${questions.join('\n')}\n`);
    const ask = await child<{ firstAnswerMs: number; askMedian: number; askP95: number; denseMedian: number; floorMedian: number; loopMedian: number; peakBytes: number }>(['ask', corpusDir, indexDir, questionFile], store);
    const row: ScaleRow = {
      factor,
      store,
      ...(vectraRefusedMs !== undefined && { vectraRefusedMs }),
      articles: build.articles,
      passages: build.chunks,
      buildMs: build.ms,
      buildPeakBytes: build.peakBytes,
      indexBytes,
      firstAnswerMs: ask.firstAnswerMs,
      askMedianMs: ask.askMedian,
      askP95Ms: ask.askP95,
      denseMedianMs: ask.denseMedian,
      floorMedianMs: ask.floorMedian,
      loopMedianMs: ask.loopMedian,
      botPeakBytes: ask.peakBytes,
      noopMs: noop.ms,
      editedMs: oneEdited.ms,
    };
    rows.push(row);
    out(JSON.stringify(row));
    await rm(corpusDir, { recursive: true, force: true });
    await rm(indexDir, { recursive: true, force: true });
    const table = scaleTable(rows);
    const points = (measure: (r: ScaleRow) => number) => rows.map((r): [number, number] => [r.passages, measure(r)]);
    const chart = scaleChart([
      { title: 'First ingest', unit: 's', series: [{ name: 'build', points: points((r) => r.buildMs / 1000) }] },
      { title: 'Index on disk', unit: 'MB', series: [{ name: 'size', points: points((r) => r.indexBytes / 1e6) }] },
      { title: 'Cold start to first answer', unit: 's', series: [{ name: 'load', points: points((r) => r.firstAnswerMs / 1000) }] },
      { title: 'Per question', unit: 'ms', series: [{ name: 'median', points: points((r) => r.askMedianMs) }, { name: 'p95', points: points((r) => r.askP95Ms) }] },
      { title: 'Peak memory', unit: 'MB', series: [{ name: 'ingest', points: points((r) => r.buildPeakBytes / 1e6) }, { name: 'bot', points: points((r) => r.botPeakBytes / 1e6) }] },
      { title: 'Refresh', unit: 's', series: [{ name: 'no-op', points: points((r) => r.noopMs / 1000) }, { name: 'one edited', points: points((r) => r.editedMs / 1000) }] },
    ]);
    await writeFile(path.join(options.outDir, 'scale.md'), `${table}\n`);
    await writeFile(path.join(options.outDir, 'scale.json'), `${JSON.stringify(rows, null, 2)}\n`);
    await writeFile(path.join(options.outDir, 'scale.svg'), chart);
  }
  out('');
  out(scaleTable(rows));
  return rows;
}
