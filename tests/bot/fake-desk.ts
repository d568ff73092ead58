import type { EarlierQuestion } from '../../src/answer/follow-up.ts';
import { citeSource, type Answer, type Passage, type Source } from '../../src/answer/answer.ts';
import type { Upload, UploadOutcome } from '../../src/corpus/add-articles.ts';
import { safeUploadName } from '../../src/corpus/upload-name.ts';
import { filterArticles, type AddedArticles, type ArticleDetails, type Desk, type DeskStatus, type LastRefresh, type PassageInContext, type RemovedArticle } from '../../src/desk.ts';
import { NewsdeskError } from '../../src/errors.ts';
import type { Article, ArticleMeta, Chunk } from '../../src/ingest/article.ts';
import { RefreshBusyError, type RefreshHolder } from '../../src/store/refresh-lock.ts';
import type { RefreshSummary } from '../../src/store/refresh-summary.ts';

/** Builds an article; `text` paragraphs are separated by blank lines. */
export function makeArticle(fields: Partial<Article> & Pick<Article, 'id' | 'title' | 'text'>): Article {
  return {
    file: `${fields.id}.txt`,
    outlet: null,
    agency: null,
    byline: null,
    published: null,
    words: fields.text.split(/\s+/).filter(Boolean).length,
    hash: `hash-${fields.id}`,
    ...fields,
  };
}

export const ARTICLES: Article[] = [
  makeArticle({
    id: 'business/001',
    title: 'Central bank holds rates at 6.5%',
    outlet: 'Hindustan Times',
    agency: 'PTI',
    published: '2025-11-03',
    text:
      'The central bank kept its key lending rate unchanged at 6.5 per cent on Monday.\n\n' +
      'The governor said inflation was "within the tolerance band" and growth remained strong.\n\n' +
      'Markets had expected the pause, analysts said.',
  }),
  makeArticle({
    id: 'sport/014',
    title: 'India win the series 3-1',
    outlet: 'The Hindu',
    agency: null,
    published: '2025-10-28',
    text:
      'India won the final Test by seven wickets to take the series 3-1.\n\n' +
      'The captain praised the bowlers, who took 20 wickets in the match.',
  }),
  makeArticle({
    id: 'tech/007',
    title: 'Startup raises $20 million for battery recycling',
    outlet: null,
    agency: 'IANS',
    byline: 'Asha Rao',
    published: null,
    text:
      'A Bengaluru startup has raised $20 million to build battery recycling plants.\n\n' +
      'The founders said the money would fund two plants by 2027.',
  }),
];

/** Splits an article into paragraph chunks with exact offsets. */
export function chunksOf(article: Article): Chunk[] {
  const chunks: Chunk[] = [];
  const re = /[^\n]+/g;
  for (const match of article.text.matchAll(re)) {
    const start = match.index;
    chunks.push({ id: `${article.id}#${chunks.length}`, article: article.id, index: chunks.length, text: match[0], startPos: start, endPos: start + match[0].length });
  }
  return chunks;
}

export function metaOf(article: Article): ArticleMeta {
  const { text: _text, ...meta } = article;
  return meta;
}

export function sourceOf(article: Article, chunk: Chunk, score = 0.8): Source {
  return citeSource(article, { quote: chunk.text, startPos: chunk.startPos, endPos: chunk.endPos }, score);
}

const STOP = new Set(['the', 'a', 'an', 'what', 'did', 'does', 'do', 'is', 'was', 'who', 'how', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'and', 'say', 'said']);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w));
}

/**
 * A hand-written Desk over a few articles: passages scored by shared words. Records calls;
 * `answerWith` replaces `ask`; `holdRefresh()` keeps the next refresh running until released.
 */
export class FakeDesk implements Desk {
  readonly calls: { method: string; args: unknown[] }[] = [];
  articlesList: Article[];
  /** Replaces the keyword-based `ask` when set. */
  answerWith: ((question: string) => Answer) | null = null;
  #running: RefreshHolder | null = null;
  #gate: { promise: Promise<void>; release: () => void } | null = null;
  builtAt: string | null = '2025-11-04T08:00:00.000Z';

  constructor(articles: Article[] = ARTICLES) {
    this.articlesList = articles;
  }

  /** The options of every ask, in order. */
  readonly askOptions: { top?: number; earlier?: EarlierQuestion }[] = [];

