import type { APIEmbed } from 'discord.js';
import { renderSourceLine, truncateText } from '../../answer/render.ts';
import type { ArticleMeta } from '../../ingest/article.ts';
import { escapeDiscord, LIMITS, oneLine } from './discord.ts';

/** Splits the article list into embed pages of at most `perPage` lines, each page within limits. */
export function paginateArticles(
  articles: readonly ArticleMeta[],
  options: { filter?: string | null; perPage?: number } = {},
): APIEmbed[] {
  const perPage = options.perPage ?? 10;
  const filter = options.filter ? oneLine(truncateText(options.filter, 80)) : null;
  const title = filter
    ? `Articles matching "${filter}" (${articles.length})`
    : `Articles (${articles.length}), newest first`;
  if (articles.length === 0) {
    const description = filter
      ? `No article matches "${escapeDiscord(filter)}".`
      : 'No articles are indexed yet. A moderator can run /refresh.';
    return [{ title: truncateText(title, LIMITS.embedTitle), description }];
  }
  const lines = articles.map((meta, i) => truncateText(renderSourceLine(toRef(meta), i + 1, escapeDiscord), 400));
  const pages: string[][] = [];
  let page: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (page.length >= perPage || (page.length > 0 && length + 1 + line.length > LIMITS.embedDescription)) {
      pages.push(page);
      page = [];
      length = 0;
    }
    page.push(line);
    length += (page.length > 1 ? 1 : 0) + line.length;
  }
  pages.push(page);
  return pages.map((lines, i) => ({
    title: truncateText(title, LIMITS.embedTitle),
    description: lines.join('\n'),
    footer: { text: `Page ${i + 1} of ${pages.length}` },
  }));
}

function toRef(meta: ArticleMeta) {
  return { article: meta.id, title: meta.title, outlet: meta.outlet, agency: meta.agency, byline: meta.byline, published: meta.published };
}
