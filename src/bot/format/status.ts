import { fitLines, moreLine, truncateText } from '../../answer/render.ts';
import type { DeskStatus, LastRefresh } from '../../desk.ts';
import type { RefreshHolder } from '../../store/refresh-lock.ts';
import type { RefreshSummary } from '../../store/refresh-summary.ts';
import { escapeDiscord, LIMITS, oneLine, timestamp, type MessageBody } from './discord.ts';

/** What `/refresh` did, within one message. */
export function formatRefreshSummary(summary: RefreshSummary): MessageBody {
  const seconds = (summary.ms / 1000).toFixed(1);
  const head = [
    `Refresh finished in ${seconds} s.`,
    `Added ${summary.added} · changed ${summary.changed} · removed ${summary.removed} · unchanged ${summary.unchanged} · skipped ${summary.skipped.length}`,
    `Index: ${summary.articles} articles, ${summary.chunks} chunks; ${summary.embedded} chunks embedded with ${escapeDiscord(summary.embedder)}.`,
  ].join('\n');
  if (summary.skipped.length === 0) return { content: head };
  const lines = summary.skipped.map((s) => `- ${escapeDiscord(truncateText(s.file, 200))}: ${escapeDiscord(truncateText(s.reason, 300))}`);
  return { content: head + fitLines('\nSkipped:', lines, LIMITS.content - head.length, (omitted) => moreLine(omitted, 'skipped file', '')) };
}

/** `/status`. `uptimeMs` is how long the bot has been connected. */
export function formatStatus(status: DeskStatus, uptimeMs: number): MessageBody {
  const embedder = `${escapeDiscord(status.embedder.id) || 'unknown'}${status.embedder.offline ? ' (offline fallback)' : ''}`;
  const refreshing = status.refreshing
    ? `running, started by ${escapeDiscord(truncateText(status.refreshing.startedBy, 200))} ${timestamp(status.refreshing.startedAt)}`
    : 'idle';
  return {
    embeds: [
      {
        title: 'Newsdesk status',
        fields: [
          { name: 'Articles', value: String(status.articles), inline: true },
          { name: 'Chunks', value: String(status.chunks), inline: true },
          { name: 'Embedder', value: embedder, inline: false },
          { name: 'Last refresh', value: status.builtAt ? timestamp(status.builtAt) : 'never', inline: true },
          { name: 'Refresh', value: refreshing, inline: true },
          { name: 'Uptime', value: formatDuration(uptimeMs), inline: true },
          ...(status.lastRefresh ? [{ name: 'Last refresh run here', value: formatLastRefresh(status.lastRefresh), inline: false }] : []),
        ],
      },
    ],
  };
}

/** `<time> by <who>: added 1 · changed 0 · removed 2`. */
function formatLastRefresh(last: LastRefresh): string {
  const who = escapeDiscord(truncateText(oneLine(last.startedBy), 200));
  return `${timestamp(last.at)} by ${who}: added ${last.added} · changed ${last.changed} · removed ${last.removed}`;
}

/** Says who runs the refresh under way and since when. */
export function formatBusy(holder: RefreshHolder | undefined): string {
  if (!holder) return 'A refresh is already running. Try again when it has finished.';
  const who = escapeDiscord(truncateText(oneLine(holder.startedBy), 200));
  return `A refresh is already running: started by ${who} ${timestamp(holder.startedAt)}. Try again when it has finished.`;
}

/** `3 d 4 h`, `2 h 5 min`, `42 s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
