import { fitLines, moreLine, truncateText } from '../../answer/render.ts';
import type { AddedArticles, RemovedArticle } from '../../desk.ts';
import { escapeDiscord, LIMITS, type MessageBody } from './discord.ts';
import { formatRefreshSummary } from './status.ts';

/** One line naming an article: title, outlet, date, id. */
function articleLine(article: { id: string; title: string; outlet: string | null; agency: string | null; published: string | null }): string {
  const source = [article.outlet, article.agency].filter(Boolean).join(', ');
  return `**${escapeDiscord(truncateText(article.title, 200))}**${source ? ` — ${escapeDiscord(source)}` : ''}, ${article.published ?? 'undated'} · \`${escapeDiscord(article.id)}\``;
}

/** What `/add` did: each file added (as which article) or refused (and why), then the refresh. */
export function formatAdded(result: AddedArticles, refused: readonly { upload: string; reason: string }[] = []): MessageBody {
  const lines = [
    ...result.outcomes.map((outcome) =>
      outcome.saved
        ? `✅ ${escapeDiscord(truncateText(outcome.upload, 100))}: ${outcome.replaced ? 'replaced' : 'added'} as ${articleLine(outcome.article)}`
        : `❌ ${escapeDiscord(truncateText(outcome.upload, 100))}: ${escapeDiscord(truncateText(outcome.reason, 300))}`,
    ),
    ...refused.map((file) => `❌ ${escapeDiscord(truncateText(file.upload, 100))}: ${escapeDiscord(truncateText(file.reason, 300))}`),
  ];
  const tail = result.refresh ? `\n\n${formatRefreshSummary(result.refresh).content ?? ''}` : '\n\nNothing was added, so the index is unchanged.';
  const head = fitLines('Files:', lines, LIMITS.content - Math.min(tail.length, 1200), (omitted) => moreLine(omitted, 'file', ''));
  return { content: truncateText(head + tail, LIMITS.content) };
}

/** What `/remove` did, and how to undo it. */
export function formatRemoved(result: RemovedArticle): MessageBody {
  const head = [
    `Removed ${articleLine(result.removed)}.`,
    `Its file is kept as \`${escapeDiscord(result.movedTo)}\` in the corpus folder; move it back and /refresh to restore it.`,
  ].join('\n');
  return { content: truncateText(`${head}\n\n${formatRefreshSummary(result.refresh).content ?? ''}`, LIMITS.content) };
}
