import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { NewsdeskError } from '../errors.ts';
import { describeFsError } from '../fs-errors.ts';
import { isFeedbackRecord, type FeedbackRecord } from './records.ts';

/** Longest comment kept, in characters; Discord's modal allows 4,000. */
export const MAX_COMMENT_CHARS = 1000;

/**
 * The feedback file: append-only JSON lines, one record each, written with one `write` of a
 * whole line to a file opened for appending, so lines from concurrent writers never interleave
 * and a crash loses at most the line being written. User ids are stored only as HMACs keyed
 * with a salt kept beside the file (`<file>.salt`, created once, readable by the owner only).
 *
 * Writing never throws: a full disk, a read-only folder or a missing permission is reported
 * once through `onError`, and answering goes on without feedback.
 */
export class FeedbackFile {
  private salt: Promise<Buffer> | null = null;
  private failed = false;

  constructor(
    readonly file: string,
    private readonly onError: (message: string) => void,
  ) {}

  /** A user id as stored: an HMAC of it with this installation's salt, 32 hex digits. */
  async hashUser(userId: string): Promise<string> {
    const salt = await (this.salt ??= this.loadSalt());
    return createHmac('sha256', salt).update(userId).digest('hex').slice(0, 32);
  }

  /** Appends one record; resolves false (after reporting once) when it cannot be written. */
  async append(record: FeedbackRecord): Promise<boolean> {
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      const handle = await open(this.file, 'a', 0o600);
      try {
        await handle.write(`${JSON.stringify(record)}\n`);
      } finally {
        await handle.close();
      }
      this.failed = false;
      return true;
    } catch (error) {
      if (!this.failed) this.onError(`Feedback cannot be written to ${this.file} (${describeFsError(error)}); answers go on without it. Check FEEDBACK_FILE.`);
      this.failed = true;
      return false;
    }
  }

  /**
   * Every well-formed record, in order, and how many lines were not (cut or hand-edited); none
   * when the file does not exist yet. Throws NewsdeskError `INPUT_MISSING` when it cannot be read.
   */
  async read(): Promise<{ records: FeedbackRecord[]; malformed: number }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], malformed: 0 };
      throw new NewsdeskError('INPUT_MISSING', `The feedback file ${this.file} cannot be read (${describeFsError(error)}). Check FEEDBACK_FILE.`, { cause: error });
    }
    const records: FeedbackRecord[] = [];
    let malformed = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (isFeedbackRecord(value)) records.push(value);
        else malformed++;
      } catch {
        malformed++;
      }
    }
    return { records, malformed };
  }

  private async loadSalt(): Promise<Buffer> {
    const saltFile = `${this.file}.salt`;
    try {
      const existing = await readFile(saltFile);
      if (existing.length >= 16) return existing;
    } catch {
      // Created below.
    }
    const salt = randomBytes(32);
    try {
      await mkdir(path.dirname(saltFile), { recursive: true });
      // 'wx': of two processes starting at once, one writes the salt and the other reads it.
      const handle = await open(saltFile, 'wx', 0o600);
      try {
        await handle.write(salt);
      } finally {
        await handle.close();
      }
      return salt;
    } catch (error) {
      // Another process wrote the salt first: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        const theirs = await readFile(saltFile).catch(() => null);
        if (theirs && theirs.length >= 16) return theirs;
      }
      // No place to keep a salt: hash with one that lives as long as the process, so no raw
      // id is ever written, at the cost of votes after a restart counting as new voters.
      return salt;
    }
  }
}
