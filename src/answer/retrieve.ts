import type { Embedder } from '../embed/embedder.ts';
import { storedPassage, toMetadataFilter, type PassageFilter } from '../store/dense-store.ts';
import { passes } from '../store/item-rules.ts';
import type { IndexVersion } from '../store/index-version.ts';
import type { Passage } from './answer.ts';
import type { EarlierQuestion } from './follow-up.ts';
import { parseDateIntent, withinSpan, type DateIntent } from './date-intent.ts';

/** How the dense and keyword rankings are combined. */
export type Fusion = 'rrf' | 'score';

/**
 * Chosen by `npm run eval` with the offline embedder: rank fusion and score fusion tie on the
 * seed questions (10/10 quote hits), the BBC question sets (8/8, 9/15) and the BBC known-item
 * check (MRR@10 0.9865 against 0.9868). Rank fusion needs no assumption about how a model's
 * cosines are spread, so it stays the default.
 */
export const DEFAULT_FUSION: Fusion = 'rrf';

export interface RetrieveOptions {
  /** Passages to return. */
  top: number;
  /** At most this many passages of one article, so sources are not one story five times. */
  perArticle?: number;
  /** Only passages of this article. */
  article?: string;
  /** Only passages of articles published in this span (ISO days, inclusive) or by these outlets, as the asker chose. */
  filter?: Pick<PassageFilter, 'since' | 'until' | 'outlets'>;
  fusion?: Fusion;
  /** Candidates taken from each ranking before fusion. */
  candidates?: number;
  /** The question's vector, when the caller has it already. */
  queryVector?: number[];
  /** The question before, for a follow-up: its terms join at lower weight, its cited articles are preferred. */
  earlier?: EarlierQuestion;
}

/** Share of its weight a term of the earlier question carries in a follow-up's keyword search. */
const EARLIER_TERM_WEIGHT = 0.5;
/** How much a follow-up prefers passages of the articles the earlier answer cited. */
const EARLIER_ARTICLE_BOOST = 0.2;

/** Rank constant of reciprocal rank fusion; 60 is the value of the original paper. */
const RRF_K = 60;
/** Weight of the dense ranking in score fusion; the keyword ranking gets the rest. */
const DENSE_WEIGHT = 0.5;
/** Score factors for date intent: named span, undated (kept, below), outside the span. */
const SPAN_FACTOR = { inside: 1, undated: 0.85, outside: 0.6 } as const;
/** Most a "latest" question lifts the newest candidate over the oldest. */
const RECENCY_BOOST = 0.3;

type Ranked = { id: string; score: number }[];

