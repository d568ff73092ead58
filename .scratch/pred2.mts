import { loadIndexVersion } from '/work/main/src/store/index-version.ts';
import { readCurrentVersion } from '/work/main/src/store/version-files.ts';
import { layout } from '/work/main/src/store/layout.ts';
import { analyzeQuestion } from '/work/main/src/answer/question.ts';
import { answerKind } from '/work/main/src/answer/sentence-score.ts';
import { weightedTerms } from '/work/main/src/answer/evidence.ts';
import { retrieve } from '/work/main/src/answer/retrieve.ts';
import { openQueryEmbedder } from '/work/main/src/embed/open-embedder.ts';
import { terms } from '/work/main/src/text/tokenize.ts';
import { readFileSync } from 'node:fs';
const BR: Record<string, string[]> = JSON.parse(readFileSync('/tmp/bridges.json', 'utf8'));
const dir = process.argv[2]!;
const v = await loadIndexVersion(layout.version(dir, (await readCurrentVersion(dir))!), 'x');
const emb = await openQueryEmbedder(v.manifest.embedder, { model: {} as any });
const qs = readFileSync('/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const minKind = Number(process.env.MINKIND ?? 0.7);
for (const q of qs) {
  const a = analyzeQuestion(q.q);
  if (a.offtopic || a.expects === null) continue;
  const pred = new Set([...a.predicate, ...(a.head ? [a.head] : [])]);
  const w = weightedTerms(q.q, (t) => v.keywords.idf(t), 10);
  const passages = await retrieve(v, emb, q.q, { top: 10, perArticle: 3 });
  const ids = q.article ? [q.article] : [...new Set(passages.map(p => p.article.id))].slice(0, 3);
  const res = ids.map((id) => {
    const art = v.articles.get(id)!; const ss = v.sentences(id);
    return ss.some((s, i) => {
      if (answerKind(a, new Set(w.keys()), art.text, s) < minKind) return false;
      if (pred.size === 0) return true;
      const st = new Set(terms(art.text.slice(ss[Math.max(0, i - 1)]!.start, s.end)));
      return [...pred].some((p) => st.has(p) || (BR[p] ?? []).some((b) => st.has(b)));
    }) ? 'Y' : 'n';
  });
  console.log(q.article ? 'ANS' : 'UNA-' + q.kind, res.join(''), q.q.slice(0, 70));
}
