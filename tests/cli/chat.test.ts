import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NOT_FOUND } from '../../src/answer/render.ts';
import { CHAT_BANNER, runChat } from '../../src/cli/chat.ts';
import { FakeDesk } from '../bot/fake-desk.ts';
import { memoryLogger } from '../bot/harness.ts';

async function chat(lines: string[], desk = new FakeDesk()): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = runChat({ desk, log: memoryLogger([]), input, output });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return text;
}

describe('runChat', () => {
  it('GIVEN questions on stdin THEN answers rendered like the bot, and how to connect to Discord', async () => {
    const out = await chat(['who won the series?', '', 'what is the weather on mars?', 'exit', 'never asked']);
    expect(out.startsWith(CHAT_BANNER)).toBe(true);
    expect(out).toContain('DISCORD_TOKEN');
    expect(out).toContain('> "India won the final Test by seven wickets to take the series 3-1." [1]');
    expect(out).toContain('[1] India win the series 3-1 — The Hindu, 2025-10-28 · sport/014');
    expect(out).toContain(NOT_FOUND);
    expect(out).not.toContain('never asked');
  });

  it('GIVEN a question the desk rejects THEN its message, and the loop goes on', async () => {
    const desk = new FakeDesk();
    const out = await chat(['???', 'who won the series?'], desk);
    expect(out).toContain('Please ask a question in words.');
    expect(desk.calls.filter((c) => c.method === 'ask')).toHaveLength(2);
  });
});