/** Reciprocal rank fusion, scaled to [0, 1] (1: first in both rankings). */
export function fuseByRank(dense: Ranked, keyword: Ranked): Map<string, number> {
  const fused = new Map<string, number>();
  for (const ranking of [dense, keyword]) {
    ranking.forEach(({ id }, rank) => fused.set(id, (fused.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  }
  const best = 2 / (RRF_K + 1);
  for (const [id, score] of fused) fused.set(id, score / best);
  return fused;
}

/**
 * Weighted sum of scores divided by each ranking's best, in [0, 1]. Dividing by the best
 * rather than min-max scaling keeps near-equal scores near-equal: with min-max, the last of
 * fifty candidates scores 0 however close it was.
 */
export function fuseByScore(dense: Ranked, keyword: Ranked, denseWeight = DENSE_WEIGHT): Map<string, number> {
  const fused = new Map<string, number>();
  const add = (ranking: Ranked, weight: number) => {
    const max = ranking[0]?.score ?? 0;
    if (max <= 0) return;
    for (const { id, score } of ranking) fused.set(id, (fused.get(id) ?? 0) + weight * Math.max(0, score / max));
  };
  add(dense, denseWeight);
  add(keyword, 1 - denseWeight);
  return fused;
}

/** Applies date intent to fused scores: prefer the named span and, for "latest", newer articles. */
export function applyDateIntent(scores: Map<string, number>, publishedOf: (id: string) => string | null, intent: DateIntent): Map<string, number> {
  const result = new Map(scores);
  if (intent.from !== null) {
    for (const [id, score] of result) {
      const published = publishedOf(id);
      const factor = published === null ? SPAN_FACTOR.undated : withinSpan(intent, published) ? SPAN_FACTOR.inside : SPAN_FACTOR.outside;
      result.set(id, score * factor);
    }
  }
  if (intent.latest) {
    const dates = [...new Set([...result.keys()].map(publishedOf).filter((date): date is string => date !== null))].sort();
    for (const [id, score] of result) {
      const published = publishedOf(id);
      // Undated articles sit in the middle: neither preferred nor dropped.
      const recency = published === null || dates.length < 2 ? 0.5 : dates.indexOf(published) / (dates.length - 1);
      // Divided back so scores stay in [0, 1]; the order is what the boost changes.
      result.set(id, (score * (1 + RECENCY_BOOST * recency)) / (1 + RECENCY_BOOST));
    }
  }
  return result;
}

/** Keeps the best passages, at most `perArticle` of one article, best first. */
export function diversify(passages: Passage[], top: number, perArticle: number): Passage[] {
  const taken = new Map<string, number>();
  const result: Passage[] = [];
  for (const passage of passages) {
    const count = taken.get(passage.article.id) ?? 0;
    if (count >= perArticle) continue;
    taken.set(passage.article.id, count + 1);
    result.push(passage);
    if (result.length === top) break;
  }
  return result;
}

/**
 * Hybrid retrieval: the question's vector against the vector index and its terms against the
 * keyword index, fused, adjusted for date intent, capped per article. Scores are in [0, 1].
 */
export async function retrieve(index: IndexVersion, embedder: Embedder, question: string, options: RetrieveOptions): Promise<Passage[]> {
  const candidates = options.candidates ?? 50;
  const chosen: PassageFilter = { ...options.filter, ...(options.article !== undefined && { article: options.article }) };
  const intent = parseDateIntent(question);
  // A span the question names narrows the dense candidates to it, undated articles kept (they
  // rank lower below); dates the asker chose take its place.
  const denseFilter = intent.from !== null && chosen.since === undefined && chosen.until === undefined ? { ...chosen, since: intent.from, until: intent.to!, undated: true } : chosen;
  const selector = toMetadataFilter(chosen);
  const allowed = new Map<string, boolean>();
  const articleAllowed = (article: string) => {
    let ok = allowed.get(article);
    if (ok === undefined) {
      const stored = index.articles.get(article);
      allowed.set(article, (ok = stored !== undefined && passes(storedPassage(stored, 0), selector)));
    }
    return ok;
  };
  const accept = selector === null ? undefined : (id: string) => articleAllowed(id.slice(0, id.lastIndexOf('#')));
  const [dense, keyword] = await Promise.all([
    (options.queryVector ? Promise.resolve(options.queryVector) : embedder.embedQuery(question)).then((vector) => index.dense(vector, candidates, toMetadataFilter(denseFilter) === null ? undefined : denseFilter)),
    Promise.resolve(index.keywords.search(question, candidates, accept, options.earlier && { text: options.earlier.question, weight: EARLIER_TERM_WEIGHT })),
  ]);
  const fused = (options.fusion ?? DEFAULT_FUSION) === 'rrf' ? fuseByRank(dense, keyword) : fuseByScore(dense, keyword);
  if (options.earlier) {
    const cited = new Set(options.earlier.articles);
    // The others step down rather than the cited step up, so scores stay in [0, 1].
    for (const [id, score] of fused) if (!cited.has(index.chunks.get(id)?.article ?? '')) fused.set(id, score / (1 + EARLIER_ARTICLE_BOOST));
  }
  const publishedOf = (id: string) => index.articles.get(index.chunks.get(id)?.article ?? '')?.published ?? null;
  const scored = applyDateIntent(fused, publishedOf, intent);
  const passages: Passage[] = [];
  for (const [id, score] of scored) {
    const chunk = index.chunks.get(id);
    const article = chunk && index.articles.get(chunk.article);
    if (chunk && article) passages.push({ article, chunk, score });
  }
  passages.sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
  return diversify(passages, options.top, options.perArticle ?? 2);
}
