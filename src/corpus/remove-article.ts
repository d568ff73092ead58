import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';

/** Folder inside the corpus where removed article files are kept; hidden, so never indexed. */
export const REMOVED_FOLDER = '.removed';

/**
 * Moves the article file `file` (relative to the corpus folder, with `/`) into
 * `<corpus>/.removed/<timestamp>/<file>`: nothing is deleted, and moving it back restores it.
 * Returns where it went, relative to the corpus folder. Throws NewsdeskError
 * `ARTICLE_UNKNOWN` when the file is not there, `CORPUS_MISSING` when it cannot be moved.
 */
export async function removeArticleFile(corpusDir: string, file: string, now = new Date()): Promise<string> {
  const parts = file.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..') || path.isAbsolute(file)) {
    throw new NewsdeskError('ARTICLE_UNKNOWN', `"${file}" is not a file of the corpus.`);
  }
  const stamp = now.toISOString().replace(/[:.]/gu, '-');
  const destination = [REMOVED_FOLDER, stamp, ...parts].join('/');
  try {
    await mkdir(path.join(corpusDir, REMOVED_FOLDER, stamp, ...parts.slice(0, -1)), { recursive: true });
    await rename(path.join(corpusDir, ...parts), path.join(corpusDir, ...destination.split('/')));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NewsdeskError('ARTICLE_UNKNOWN', `The file ${file} is no longer in the corpus folder.`, { cause });
    }
    throw new NewsdeskError('CORPUS_MISSING', `The file ${file} could not be moved to ${REMOVED_FOLDER}/ (${describeFsError(cause)}); it is still indexed.`, { cause });
  }
  return destination;
}
