import type { Answer } from '../answer/answer.ts';
import type { ArticleMeta } from '../ingest/article.ts';
import type { Desk } from '../desk.ts';
import { renderAnswer, renderQuote, renderSourceLine } from '../answer/render.ts';
import { refreshSummaryLines } from './skipped-summary.ts';

/** What the chat offers besides questions, shown on "help". */
export const CHAT_HELP = [
  'Commands (anything else is a question):',
  '  sources [filter]              the indexed articles, newest first; with a filter, those whose title, id or outlet has it',
  '  source <N>                    source [N] of the last answer (or of the last list)',
  '  source <id or title> [text]   one article, by its id or the start of its title; with text after an id, its passages about that text',
  '  status                        articles, embedder, last refresh',
  '  refresh                       re-read the corpus folder and index what changed',
  '  & <question> or and …         a follow-up, read with the last question in mind',
  '  help                          this list',
  '  exit                          leave (or Ctrl+D)',
].join('\n');

/** Articles listed by `sources` at most; the rest are counted. */
const MAX_LISTED = 25;

/** An entry of the last numbered list the chat showed: an article, and the quote cited from it. */
export interface Numbered {
  article: string;
  quote?: string;
}

/**
 * What `source N` refers to: the last numbered list shown, an answer's sources (or, for a
 * refusal, its related articles) or a `sources` listing, numbered as they were shown.
 */
export class ChatSources {
  #list: Numbered[] = [];

  get list(): readonly Numbered[] {
    return this.#list;
  }

  /** An answer's [1], [2]…: one per article, in order of first citation, with its first quote. */
  showAnswer(answer: Answer): void {
    const cited = answer.answered ? answer.sources : answer.related;
    const byArticle = new Map<string, Numbered>();
    for (const source of cited) if (!byArticle.has(source.article)) byArticle.set(source.article, answer.answered ? { article: source.article, quote: source.quote } : { article: source.article });
    this.#list = [...byArticle.values()];
  }

  showArticles(articles: readonly ArticleMeta[]): void {
    this.#list = articles.map((article) => ({ article: article.id }));
  }
}

/**
 * Runs `line` as a chat command and returns what to print, or null when it is a question.
 * Command words are commands only alone or with their arguments: "help", "status" and
 * "refresh" only alone; "sources" and "source" with arguments unless those read as a question
 * (ending in "?").
 */
export async function chatCommand(line: string, desk: Desk, shown: ChatSources = new ChatSources()): Promise<string | null> {
  const [word = '', ...rest] = line.trim().split(/\s+/u);
  const command = word.toLowerCase();
  const args = rest.join(' ');
  if (args.endsWith('?')) return null;
  if (command === 'help' && !args) return CHAT_HELP;
  if (command === 'status' && !args) {
    const status = await desk.status();
    const last = status.lastRefresh ? `; last refresh here ${status.lastRefresh.at} by ${status.lastRefresh.startedBy} (added ${status.lastRefresh.added}, changed ${status.lastRefresh.changed}, removed ${status.lastRefresh.removed})` : '';
    return `${status.articles} articles, ${status.chunks} passages; embedder ${status.embedder.id}${status.embedder.offline ? ' (offline fallback)' : ''}; index built ${status.builtAt ?? 'never'}${status.refreshing ? `; refreshing (started by ${status.refreshing.startedBy})` : ''}${last}.`;
  }
  if (command === 'refresh' && !args) return refreshSummaryLines(await desk.refresh({ startedBy: 'the terminal chat' })).join('\n');
  if (command === 'sources') return listSources(await desk.articles({ filter: args || null }), args, shown);
  if (command === 'source') return showSource(desk, rest, shown);
  return null;
}

const sourceRef = (article: ArticleMeta) => ({ ...article, article: article.id });

function listSources(articles: readonly ArticleMeta[], filter: string, shown: ChatSources): string {
  if (articles.length === 0) return filter ? `No article matches "${filter}". Type "sources" to list them all.` : 'No article is indexed yet.';
  const listed = articles.slice(0, MAX_LISTED);
  shown.showArticles(listed);
  const lines = listed.map((article, i) => renderSourceLine(sourceRef(article), i + 1));
  if (articles.length > MAX_LISTED) lines.push(`…and ${articles.length - MAX_LISTED} more; add a filter to narrow them.`);
  lines.push('Type "source N" to open one.');
  return lines.join('\n');
}

