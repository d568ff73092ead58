import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type Health, type HealthServer } from '../src/health.ts';

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const healthy: Health = { connected: true, index: { version: 'v1', articles: 5, builtAt: '2025-01-01T00:00:00Z' }, lastRefresh: null, uptimeSeconds: 12 };

describe('startHealthServer', () => {
  it.each([
    ['connected with an index', healthy, 200],
    ['not connected', { ...healthy, connected: false }, 503],
    ['connected without an index', { ...healthy, index: null }, 503],
  ])('GIVEN %s THEN GET /healthz is %d with the state as JSON', async (_name, state, status) => {
    server = await startHealthServer('127.0.0.1', 0, async () => state);
    const response = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ ok: status === 200, ...state });
  });

  it.each([['/'], ['/health'], ['/healthz/x']])('GIVEN GET %s THEN 404', async (route) => {
    server = await startHealthServer('127.0.0.1', 0, async () => healthy);
    expect((await fetch(`http://127.0.0.1:${server.port}${route}`)).status).toBe(404);
  });

  it('GIVEN a POST THEN 404', async () => {
    server = await startHealthServer('127.0.0.1', 0, async () => healthy);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: 'POST' })).status).toBe(404);
  });

  it('GIVEN the state cannot be read THEN 503', async () => {
    server = await startHealthServer('127.0.0.1', 0, async () => {
      throw new Error('index unreadable');
    });
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(503);
  });

  it('GIVEN a port already taken THEN starting fails with the error', async () => {
    server = await startHealthServer('127.0.0.1', 0, async () => healthy);
    await expect(startHealthServer('127.0.0.1', server.port, async () => healthy)).rejects.toThrow(/EADDRINUSE/);
  });
});
