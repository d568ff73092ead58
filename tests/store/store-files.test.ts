import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { syncFolder, writeFileAtomic } from '../../src/store/atomic-file.ts';
import { acquireRefreshLock, RefreshBusyError, type LockHolder } from '../../src/store/refresh-lock.ts';
import { makeTempDir, removeTempDirs } from '../fixtures/core/fakes.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('newsdesk-store-');
});
afterEach(removeTempDirs);

describe('writeFileAtomic', () => {
  it.each([
    ['a string', 'hello “world”\n', 'hello “world”\n'],
    ['bytes', Uint8Array.from([104, 105]), 'hi'],
    ['empty content', '', ''],
  ] as const)('GIVEN %s THEN the file holds exactly it and no temporary file is left', async (_name, data, expected) => {
    const file = path.join(dir, 'out.json');
    await writeFileAtomic(file, data);
    expect(await readFile(file, 'utf8')).toBe(expected);
    expect(await readdir(dir)).toEqual(['out.json']);
  });

  it('GIVEN an existing file THEN it is replaced whole', async () => {
    const file = path.join(dir, 'CURRENT');
    await writeFile(file, 'old-version-name-that-is-longer\n');
    await writeFileAtomic(file, 'v2\n');
    expect(await readFile(file, 'utf8')).toBe('v2\n');
    expect(await readdir(dir)).toEqual(['CURRENT']);
  });

  it('GIVEN the rename fails (target is a non-empty folder) THEN it rejects and removes its temporary file', async () => {
    const target = path.join(dir, 'taken');
    await mkdir(path.join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('GIVEN a folder that does not exist THEN writing rejects', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'f'), 'x')).rejects.toThrow();
  });

  it('GIVEN syncFolder on a missing folder THEN it does not throw', async () => {
    await expect(syncFolder(path.join(dir, 'missing'))).resolves.toBeUndefined();
  });
});

/** A pid that certainly ran on this host and has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(child.pid).toBeGreaterThan(0);
  return child.pid!;
}

const lockFile = () => path.join(dir, 'refresh.lock');
const writeHolder = (holder: Partial<LockHolder>) =>
  writeFile(lockFile(), JSON.stringify({ pid: process.pid, host: hostname(), startedBy: 'someone', startedAt: '2025-01-01T00:00:00.000Z', ...holder }));

describe('acquireRefreshLock', () => {
  it('GIVEN a free lock THEN it is taken with our holder, and released', async () => {
    const release = await acquireRefreshLock(dir, 'tester');
    const holder = JSON.parse(await readFile(lockFile(), 'utf8')) as LockHolder;
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), startedBy: 'tester' });
    // Only the lock itself; the draft it was linked from is gone.
    expect(await readdir(dir)).toEqual(['refresh.lock']);
    await release();
    expect(await readdir(dir)).toEqual([]);
    await release(); // twice is harmless
  });

  it('GIVEN a folder that does not exist yet THEN it is created', async () => {
    const release = await acquireRefreshLock(path.join(dir, 'new', 'index'), 'tester');
    await release();
  });

  it('GIVEN a second acquire in the same process THEN RefreshBusyError names the holder', async () => {
    const release = await acquireRefreshLock(dir, 'first user');
    try {
      const error = await acquireRefreshLock(dir, 'second user').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RefreshBusyError);
      expect(isNewsdeskError(error, 'REFRESH_BUSY')).toBe(true);
      expect((error as RefreshBusyError).holder).toMatchObject({ pid: process.pid, startedBy: 'first user' });
      expect((error as Error).message).toContain('first user');
    } finally {
      await release();
    }
    // Free again once released.
    const again = await acquireRefreshLock(dir, 'second user');
    await again();
  });

  it.each([
    ['a dead pid on this host', async () => writeHolder({ pid: deadPid() })],
    ['an unreadable lock file', async () => writeFile(lockFile(), '{not json')],
  ])('GIVEN a stale lock (%s) THEN it is taken over', async (_name, prepare) => {
    await prepare();
    const release = await acquireRefreshLock(dir, 'taker');
    const holder = JSON.parse(await readFile(lockFile(), 'utf8')) as LockHolder;
    expect(holder).toMatchObject({ pid: process.pid, startedBy: 'taker' });
    await release();
  });

  it.each([
    ['a live pid on this host', () => writeHolder({ pid: process.ppid, startedBy: 'parent' })],
    ['a dead pid on another host (cannot be checked)', () => writeHolder({ pid: deadPid(), host: `not-${hostname()}`, startedBy: 'remote' })],
  ])('GIVEN a lock held by %s THEN RefreshBusyError', async (_name, prepare) => {
    await prepare();
    await expect(acquireRefreshLock(dir, 'me')).rejects.toBeInstanceOf(RefreshBusyError);
    // The holder's lock is left alone.
    expect(await readdir(dir)).toEqual(['refresh.lock']);
  });

  it('GIVEN our lock was taken over by someone else THEN our release leaves theirs in place', async () => {
    const release = await acquireRefreshLock(dir, 'me');
    await writeHolder({ pid: process.ppid, startedBy: 'other', startedAt: '2030-01-01T00:00:00.000Z' });
    await release();
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toMatchObject({ startedBy: 'other' });
  });

  it('GIVEN many concurrent acquires THEN exactly one wins', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => acquireRefreshLock(dir, `racer ${i}`)));
    const won = results.filter((r): r is PromiseFulfilledResult<() => Promise<void>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(RefreshBusyError);
    await won[0]!.value();
  });
});