  async ask(question: string, options: { top?: number; earlier?: EarlierQuestion } = {}): Promise<Answer> {
    this.calls.push({ method: 'ask', args: [question] });
    this.askOptions.push(options);
    if (!/[\p{L}\p{N}]/u.test(question)) throw new NewsdeskError('QUESTION_INVALID', 'Please ask a question in words.');
    if (this.answerWith) return this.answerWith(question);
    const passages = this.#score(question);
    const strong = passages.filter((p) => p.score >= 2);
    const toSource = (p: Passage) => sourceOf(this.#article(p.article.id), p.chunk, Math.min(1, p.score / 5));
    if (strong.length === 0) {
      return { question, answered: false, sources: [], related: passages.slice(0, 2).map(toSource) };
    }
    return { question, answered: true, sources: strong.slice(0, 3).map(toSource), related: [] };
  }

  async search(query: string, options: { top?: number; article?: string } = {}): Promise<Passage[]> {
    this.calls.push({ method: 'search', args: [query, options] });
    return this.#score(query, options.article)
      .filter((p) => p.score > 0)
      .slice(0, options.top ?? 5);
  }

  async articles(options: { filter?: string | null } = {}): Promise<ArticleMeta[]> {
    this.calls.push({ method: 'articles', args: options.filter ? [options] : [] });
    const newestFirst = [...this.articlesList]
      // Newest first; '' sorts below every date, so undated articles come last.
      .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
      .map(metaOf);
    return filterArticles(newestFirst, options.filter);
  }

  async article(id: string): Promise<ArticleDetails | null> {
    this.calls.push({ method: 'article', args: [id] });
    const article = this.articlesList.find((a) => a.id === id);
    if (!article) return null;
    return { meta: metaOf(article), opening: article.text.split('\n')[0] ?? '', indexedAt: '2025-11-04T08:00:00.000Z' };
  }

  async refresh(options: { startedBy: string; onProgress?: (done: number, total: number) => void }): Promise<RefreshSummary> {
    this.calls.push({ method: 'refresh', args: [options.startedBy] });
    if (this.#running) {
      throw new RefreshBusyError({ pid: process.pid, host: 'fake desk', ...this.#running });
    }
    this.#running = { startedBy: options.startedBy, startedAt: new Date().toISOString() };
    try {
      options.onProgress?.(1, this.articlesList.length);
      if (this.#gate) await this.#gate.promise;
      this.builtAt = new Date().toISOString();
      return {
        articles: this.articlesList.length,
        chunks: this.articlesList.reduce((n, a) => n + chunksOf(a).length, 0),
        embedded: 2,
        unchanged: this.articlesList.length - 1,
        removed: 0,
        added: 1,
        changed: 0,
        skipped: [{ file: 'broken.pdf', reason: 'unsupported file type', kind: 'unsupported' }],
        embedder: 'offline:hashing-v1',
        ms: 1234,
      };
    } finally {
      this.#running = null;
      this.#gate = null;
    }
  }

  async status(): Promise<DeskStatus> {
    this.calls.push({ method: 'status', args: [] });
    return {
      articles: this.articlesList.length,
      chunks: this.articlesList.reduce((n, a) => n + chunksOf(a).length, 0),
      embedder: { id: 'offline:hashing-v1', offline: true },
      builtAt: this.builtAt,
      version: this.builtAt === null ? null : 'v-test',
      refreshing: this.#running,
      lastRefresh: this.lastRefresh,
    };
  }

  lastRefresh: LastRefresh | null = null;

  /** Saves `.txt` uploads with text as articles (first line the title); refuses the rest. */
  async addArticles(uploads: readonly Upload[], options: { replace: boolean; startedBy: string }): Promise<AddedArticles> {
    this.calls.push({ method: 'addArticles', args: [uploads.map((u) => u.name), options] });
    if (this.#running) throw new RefreshBusyError({ pid: 1, host: 'test', ...this.#running });
    const outcomes: UploadOutcome[] = uploads.map((upload) => {
      const file = safeUploadName(upload.name);
      const text = upload.bytes.toString('utf8');
      if (!file.endsWith('.txt') || !text.trim()) return { upload: upload.name, saved: false, reason: 'not a text article' };
      const id = file.slice(0, -4);
      const replaced = this.articlesList.some((a) => a.id === id);
      if (replaced && !options.replace) return { upload: upload.name, saved: false, reason: `an article file named ${file} is already in the corpus; add it with replace:true to overwrite it` };
      const article = makeArticle({ id, title: text.split('\n')[0]!.trim(), text });
      this.articlesList = [...this.articlesList.filter((a) => a.id !== id), article];
      return { upload: upload.name, saved: true, file, replaced, article: { id, title: article.title, outlet: article.outlet, agency: article.agency, published: article.published } };
    });
    return { outcomes, refresh: outcomes.some((o) => o.saved) ? await this.refresh({ startedBy: options.startedBy }) : null };
  }

  async passage(id: string, start: number, end: number): Promise<PassageInContext | null> {
    this.calls.push({ method: 'passage', args: [id, start, end] });
    const article = this.articlesList.find((a) => a.id === id);
    if (!article || end > article.text.length || start >= end) return null;
    return { meta: metaOf(article), before: article.text.slice(0, start).trim(), quote: article.text.slice(start, end), after: article.text.slice(end).trim() };
  }

  async removeArticle(id: string, options: { startedBy: string }): Promise<RemovedArticle> {
    this.calls.push({ method: 'removeArticle', args: [id, options] });
    const article = this.articlesList.find((a) => a.id === id);
    if (!article) throw new NewsdeskError('ARTICLE_UNKNOWN', `No article with the id "${id}" is in the index.`);
    this.articlesList = this.articlesList.filter((a) => a.id !== id);
    return { removed: metaOf(article), movedTo: `.removed/2025-11-04T08-00-00-000Z/${article.file}`, refresh: await this.refresh({ startedBy: options.startedBy }) };
  }

  /** Keeps the next refresh running until the returned function is called. */
  holdRefresh(): () => void {
    let release = () => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#gate = { promise, release };
    return release;
  }

  #article(id: string): Article {
    const article = this.articlesList.find((a) => a.id === id);
    if (!article) throw new Error(`no article ${id}`);
    return article;
  }

  #score(query: string, only?: string): Passage[] {
    const wanted = new Set(words(query));
    const passages: Passage[] = [];
    for (const article of this.articlesList) {
      if (only !== undefined && article.id !== only) continue;
      for (const chunk of chunksOf(article)) {
        const score = words(chunk.text).filter((w) => wanted.has(w)).length;
        passages.push({ article: metaOf(article), chunk, score });
      }
    }
    return passages.sort((a, b) => b.score - a.score);
  }
}
