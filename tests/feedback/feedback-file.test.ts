import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackFile } from '../../src/feedback/feedback-file.ts';
import type { AnswerRecord } from '../../src/feedback/records.ts';
import { makeTempDir, removeTempDirs } from '../fixtures/core/fakes.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('newsdesk-feedback-');
});
afterEach(removeTempDirs);

const RAW_USER = '123456789012345678';

async function answer(file: FeedbackFile, message = 'm1'): Promise<AnswerRecord> {
  return { type: 'answer', at: '2025-01-01T00:00:00.000Z', guild: 'g', channel: 'c', message, question: 'Who won?', answered: true, refusal: null, cited: [{ article: 'a', startPos: 0, endPos: 5 }], user: await file.hashUser(RAW_USER) };
}

describe('FeedbackFile', () => {
  it('GIVEN records appended THEN they read back in order, and no raw user id is on disk', async () => {
    const file = new FeedbackFile(path.join(dir, 'feedback', 'feedback.jsonl'), () => {});
    const record = await answer(file);
    expect(await file.append(record)).toBe(true);
    expect(await file.append({ type: 'vote', at: record.at, message: 'm1', user: await file.hashUser(RAW_USER), vote: 'down' })).toBe(true);
    expect((await file.read()).records).toEqual([record, expect.objectContaining({ type: 'vote', vote: 'down' })]);
    const onDisk = await readFile(file.file, 'utf8');
    expect(onDisk).not.toContain(RAW_USER);
    expect(onDisk.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('GIVEN the same user twice THEN the same hash; another user or another installation THEN another', async () => {
    const one = new FeedbackFile(path.join(dir, 'one', 'f.jsonl'), () => {});
    const again = new FeedbackFile(path.join(dir, 'one', 'f.jsonl'), () => {});
    const other = new FeedbackFile(path.join(dir, 'two', 'f.jsonl'), () => {});
    const hash = await one.hashUser(RAW_USER);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(await again.hashUser(RAW_USER)).toBe(hash);
    expect(await one.hashUser('42')).not.toBe(hash);
    expect(await other.hashUser(RAW_USER)).not.toBe(hash);
    expect((await stat(path.join(dir, 'one', 'f.jsonl.salt'))).mode & 0o077).toBe(0);
  });

  it('GIVEN cut and hand-edited lines THEN they are skipped and counted', async () => {
    const file = new FeedbackFile(path.join(dir, 'f.jsonl'), () => {});
    const record = await answer(file);
    await writeFile(file.file, `${JSON.stringify(record)}\n{"type":"vote","at":\nnot json\n{"type":"vote","at":"x","message":"m1","user":"u","vote":"sideways"}\n`);
    expect(await file.read()).toEqual({ records: [record], malformed: 3 });
  });

  it('GIVEN no file yet THEN no records', async () => {
    expect(await new FeedbackFile(path.join(dir, 'none.jsonl'), () => {}).read()).toEqual({ records: [], malformed: 0 });
  });

  async function expectReportedOnce(target: string): Promise<void> {
    const reports: string[] = [];
    const file = new FeedbackFile(target, (message) => reports.push(message));
    const record = await answer(file);
    expect(await file.append(record)).toBe(false);
    expect(await file.append(record)).toBe(false);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('FEEDBACK_FILE');
  }

  it('GIVEN a folder where the file should be THEN append resolves false and the failure is reported once', async () => {
    const target = path.join(dir, 'f.jsonl');
    await mkdir(target);
    await expectReportedOnce(target);
  });

  it.skipIf(process.getuid?.() === 0)('GIVEN a read-only folder THEN append resolves false and the failure is reported once', async () => {
    const target = path.join(dir, 'ro', 'f.jsonl');
    await mkdir(path.dirname(target));
    await chmod(path.dirname(target), 0o500);
    await expectReportedOnce(target);
  });
});
