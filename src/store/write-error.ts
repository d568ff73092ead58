import { NewsdeskError } from '../errors.ts';
import { describeFsError, errnoCode } from '../fs-errors.ts';

/** What went wrong, said about the index folder, and what the operator can do about it. */
function explain(code: string | null, indexDir: string, cause: unknown): string {
  switch (code) {
    case 'ENOSPC':
      return `no space left on the device holding ${indexDir}. Free some space, or point INDEX_DIR at a larger disk, and refresh again.`;
    case 'EDQUOT':
      return `the disk quota of this user is used up on the device holding ${indexDir}. Free some space, or point INDEX_DIR elsewhere, and refresh again.`;
    case 'EROFS':
      return `${indexDir} is on a read-only file system. Mount it writable, or point INDEX_DIR at a writable folder.`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied in ${indexDir}. Give this user write access to it, or point INDEX_DIR at a folder it can write.`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${indexDir} (or a folder above it) is a file, not a folder. Point INDEX_DIR at a folder.`;
    default:
      return `${describeFsError(cause)}.`;
  }
}

/** True for failures of the file system (a code such as ENOSPC), as opposed to bugs. */
export function isFsError(error: unknown): boolean {
  return errnoCode(error) !== null;
}

/**
 * NewsdeskError `INDEX_WRITE_FAILED` for a file-system failure while writing in the index folder:
 * names INDEX_DIR and the cause in words, and says the index in use is untouched.
 */
export function indexWriteFailed(indexDir: string, cause: unknown): NewsdeskError {
  const reason = explain(errnoCode(cause), indexDir, cause);
  return new NewsdeskError('INDEX_WRITE_FAILED', `The index in INDEX_DIR (${indexDir}) could not be written: ${reason} The index in use, if any, is unchanged.`, { cause });
}
