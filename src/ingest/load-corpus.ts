import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { NewsdeskError } from '../errors.ts';
import { describeFsError, errnoCode } from '../fs-errors.ts';
import type { SkipKind, SkippedFile } from './skipped.ts';
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
  /** Told `done` of `total` files read: first with 0, once the folder is listed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The article an earlier read made of these exact bytes, to skip cleaning it again (the
   * costly part of reading a corpus); undefined to clean it.
   */
  reuse?: (id: string, bytes: Buffer) => Omit<Article, 'id' | 'file'> | undefined;
  /** Told each article as it is accepted, in path order; what it throws stops the read. */
  onArticle?: (article: Article) => void;
}

/** The files to read below a corpus folder, and what was passed over while listing them. */
interface Listing {
  files: string[];
  skipped: SkippedFile[];
}

/** What a directory entry that is neither a file nor a folder is, in words. */
function specialKind(entry: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string {
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'not a file or folder';
}

/** Reading a pipe or a device can wait forever; only regular files are ever opened. */
const notRegular = (what: string): Pick<SkippedFile, 'reason' | 'kind'> => ({ reason: `${what}, not a regular file; never opened`, kind: 'not-regular' });

const isInside = (real: string, rootReal: string) => real === rootReal || real.startsWith(`${rootReal}${path.sep}`);

/**
 * Lists every regular file below the corpus folder as sorted paths relative to it with `/`
 * separators; dot-entries are passed over. Symbolic links to files are read; links to folders
 * outside the corpus are followed, once per real folder (so a loop ends); links to folders
 * inside it are not, since those files are read under their own path. An unreadable subfolder
 * is skipped with the reason. Throws only when the corpus folder itself cannot be listed.
 */
async function listCorpus(corpusDir: string): Promise<Listing> {
  const listing: Listing = { files: [], skipped: [] };
  const rootReal = await realpath(corpusDir);
  // Real paths of followed folder links, with where they were first read.
  const followed = new Map<string, string>();
  const walk = async (prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(corpusDir, prefix), { withFileTypes: true });
    } catch (error) {
      if (prefix === '') throw error;
      listing.skipped.push({ file: `${prefix}/`, reason: `unreadable folder (${describeFsError(error)}); its files were not read`, kind: 'unreadable' });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(relative);
      else if (entry.isFile()) listing.files.push(relative);
      else if (!entry.isSymbolicLink()) listing.skipped.push({ file: relative, ...notRegular(specialKind(entry)) });
      else {
        const skip = await followLink(relative);
        if (skip === 'folder') await walk(relative);
        else if (skip !== null) listing.skipped.push({ file: relative, ...skip });
      }
    }
  };
  /** Where a symbolic link leads: a file to read (null), a folder to walk, or why not. */
  const followLink = async (relative: string): Promise<Pick<SkippedFile, 'reason' | 'kind'> | 'folder' | null> => {
    const full = path.join(corpusDir, relative);
    let target;
    let real;
    try {
      target = await stat(full);
      real = await realpath(full);
    } catch (error) {
      return { reason: `unreadable (${describeFsError(error)}): a symbolic link to nothing readable`, kind: 'unreadable' };
    }
    if (target.isFile()) {
      listing.files.push(relative);
      return null;
    }
    if (!target.isDirectory()) return notRegular(`a symbolic link to ${specialKind(target)}`);
    if (isInside(real, rootReal)) {
      const where = path.relative(rootReal, real).split(path.sep).join('/') || 'the corpus folder itself';
      return { reason: `symbolic link to a folder inside the corpus (${where}), whose files are read there; not followed`, kind: 'symlink' };
    }
    const first = followed.get(real);
    if (first !== undefined) return { reason: `symbolic link to ${real}, already read as ${first}/ (a loop or a second link); not followed again`, kind: 'symlink' };
    followed.set(real, relative);
    return 'folder';
  };
  await walk('');
  return listing;
}

