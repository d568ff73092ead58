import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NewsdeskError } from '../errors.ts';
import type { SkippedFile } from '../store/refresh-summary.ts';
import type { Article } from './article.ts';
import { decodeArticleBytes, type Encoding } from './decode.ts';
import { formatOf, prepareArticle } from './prepare.ts';

/** File endings read as articles; `.html` pages go through article extraction. */
const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);

/** Files that describe a corpus rather than belong to it. */
const DOCUMENTATION_NAMES = /^(readme|license|licence|changelog|copying|notice)(\.|$)/i;

/** What reading a corpus folder gave. */
export interface LoadedCorpus {
  /** Articles in path order, each id unique, no two with the same text. */
  articles: Article[];
  skipped: SkippedFile[];
  /** Files read in a fallback encoding: kept, but worth knowing about. */
  recoded: { file: string; encoding: Encoding }[];
}

export interface LoadCorpusOptions {
  /** Files above this size are skipped, in bytes. */
  maxFileBytes: number;
  /** Outlet for articles whose page names none (e.g. a corpus of one publication). */
  defaultOutlet?: string | null;
}

/** Every file below `dir`, as sorted paths relative to it with `/` separators; dot-entries skipped. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(relative);
  }
  return files;
}

/** `business/001.txt` → `business/001`: stable across refreshes, readable in citations. */
export function articleIdOf(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Reads, decodes and cleans every article file below `corpusDir`. Never throws for one bad
 * file: it is listed in `skipped` with the reason. Throws NewsdeskError `CORPUS_MISSING` when
 * the folder itself cannot be read.
 */
export async function loadCorpus(corpusDir: string, options: LoadCorpusOptions): Promise<LoadedCorpus> {
  let files: string[];
  try {
    if (!(await stat(corpusDir)).isDirectory()) throw new Error('not a folder');
    files = await listFiles(corpusDir);
  } catch (cause) {
    throw new NewsdeskError('CORPUS_MISSING', `The corpus folder ${corpusDir} cannot be read (${(cause as Error).message}). Set CORPUS_DIR or pass --corpus.`, { cause });
  }
  const result: LoadedCorpus = { articles: [], skipped: [], recoded: [] };
  const byText = new Map<string, string>();
  const ids = new Set<string>();
  // Files are read a window at a time, in parallel (the cost is waiting on the disk), then
  // processed in path order so ids, duplicates and skips do not depend on timing.
  for (let start = 0; start < files.length; start += READ_WINDOW) {
    const window = files.slice(start, start + READ_WINDOW);
    const reads = await Promise.all(window.map((file) => readArticleFile(corpusDir, file, options.maxFileBytes)));
    window.forEach((file, i) => {
      const skip = (reason: string) => result.skipped.push({ file, reason });
      const read = reads[i]!;
      if ('reason' in read) return skip(read.reason);
      const id = articleIdOf(file);
      if (ids.has(id)) return skip(`another file already has the article id "${id}"`);
      const decoded = decodeArticleBytes(read.bytes);
      if (!decoded.ok) return skip(decoded.reason);
      const prepared = prepareArticle({ file, raw: decoded.text, format: formatOf(file), defaultOutlet: options.defaultOutlet ?? null });
      if (!prepared.ok) return skip(prepared.reason);
      const textKey = createHash('sha256').update(prepared.article.text).digest('hex');
      const twin = byText.get(textKey);
      if (twin !== undefined) return skip(`same article text as ${twin}`);
      byText.set(textKey, id);
      if (decoded.encoding !== 'utf-8') result.recoded.push({ file, encoding: decoded.encoding });
      ids.add(id);
      result.articles.push({ ...prepared.article, id, file });
    });
  }
  return result;
}

/** Files read at the same time. */
const READ_WINDOW = 32;

/** The bytes of an article file, or why it is not read: its name, type, size or access. */
async function readArticleFile(corpusDir: string, file: string, maxFileBytes: number): Promise<{ bytes: Buffer } | { reason: string }> {
  const extension = path.extname(file).toLowerCase();
  if (DOCUMENTATION_NAMES.test(path.basename(file))) return { reason: 'documentation file, not an article' };
  if (!ARTICLE_EXTENSIONS.has(extension)) return { reason: `unsupported file type "${extension || '(none)'}" (expected .txt, .md or .html)` };
  try {
    const size = (await stat(path.join(corpusDir, file))).size;
    if (size > maxFileBytes) return { reason: `too large (${megabytes(size)}; the limit MAX_FILE_BYTES is ${megabytes(maxFileBytes)})` };
    const bytes = await readFile(path.join(corpusDir, file));
    if (bytes.toString('latin1').trim() === '') return { reason: 'empty file' };
    return { bytes };
  } catch (error) {
    return { reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
