import type { Config } from './config.ts';
import { watchCorpus, type CorpusWatcher } from './corpus/watch-corpus.ts';
import type { Desk } from './desk.ts';
import { isNewsdeskError, NewsdeskError } from './errors.ts';
import { describeFsError } from './fs-errors.ts';
import { startHealthServer, type HealthServer } from './health.ts';
import type { Logger } from './log.ts';

/** Who an automatic refresh is shown as, in `/status` and to a moderator who is refused meanwhile. */
export const AUTO_REFRESH_BY = 'automatic refresh (AUTO_REFRESH)';

/** What runs beside the bot when it is left alone: corpus watching and the health endpoint. */
export interface Unattended {
  /** The port `/healthz` listens on; null without HEALTH_PORT. */
  healthPort: number | null;
  stop(): Promise<void>;
}

/**
 * Starts what the configuration asks for: with AUTO_REFRESH, a refresh once changes in the
 * corpus folder settle (one at a time with every other refresh: a busy lock means "try again
 * after the next quiet period"); with HEALTH_PORT, `GET /healthz` on HEALTH_HOST. `connected`
 * says whether the front end is up (connected to Discord).
 */
export async function startUnattended(config: Config, desk: Desk, log: Logger, connected: () => boolean): Promise<Unattended> {
  const started = Date.now();
  let watcher: CorpusWatcher | null = null;
  if (config.autoRefresh) {
    watcher = watchCorpus(config.corpusDir, {
      quietMs: config.autoRefresh.quietSeconds * 1000,
      refresh: async () => {
        try {
          const summary = await desk.refresh({ startedBy: AUTO_REFRESH_BY });
          log.info('automatic refresh', { added: summary.added, changed: summary.changed, removed: summary.removed, skipped: summary.skipped.length, ms: summary.ms });
          return true;
        } catch (error) {
          if (isNewsdeskError(error, 'REFRESH_BUSY')) return false;
          throw error;
        }
      },
      onError: (error) => log.error('automatic refresh failed', { error }),
    });
    log.info('watching the corpus folder for changes', { corpus: config.corpusDir, quietSeconds: config.autoRefresh.quietSeconds });
  }
  let health: HealthServer | null = null;
  if (config.health) {
    try {
      health = await startHealthServer(config.health.host, config.health.port, async () => {
        const status = await desk.status();
        return {
          connected: connected(),
          index: status.version === null || status.builtAt === null ? null : { version: status.version, articles: status.articles, builtAt: status.builtAt },
          lastRefresh: status.lastRefresh?.at ?? null,
          uptimeSeconds: Math.round((Date.now() - started) / 1000),
        };
      });
      log.info('health endpoint listening', { url: `http://${config.health.host}:${health.port}/healthz` });
    } catch (cause) {
      watcher?.close();
      throw new NewsdeskError('CONFIG_INVALID', `HEALTH_PORT: cannot listen on ${config.health.host}:${config.health.port} (${describeFsError(cause)}).`, { cause });
    }
  }
  return {
    healthPort: health?.port ?? null,
    async stop() {
      watcher?.close();
      await health?.close();
    },
  };
}