/** What to type instead, after a `source` that names nothing. */
const SOURCE_HINT = 'Type "source N" for source [N] of the last answer, "source" and an article id or the start of its title, or "sources" to list the articles. A question ending in "?" is always asked.';

/**
 * `source N` (the last list's entry N), `source <id> [text]`, `source <start of a title>`, or
 * `source` alone (the last answer's sources again). A no-match says what to type instead.
 */
async function showSource(desk: Desk, words: readonly string[], shown: ChatSources): Promise<string> {
  const list = shown.list;
  if (words.length === 0) {
    if (list.length === 0) return SOURCE_HINT;
    const articles = await Promise.all(list.map(({ article }) => desk.article(article)));
    return articles.map((details, i) => (details ? renderSourceLine(sourceRef(details.meta), i + 1) : `[${i + 1}] ${list[i]!.article} (no longer indexed)`)).join('\n');
  }
  const typed = words.join(' ');
  if (/^\d+$/u.test(typed)) {
    const entry = list[Number(typed) - 1];
    if (!entry) return list.length === 0 ? `There is no list to take source ${typed} from yet: ask a question first. ${SOURCE_HINT}` : `There is no source ${typed}: the last list has ${list.length}. ${SOURCE_HINT}`;
    return (await openArticle(desk, entry.article, '', { number: Number(typed), quote: entry.quote })) ?? `Article ${entry.article} is no longer in the index.`;
  }
  const [id = '', ...passage] = words;
  const byId = await openArticle(desk, id, passage.join(' '));
  if (byId !== null) return byId;
  const matches = matchingTitles(await desk.articles(), typed);
  if (matches.length === 1) return (await openArticle(desk, matches[0]!.id, ''))!;
  if (matches.length > 1) {
    const listed = matches.slice(0, MAX_LISTED);
    shown.showArticles(listed);
    return [`${matches.length} articles match "${typed}":`, ...listed.map((article, i) => renderSourceLine(sourceRef(article), i + 1)), 'Type "source N" to open one.'].join('\n');
  }
  return `No article's id or title starts with "${typed}". ${SOURCE_HINT}`;
}

/**
 * The articles `typed` names, case-insensitively: those whose id or title starts with it, or
 * else those whose title holds it; a whole title or id picks that article alone.
 */
function matchingTitles(articles: readonly ArticleMeta[], typed: string): ArticleMeta[] {
  const needle = typed.toLowerCase();
  const exact = articles.filter((article) => article.title.toLowerCase() === needle || article.id.toLowerCase() === needle);
  if (exact.length > 0) return exact;
  const starting = articles.filter((article) => article.title.toLowerCase().startsWith(needle) || article.id.toLowerCase().startsWith(needle));
  return starting.length > 0 ? starting : articles.filter((article) => article.title.toLowerCase().includes(needle));
}

/**
 * One article: its source line (numbered `cited.number`), size and when it was indexed, then
 * the quote an answer cited from it and its opening, or its passages about `query`, or its
 * opening. Null when `id` is not indexed.
 */
async function openArticle(desk: Desk, id: string, query: string, cited: { number: number; quote?: string | undefined } = { number: 1 }): Promise<string | null> {
  const details = await desk.article(id);
  if (!details) return null;
  const { meta } = details;
  const head = [renderSourceLine(sourceRef(meta), cited.number), `${meta.words} words; indexed ${details.indexedAt}.`];
  if (cited.quote !== undefined) return [...head, '', renderQuote(cited.quote, cited.number), '', details.opening].join('\n');
  if (!query) return [...head, '', details.opening].join('\n');
  const passages = await desk.search(query, { article: meta.id, top: 3 });
  if (passages.length === 0) return [...head, '', `No passage of this article matches "${query}".`].join('\n');
  const quotes = renderAnswer({
    question: query,
    answered: true,
    sources: passages.map((p) => ({ article: meta.id, title: meta.title, outlet: meta.outlet, agency: meta.agency, byline: meta.byline, published: meta.published, quote: p.chunk.text, startPos: p.chunk.startPos, endPos: p.chunk.endPos, score: p.score })),
    related: [],
  });
  return [...head, '', quotes].join('\n');
}
