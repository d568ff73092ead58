import { randomBytes } from 'node:crypto';
import { link, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import type { ArticleMeta } from '../ingest/article.ts';
import { articleFileKind, articleFromBytes, articleIdOf, tooLarge } from '../ingest/load-corpus.ts';
import { syncFolder, writeFlushed } from '../store/atomic-file.ts';
import { safeUploadName } from './upload-name.ts';

/** An article file a moderator hands over: its name as uploaded, and its bytes. */
export interface Upload {
  name: string;
  bytes: Buffer;
}

export interface AddArticlesOptions {
  corpusDir: string;
  maxFileBytes: number;
  /** Overwrite an article file of the same name; otherwise such an upload is refused. */
  replace: boolean;
  /** The id of an indexed article with this text key (see `textKeyOf`), if there is one. */
  articleWithText: (textKey: string) => string | null;
  defaultOutlet?: string | null;
}

/** What became of one upload: saved as `file` (an article id to cite), or refused and why. */
export type UploadOutcome =
  | { upload: string; saved: true; file: string; replaced: boolean; article: Pick<ArticleMeta, 'id' | 'title' | 'outlet' | 'agency' | 'published'> }
  | { upload: string; saved: false; reason: string };

/**
 * Checks every upload exactly as the ingest would read it (ending, size, encoding, binary,
 * empty, furniture only, same text as an indexed article or as another upload) and only then
 * saves the accepted ones in the corpus folder under a safe name (`safeUploadName`). A file
 * of the same name is overwritten only with `replace`. Each file appears whole or not at all:
 * it is written under a hidden name, flushed, then linked (or, to replace, renamed) into place.
 */
export async function addArticles(uploads: readonly Upload[], options: AddArticlesOptions): Promise<UploadOutcome[]> {
  const outcomes: UploadOutcome[] = [];
  // Accepted uploads, by their place in `outcomes`: nothing is written until all are checked.
  const accepted = new Map<number, Upload>();
  // File names at the top of the corpus, and of uploads accepted so far.
  const taken = new Map<string, 'corpus' | 'upload'>();
  let present: string[];
  try {
    present = await readdir(options.corpusDir);
  } catch (cause) {
    throw new NewsdeskError('CORPUS_MISSING', `The corpus folder ${options.corpusDir} cannot be read (${describeFsError(cause)}); nothing was added.`, { cause });
  }
  for (const name of present) taken.set(name, 'corpus');
  const texts = new Map<string, string>();
  for (const upload of uploads) {
    const outcome = check(upload, options, taken, texts);
    if (outcome.saved) accepted.set(outcomes.length, upload);
    outcomes.push(outcome);
  }
  for (const [at, upload] of accepted) {
    const outcome = outcomes[at] as UploadOutcome & { saved: true };
    try {
      await saveFile(options.corpusDir, outcome.file, upload.bytes, options.replace);
    } catch (error) {
      outcomes[at] = { upload: upload.name, saved: false, reason: `could not be saved in the corpus folder (${describeFsError(error)})` };
    }
  }
  return outcomes;
}

/**
 * One upload checked against the ingest's rules and what is already there. `taken` holds the
 * file names in the corpus folder and of uploads accepted before this one, `texts` their text
 * keys; both grow when it is accepted.
 */
function check(upload: Upload, options: AddArticlesOptions, taken: Map<string, 'corpus' | 'upload'>, texts: Map<string, string>): UploadOutcome {
  const refuse = (reason: string): UploadOutcome => ({ upload: upload.name, saved: false, reason });
  const file = safeUploadName(upload.name);
  const unfit = articleFileKind(file);
  if (unfit) return refuse(unfit.reason);
  if (upload.bytes.length > options.maxFileBytes) return refuse(tooLarge(upload.bytes.length, options.maxFileBytes).reason);
  const id = articleIdOf(file);
  // "x.md" beside "x.txt" would have the same id, and the ingest would read only one.
  const clash = [...taken].find(([name]) => articleIdOf(name) === id && articleFileKind(name) === null);
  if (clash) {
    const [name, source] = clash;
    if (source === 'upload') return refuse(`another upload is also saved as ${name}`);
    if (name !== file) return refuse(`the article id "${id}" is taken by ${name}`);
    if (!options.replace) return refuse(`an article file named ${file} is already in the corpus; add it with replace:true to overwrite it`);
  }
  const read = articleFromBytes(file, upload.bytes, options.defaultOutlet ?? null);
  if ('reason' in read) return refuse(read.reason);
  const twin = texts.get(read.textKey) ?? options.articleWithText(read.textKey);
  if (twin !== null && twin !== undefined && !(clash && twin === id)) return refuse(`same article text as ${twin}`);
  taken.set(file, 'upload');
  texts.set(read.textKey, id);
  const { title, outlet, agency, published } = read.article;
  return { upload: upload.name, saved: true, file, replaced: clash !== undefined, article: { id, title, outlet, agency, published } };
}

/** Writes `bytes` to `corpusDir/file` whole or not at all; without `replace`, never over an existing file. */
async function saveFile(corpusDir: string, file: string, bytes: Buffer, replace: boolean): Promise<void> {
  // Hidden, so a refresh that lists the folder meanwhile never reads it half-written.
  const temporary = path.join(corpusDir, `.upload-${randomBytes(6).toString('hex')}`);
  const target = path.join(corpusDir, file);
  try {
    await writeFlushed(temporary, bytes);
    // link() fails if the target appeared since the check; rename() replaces it atomically.
    if (replace) await rename(temporary, target);
    else await link(temporary, target);
    await syncFolder(corpusDir);
  } finally {
    await rm(temporary, { force: true });
  }
}
