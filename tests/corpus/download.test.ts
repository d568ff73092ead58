import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBytes } from '../../src/corpus/download.ts';
import { isNewsdeskError } from '../../src/errors.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/small.txt') response.end('a small article');
    else if (request.url === '/declared-big') response.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    else if (request.url === '/streamed-big') {
      // No length announced: the cap must hold while reading.
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      let sent = 0;
      const timer = setInterval(() => {
        response.write('y'.repeat(512));
        sent += 512;
        if (sent >= 20_000) {
          clearInterval(timer);
          response.end();
        }
      }, 1);
      response.on('close', () => clearInterval(timer));
    } else if (request.url === '/slow') setTimeout(() => response.end('late'), 2_000);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('downloadBytes', () => {
  it('GIVEN a small file THEN its bytes', async () => {
    expect((await downloadBytes(`${base}/small.txt`, { maxBytes: 1000, timeoutMs: 5000 })).toString()).toBe('a small article');
  });

  it.each([
    ['a declared length over the cap', '/declared-big', { maxBytes: 1000, timeoutMs: 5000 }, /larger than MAX_FILE_BYTES/],
    ['a body that grows past the cap', '/streamed-big', { maxBytes: 4000, timeoutMs: 5000 }, /larger than MAX_FILE_BYTES/],
    ['a server slower than the timeout', '/slow', { maxBytes: 1000, timeoutMs: 200 }, /took longer than/],
    ['a missing file', '/missing', { maxBytes: 1000, timeoutMs: 5000 }, /HTTP 404/],
  ])('GIVEN %s THEN UPLOAD_REFUSED saying so', async (_name, route, options, reason) => {
    const error = await downloadBytes(`${base}${route}`, options).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'UPLOAD_REFUSED')).toBe(true);
    expect((error as Error).message).toMatch(reason);
  });

  it.each([['file:///etc/passwd'], ['not a url'], ['ftp://127.0.0.1/x']])('GIVEN %j THEN it is refused without a request', async (url) => {
    const error = await downloadBytes(url, { maxBytes: 1000, timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'UPLOAD_REFUSED')).toBe(true);
  });
});
