import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NewsdeskError } from '../errors.ts';

/** Who runs a refresh and since when: what someone whose refresh is refused is told. */
export interface RefreshHolder {
  startedBy: string;
  /** ISO timestamp. */
  startedAt: string;
}

/** Who holds the refresh lock. */
export interface LockHolder extends RefreshHolder {
  pid: number;
  host: string;
}

/** Thrown when a refresh is already under way; `holder` says whose. */
export class RefreshBusyError extends NewsdeskError {
  readonly holder: LockHolder;

  constructor(holder: LockHolder) {
    super('REFRESH_BUSY', `A refresh started by ${holder.startedBy} at ${holder.startedAt} is still running.`);
    this.holder = holder;
  }
}

const LOCK_FILE = 'refresh.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/**
 * Takes the index folder's refresh lock, one holder across processes (an exclusive link). A
 * lock left by a process of this host that no longer runs (`kill -9`, a crash) is taken over.
 * Throws RefreshBusyError when a live process holds it. Returns the release function.
 */
export async function acquireRefreshLock(indexDir: string, startedBy: string): Promise<() => Promise<void>> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), startedBy, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    // The holder is written first and linked into place, so the lock file never exists
    // without its content (link fails when the name exists: the exclusive step).
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.draft`;
    await writeFile(draft, JSON.stringify(me));
    try {
      await link(draft, file);
      return async () => {
        const holder = await readHolder(file);
        if (holder?.pid === me.pid && holder.startedAt === me.startedAt) await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft).catch(() => {});
    }
    const holder = await readHolder(file);
    // An unreadable holder is damage from outside; one on this host whose process is gone
    // died holding it (`kill -9`). Either way nobody is refreshing.
    const stale = holder === null || (holder.host === me.host && !isAlive(holder.pid));
    if (!stale) throw new RefreshBusyError(holder);
    await unlink(file).catch(() => {});
  }
  throw new NewsdeskError('REFRESH_BUSY', 'Could not take the refresh lock; another refresh keeps taking it.');
}
