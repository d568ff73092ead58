import { createHash } from 'node:crypto';
import { loadCorpus } from '../../ingest/load-corpus.ts';

/**
 * The cleaned article texts of a corpus folder as the sample a stand-in vocabulary is learnt
 * from, keyed by the articles' content hashes so that a changed corpus gives a new vocabulary.
 */
export async function corpusSample(corpusDir: string, maxFileBytes: number): Promise<{ key: string; texts: () => Promise<string[]> }> {
  const { articles } = await loadCorpus(corpusDir, { maxFileBytes });
  const key = createHash('sha256');
  for (const article of articles) key.update(article.hash);
  return { key: `${articles.length} articles, ${key.digest('hex').slice(0, 16)}`, texts: async () => articles.map((a) => `${a.title}\n\n${a.text}`) };
}
