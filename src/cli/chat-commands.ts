import type { ArticleMeta } from '../ingest/article.ts';
import type { Desk } from '../desk.ts';
import { renderAnswer, renderSourceLine } from '../answer/render.ts';
import { refreshSummaryLines } from './skipped-summary.ts';

/** What the chat offers besides questions, shown on "help". */
export const CHAT_HELP = [
  'Commands (anything else is a question):',
  '  sources [filter]              the indexed articles, newest first; with a filter, those whose title, id or outlet has it',
  '  source <id or title> [text]   one article; with text after an id, its passages about that text',
  '  status                        articles, embedder, last refresh',
  '  refresh                       re-read the corpus folder and index what changed',
  '  & <question> or and …         a follow-up, read with the last question in mind',
  '  help                          this list',
  '  exit                          leave (or Ctrl+D)',
].join('\n');

/** Articles listed by `sources` at most; the rest are counted. */
const MAX_LISTED = 25;

/**
 * Runs `line` as a chat command and returns what to print, or null when it is a question.
 * Command words are commands only alone or with their arguments: "help", "status" and
 * "refresh" only alone; "sources" and "source" with arguments unless those read as a question
 * (ending in "?"), and "source" only when its argument names an article.
 */
export async function chatCommand(line: string, desk: Desk): Promise<string | null> {
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
  if (command === 'sources') return listSources(await desk.articles({ filter: args || null }), args);
  if (command === 'source' && args) return showSource(desk, rest);
  return null;
}

const sourceRef = (article: ArticleMeta) => ({ ...article, article: article.id });

function listSources(articles: readonly ArticleMeta[], filter: string): string {
  if (articles.length === 0) return filter ? `No article matches "${filter}".` : 'No article is indexed yet.';
  const lines = articles.slice(0, MAX_LISTED).map((article, i) => renderSourceLine(sourceRef(article), i + 1));
  if (articles.length > MAX_LISTED) lines.push(`…and ${articles.length - MAX_LISTED} more; add a filter to narrow them.`);
  return lines.join('\n');
}

/** `source <id> [text]` or `source <whole title>`; null when neither names an article. */
async function showSource(desk: Desk, words: readonly string[]): Promise<string | null> {
  const [id = '', ...passage] = words;
  let details = await desk.article(id);
  let query = passage.join(' ');
  if (!details) {
    const title = words.join(' ').toLowerCase();
    const byTitle = (await desk.articles()).find((article) => article.title.toLowerCase() === title);
    if (!byTitle) return null;
    details = await desk.article(byTitle.id);
    query = '';
  }
  if (!details) return null;
  const { meta } = details;
  const head = [renderSourceLine(sourceRef(meta), 1), `${meta.words} words; indexed ${details.indexedAt}.`];
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
