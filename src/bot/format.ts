import { escapeMarkdown, time, TimestampStyles, type APIEmbed } from 'discord.js';
import { citeSource, type Answer, type Passage, type Source } from '../answer/answer.ts';
import { renderAnswer, renderQuote, renderSourceLine, truncateText } from '../answer/render.ts';
import type { ArticleDetails, DeskStatus } from '../desk.ts';
import type { ArticleMeta } from '../ingest/article.ts';
import type { RefreshHolder } from '../store/refresh-lock.ts';
import type { RefreshSummary } from '../store/refresh-summary.ts';

/** Discord's documented size limits, in characters. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  fields: 25,
  /** Sum of titles, descriptions, field names and values, footers and author names of a message. */
  embedsTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** What a reply carries; every field is plain API data so it can be checked against LIMITS. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
}

/** Markdown-escapes article text, including line-start headings and lists and masked links. */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Characters Discord counts against the 6000 limit for one embed. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

/** The bot's commands, shown when someone asks it for help. */
const BOT_COMMANDS = [
  'Mention me with a question, or use:',
  '`/ask` a question · `/search` the best passages · `/sources` the articles · `/source` one article · `/status` the index · `/refresh` re-read the articles (moderators)',
].join('\n');

/**
 * An answer as message content (≤ 2000). With `question`, a first line repeats it (slash command
 * replies do not show the options). Quotes are markdown-escaped and cut only between quotes.
 */
export function formatAnswer(answer: Answer, options: { question?: string } = {}): MessageBody {
  const head = options.question ? `**Q:** ${escapeDiscord(oneLine(truncateText(options.question, 300)))}\n\n` : '';
  const body = renderAnswer(answer, { maxLength: LIMITS.content - head.length, escape: escapeDiscord, commands: BOT_COMMANDS });
  return { content: head + body };
}

/** `/search` results: the passages as quotes with their sources, in one embed. */
export function formatPassages(query: string, passages: readonly Passage[]): MessageBody {
  const title = truncateText(`Search: ${oneLine(query)}`, LIMITS.embedTitle);
  if (passages.length === 0) return { embeds: [{ title, description: 'No passages matched.' }] };
  const answer: Answer = { question: query, answered: true, sources: passages.map(passageToSource), related: [] };
  const description = renderAnswer(answer, { maxLength: LIMITS.embedDescription, escape: escapeDiscord });
  return { embeds: [{ title, description }] };
}

/** `/source`: an article's metadata and opening; with passages, the best ones inside it. */
export function formatArticle(
  details: ArticleDetails,
  search?: { query: string; passages: readonly Passage[] },
): MessageBody {
  const { meta } = details;
  const fields = [
    { name: 'Outlet', value: escapeDiscord(truncateText(meta.outlet ?? 'not stated', 200)), inline: true },
    { name: 'Agency', value: escapeDiscord(truncateText(meta.agency ?? 'none', 200)), inline: true },
    { name: 'Published', value: meta.published ?? 'undated', inline: true },
    { name: 'Words', value: meta.words.toLocaleString('en-US'), inline: true },
    { name: 'Indexed', value: timestamp(details.indexedAt), inline: true },
    { name: 'ID', value: escapeDiscord(truncateText(meta.id, 200)), inline: true },
  ];
  const opening = escapeDiscord(truncateText(details.opening.trim() || '(no text)', 1500));
  let description = opening;
  if (search) {
    const head = `\n\n**Passages matching "${escapeDiscord(oneLine(truncateText(search.query, 100)))}":**\n`;
    if (search.passages.length === 0) {
      description += `${head}No passage of this article matches.`;
    } else {
      const quotes = search.passages.map((p, i) => renderQuote(p.chunk.text, i + 1, escapeDiscord));
      description += fitBlocks(head, quotes, LIMITS.embedDescription - description.length, 'passage');
    }
  }
  return { embeds: [{ title: truncateText(meta.title, LIMITS.embedTitle), description, fields }] };
}

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

/** Keeps only articles whose title, id, outlet or agency contains `filter` (case-insensitive). */
export function filterArticles(articles: readonly ArticleMeta[], filter: string | null): ArticleMeta[] {
  const needle = filter?.trim().toLowerCase();
  if (!needle) return [...articles];
  return articles.filter((a) =>
    [a.title, a.id, a.outlet ?? '', a.agency ?? ''].some((text) => text.toLowerCase().includes(needle)),
  );
}

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
  return { content: head + fitBlocks('\nSkipped:\n', lines, LIMITS.content - head.length, 'skipped file', '\n') };
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
        ],
      },
    ],
  };
}

/** Says who runs the refresh under way and since when. */
export function formatBusy(holder: RefreshHolder | undefined): string {
  if (!holder) return 'A refresh is already running. Try again when it has finished.';
  const who = escapeDiscord(truncateText(oneLine(holder.startedBy), 200));
  return `A refresh is already running: started by ${who} ${timestamp(holder.startedAt)}. Try again when it has finished.`;
}

/** Autocomplete choices for an article: id or title matches, best first, at most 25, names ≤ 100. */
export function articleChoices(articles: readonly ArticleMeta[], typed: string): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase();
  const rank = (a: ArticleMeta): number => {
    if (!needle) return 0;
    const title = a.title.toLowerCase();
    const id = a.id.toLowerCase();
    if (id === needle) return 0;
    if (title.startsWith(needle)) return 1;
    if (id.startsWith(needle)) return 2;
    if (title.includes(needle)) return 3;
    if (id.includes(needle)) return 4;
    return -1;
  };
  return articles
    .map((article, order) => ({ article, order, rank: rank(article) }))
    .filter((c) => c.rank >= 0 && c.article.id.length <= LIMITS.choiceValue)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, LIMITS.choices)
    .map(({ article }) => {
      const suffix = ` · ${article.published ?? 'undated'}`;
      const name = truncateText(oneLine(article.title) || article.id, LIMITS.choiceName - suffix.length) + suffix;
      return { name, value: article.id };
    });
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

/** A Discord timestamp (`<t:…:f>`, shown in each reader's time zone) for an ISO date; the text otherwise. */
export function timestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeDiscord(iso);
  return `${time(date, TimestampStyles.ShortDateTime)} (${time(date, TimestampStyles.RelativeTime)})`;
}

function passageToSource({ article, chunk, score }: Passage): Source {
  return citeSource(article, { quote: chunk.text, startPos: chunk.startPos, endPos: chunk.endPos }, score);
}

function toRef(meta: ArticleMeta) {
  return { article: meta.id, title: meta.title, outlet: meta.outlet, agency: meta.agency, published: meta.published };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `head` and as many whole `blocks` as fit in `budget`, then a line counting the rest. */
function fitBlocks(head: string, blocks: readonly string[], budget: number, noun: string, separator = '\n'): string {
  for (let shown = blocks.length; shown >= 0; shown--) {
    const omitted = blocks.length - shown;
    const parts = blocks.slice(0, shown);
    if (omitted > 0) parts.push(`…and ${omitted} more ${noun}${omitted === 1 ? '' : 's'}.`);
    const text = head + parts.join(separator);
    if (text.length <= budget) return text;
  }
  return '';
}
