import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NOT_FOUND } from '../../src/answer/render.ts';
import { CHAT_BANNER, PromptSafeStream, runChat } from '../../src/cli/chat.ts';
import { createLogger } from '../../src/log.ts';
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

describe('chat commands', () => {
  it('GIVEN help THEN the commands are listed; GIVEN a question starting with a command word THEN it is answered as a question', async () => {
    const desk = new FakeDesk();
    const out = await chat(['help', 'source of the leak?', 'status please?'], desk);
    expect(out).toContain('sources [filter]');
    expect(out).toContain('refresh');
    expect(desk.calls.filter((c) => c.method === 'ask').map((c) => c.args[0])).toEqual(['source of the leak?', 'status please?']);
  });

  it('GIVEN sources with and without a filter THEN the matching articles, numbered', async () => {
    const desk = new FakeDesk();
    const all = await chat(['sources'], desk);
    for (const article of desk.articlesList) expect(all).toContain(article.title);
    const first = desk.articlesList[0]!;
    const filtered = await chat([`sources ${first.id}`], desk);
    expect(filtered).toContain(`[1] ${first.title}`);
    expect(await chat(['sources zzzz-nothing'], desk)).toContain('No article matches "zzzz-nothing"');
  });

  it('GIVEN source with an id, with an id and text, and with a whole title THEN the article, its passages, the article', async () => {
    const desk = new FakeDesk();
    const article = desk.articlesList[0]!;
    const byId = await chat([`source ${article.id}`], desk);
    expect(byId).toContain(article.title);
    const word = article.text.split(/\s+/).find((w) => w.length > 5)!;
    expect(await chat([`source ${article.id} ${word}`], desk)).toContain('> "');
    expect(await chat([`source ${article.title}`], desk)).toContain(article.title);
    expect(await chat(['source tech/007'], desk)).toContain('— IANS, by Asha Rao, undated · tech/007');
  });

  it('GIVEN source N after an answer THEN source [N] of that answer, with the quote it cited; source alone lists them again', async () => {
    const desk = new FakeDesk();
    const out = await chat(['who won the series?', 'source 1', 'source'], desk);
    const opened = out.split('? ')[2]!;
    expect(opened).toContain('[1] India win the series 3-1 — The Hindu, 2025-10-28 · sport/014');
    expect(opened).toContain('> "India won the final Test by seven wickets to take the series 3-1." [1]');
    expect(out.split('? ')[3]).toContain('[1] India win the series 3-1');
    expect(desk.calls.filter((c) => c.method === 'ask')).toHaveLength(1);
  });

  it('GIVEN source N after a refusal THEN its related article N, opened at its start', async () => {
    const desk = new FakeDesk();
    const out = await chat(['Which captain retired?', 'source 1'], desk);
    expect(out.split('? ')[1]).toContain('Related:\n[1] India win the series 3-1');
    const opened = out.split('? ')[2]!;
    expect(opened).toContain('[1] India win the series 3-1');
    expect(opened).toContain('India won the final Test by seven wickets');
    expect(opened).not.toContain('> "');
  });

  it('GIVEN source N after sources THEN entry N of that list; a number past the list says how many there are', async () => {
    const desk = new FakeDesk();
    const second = desk.articlesList[1]!;
    const out = await chat(['sources', 'source 2', 'source 9'], desk);
    expect(out.split('? ')[2]).toContain(`[2] ${second.title}`);
    expect(out.split('? ')[3]).toContain('There is no source 9: the last list has 3.');
    expect(desk.calls.some((c) => c.method === 'ask')).toBe(false);
  });

  it.each([
    ['the start of a title, in any case', 'source central BANK', 'Central bank holds rates at 6.5%'],
    ['a word inside one title', 'source battery', 'Startup raises $20 million for battery recycling'],
    ['the start of an id', 'source tech/', 'Startup raises $20 million for battery recycling'],
  ])('GIVEN %s THEN that article opens', async (_name, line, title) => {
    const desk = new FakeDesk();
    const out = await chat([line], desk);
    expect(out).toContain(`[1] ${title}`);
    expect(out).toMatch(/\d+ words; indexed /);
    expect(desk.calls.some((c) => c.method === 'ask')).toBe(false);
  });

  it('GIVEN source naming no article, or a number before any list THEN it says so and what to type instead; a question ending in "?" is still asked', async () => {
    const desk = new FakeDesk();
    const out = await chat(['source nothing-like-this', 'source 1', 'source of the leak?'], desk);
    expect(out).toContain(`No article's id or title starts with "nothing-like-this". Type "source N"`);
    expect(out).toContain('"sources" to list the articles');
    expect(out).toContain('There is no list to take source 1 from yet');
    expect(desk.calls.filter((c) => c.method === 'ask').map((c) => c.args[0])).toEqual(['source of the leak?']);
  });

  it('GIVEN status and refresh THEN the desk status and the refresh summary', async () => {
    const desk = new FakeDesk();
    const out = await chat(['status', 'refresh'], desk);
    expect(out).toMatch(/\d+ articles, \d+ passages; embedder offline:hashing-v1 \(offline fallback\)/);
    expect(out).toContain('Indexed');
    expect(out).toContain('added 1, changed 0');
    expect(desk.calls.some((c) => c.method === 'refresh')).toBe(true);
  });
});

describe('chat follow-ups', () => {
  it('GIVEN "& …" or "and …" after an answer THEN the desk is asked with the earlier question; a plain question is asked alone', async () => {
    const desk = new FakeDesk();
    await chat(['who won the series?', '& by how much?', 'and when?', 'who won the series?'], desk);
    const asks = desk.calls.filter((c) => c.method === 'ask');
    expect(asks).toHaveLength(4);
    expect(desk.askOptions[1]).toMatchObject({ earlier: { question: 'who won the series?' } });
    expect(desk.askOptions[2]).toMatchObject({ earlier: expect.any(Object) });
    expect(desk.askOptions[3]).toEqual({});
  });

  it('GIVEN --since, --until or --outlet in a question THEN the desk is asked the rest, with that filter', async () => {
    const desk = new FakeDesk();
    await chat(['--since 2025-01 --outlet "Business Standard" who won the series?'], desk);
    expect(desk.calls.find((c) => c.method === 'ask')?.args[0]).toBe('who won the series?');
    expect(desk.askOptions[0]).toEqual({ filter: { since: '2025-01', outlet: 'Business Standard' } });
  });
});

describe('log lines in the chat', () => {
  it('GIVEN a log line while the prompt waits THEN it is on a line of its own and the prompt is drawn again after it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    // The terminal shows stdout and stderr together.
    const logStream = new PromptSafeStream({ write: (chunk: string) => (screen += chunk) });
    const log = createLogger({ level: 'info', format: 'pretty', stream: logStream });
    const done = runChat({ desk: new FakeDesk(), log, input, output, logStream });
    await new Promise((resolve) => setImmediate(resolve));
    expect(screen.endsWith('? ')).toBe(true);
    log.info('automatic refresh', { added: 1 });
    expect(screen).toMatch(/\? \n\d\d:\d\d:\d\d INFO  automatic refresh added=1\n\? $/);
    input.end();
    await done;
    // Once the chat is over, log lines go straight through.
    const before = screen.length;
    log.info('after');
    expect(screen.slice(before)).toMatch(/^\d\d:\d\d:\d\d INFO  after\n$/);
  });
});
