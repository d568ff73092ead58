import { truncateText } from '../../answer/render.ts';
import type { ArticleMeta } from '../../ingest/article.ts';
import { LIMITS, oneLine } from './discord.ts';

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
