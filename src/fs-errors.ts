/** What the file system's error codes mean, in words a person can act on. */
const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error (a failing disk or network mount)',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EBUSY: 'busy',
  ENXIO: 'no device behind it',
  ESTALE: 'stale network file handle',
};

/** The errno code of a Node.js file-system error, or null for any other value. */
export function errnoCode(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/u.test(code) ? code : null;
}

/**
 * `ENOSPC: no space left on the device`: the code, for searching, then what it means. Falls back
 * to the error's own message for errors without a known code.
 */
export function describeFsError(error: unknown): string {
  const code = errnoCode(error);
  if (code !== null) return WORDS[code] ? `${code}: ${WORDS[code]}` : code;
  return error instanceof Error ? error.message : String(error);
}
