import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the health check reports. */
export interface Health {
  /** Connected to Discord (or, for the terminal chat, running). */
  connected: boolean;
  /** The index being served; null before the first build. */
  index: { version: string; articles: number; builtAt: string } | null;
  /** When the last refresh of this process ended, ISO; null before one. */
  lastRefresh: string | null;
  uptimeSeconds: number;
}

export interface HealthServer {
  /** The address listened on. */
  host: string;
  /** The port listened on (useful when 0 asked for any free one). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` on `host:port` for a process manager or a container's health check:
 * 200 with the health as JSON when connected and serving an index, 503 with the same JSON
 * otherwise; every other request gets 404. Binds to `host` only (127.0.0.1 by default in the
 * configuration), so nothing outside the machine reaches it unless asked.
 */
export async function startHealthServer(host: string, port: number, health: () => Promise<Health>): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const url = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || url !== '/healthz') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    health().then(
      (state) => {
        const ok = state.connected && state.index !== null;
        response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(`${JSON.stringify({ ok, ...state })}\n`);
      },
      (error: unknown) => {
        response.writeHead(503, { 'content-type': 'application/json' }).end(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    host: (server.address() as AddressInfo).address,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