/** `business/001.txt` → `business/001`: stable across refreshes, readable in citations. */
export function articleIdOf(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Why a file of `size` bytes is not read. */
export function tooLarge(size: number, maxFileBytes: number): Pick<SkippedFile, 'reason' | 'kind'> {
  return { reason: `too large (${megabytes(size)}; the limit MAX_FILE_BYTES is ${megabytes(maxFileBytes)})`, kind: 'too-large' };
}

/**
 * Throws NewsdeskError `CORPUS_MISSING` unless `corpusDir` is a folder that can be listed.
 * Checked before anything else a refresh does (loading a model, creating the index folder), so
 * a mistyped folder is the first and only thing reported.
 */
export async function assertCorpusFolder(corpusDir: string): Promise<void> {
  try {
    if (!(await stat(corpusDir)).isDirectory()) throw corpusMissing(corpusDir, 'is a file, not a folder');
    await access(corpusDir, constants.R_OK | constants.X_OK);
  } catch (cause) {
    throw corpusMissing(corpusDir, cause);
  }
}

/** `problem` is what is wrong in words, or the error met while reading the folder. */
function corpusMissing(corpusDir: string, problem: unknown): NewsdeskError {
  if (problem instanceof NewsdeskError) return problem;
  const words = typeof problem === 'string' ? problem : errnoCode(problem) === 'ENOENT' ? 'does not exist' : `cannot be read (${describeFsError(problem)})`;
  return new NewsdeskError('CORPUS_MISSING', `The corpus folder ${corpusDir} ${words}. Set CORPUS_DIR in .env to the folder of article files (or pass --corpus DIR to npm run ingest).`, {
    ...(typeof problem !== 'string' && { cause: problem }),
  });
}

/**
 * Reads, decodes and cleans every article file below `corpusDir`. Never throws for one bad
 * file: it is listed in `skipped` with the reason. Throws NewsdeskError `CORPUS_MISSING` when
 * the folder itself cannot be read.
 */
export async function loadCorpus(corpusDir: string, options: LoadCorpusOptions): Promise<LoadedCorpus> {
  let listing: Listing;
  try {
    await assertCorpusFolder(corpusDir);
    listing = await listCorpus(corpusDir);
  } catch (cause) {
    throw corpusMissing(corpusDir, cause);
  }
  const { files } = listing;
  const result: LoadedCorpus = { articles: [], skipped: [...listing.skipped], recoded: [] };
  const byText = new Map<string, string>();
  const ids = new Set<string>();
  options.onProgress?.(0, files.length);
  // Files are read a window at a time, in parallel (the cost is waiting on the disk), then
  // processed in path order so ids, duplicates and skips do not depend on timing.
  for (let start = 0; start < files.length; start += READ_WINDOW) {
    const window = files.slice(start, start + READ_WINDOW);
    const reads = await Promise.all(window.map((file) => readArticleFile(corpusDir, file, options.maxFileBytes)));
    window.forEach((file, i) => {
      const skip = (kind: SkipKind, reason: string) => result.skipped.push({ file, reason, kind });
      const read = reads[i]!;
      if ('reason' in read) return skip(read.kind, read.reason);
      const id = articleIdOf(file);
      if (ids.has(id)) return skip('same-id', `another file already has the article id "${id}"`);
      const article = articleFromBytes(file, read.bytes, options.defaultOutlet ?? null, options.reuse);
      if ('reason' in article) return skip(article.kind, article.reason);
      const twin = byText.get(article.textKey);
      if (twin !== undefined) return skip('duplicate', `same article text as ${twin}`);
      byText.set(article.textKey, id);
      if (article.encoding !== 'utf-8') result.recoded.push({ file, encoding: article.encoding });
      ids.add(id);
      result.articles.push(article.article);
      options.onArticle?.(article.article);
    });
    options.onProgress?.(start + window.length, files.length);
  }
  result.skipped.sort((a, b) => a.file.localeCompare(b.file));
  return result;
}

/** Key of an article's cleaned text: two files with the same key are the same article. */
export function textKeyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One file's bytes as an article, exactly as the ingest reads it (decoded, cleaned, with its
 * metadata), or why it is none: binary, or no article text once page furniture is removed.
 */
export function articleFromBytes(
  file: string,
  bytes: Buffer,
  defaultOutlet: string | null,
  reuse?: LoadCorpusOptions['reuse'],
): { article: Article; textKey: string; encoding: Encoding } | Pick<SkippedFile, 'reason' | 'kind'> {
  if (bytes.toString('latin1').trim() === '') return { reason: 'empty file', kind: 'empty' };
  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return { reason: decoded.reason, kind: 'binary' };
  const reused = reuse?.(articleIdOf(file), bytes);
  const prepared = reused ? { ok: true as const, article: reused } : prepareArticle({ file, raw: decoded.text, format: formatOf(file), defaultOutlet });
  if (!prepared.ok) return { reason: prepared.reason, kind: 'no-text' };
  return { article: { ...prepared.article, id: articleIdOf(file), file }, textKey: textKeyOf(prepared.article.text), encoding: decoded.encoding };
}

/** Whether a file name has an ending read as an article, and is not documentation. */
export function articleFileKind(file: string): Pick<SkippedFile, 'reason' | 'kind'> | null {
  const extension = path.extname(file).toLowerCase();
  if (DOCUMENTATION_NAMES.test(path.basename(file))) return { reason: 'documentation file, not an article', kind: 'documentation' };
  if (!ARTICLE_EXTENSIONS.has(extension)) {
    return { reason: `unsupported file type "${extension || '(none)'}" (expected .txt, .md or .html)`, kind: 'unsupported' };
  }
  return null;
}

/** Files read at the same time. */
const READ_WINDOW = 32;

/** The bytes of an article file, or why it is not read: its name, type, size or access. */
async function readArticleFile(corpusDir: string, file: string, maxFileBytes: number): Promise<{ bytes: Buffer } | Pick<SkippedFile, 'reason' | 'kind'>> {
  const unfit = articleFileKind(file);
  if (unfit) return unfit;
  let handle;
  try {
    // Non-blocking, so that a file swapped for a pipe since it was listed cannot hang the open.
    handle = await open(path.join(corpusDir, file), constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) return notRegular(specialKind(stats));
    if (stats.size > maxFileBytes) return tooLarge(stats.size, maxFileBytes);
    return { bytes: await handle.readFile() };
  } catch (error) {
    return { reason: `unreadable (${describeFsError(error)})`, kind: 'unreadable' };
  } finally {
    await handle?.close();
  }
}
