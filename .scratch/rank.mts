// For each answerable dev question: rank of the expected sentence within the expected article, and whether retrieval has the article.
import { loadIndexVersion } from '/work/main/src/store/index-version.ts';
import { readCurrentVersion } from '/work/main/src/store/version-files.ts';
import { layout } from '/work/main/src/store/layout.ts';
import { analyzeQuestion } from '/work/main/src/answer/question.ts';
import { scoreSentences } from '/work/main/src/answer/compose.ts';
import { weightedTerms } from '/work/main/src/answer/evidence.ts';
import { readFileSync } from 'node:fs';
const dir = process.argv[2]!;
const v = await loadIndexVersion(layout.version(dir, (await readCurrentVersion(dir))!), 'x');
const qs = readFileSync(process.argv[3] ?? '/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const unseen = Math.log(1 + (v.keywords.size + 0.5) / 0.5);
const hist: Record<string, number> = {};
for (const q of qs) {
  if (!q.article) continue;
  const art = v.articles.get(q.article)!;
  const a = analyzeQuestion(q.q);
  const w = weightedTerms(q.q, (t) => v.keywords.idf(t), unseen);
  const scored = scoreSentences({ analysis: a, weights: w }, { title: art.title, text: art.text, sentences: v.sentences(art.id) });
  const order = [...scored].sort((x, y) => y.score - x.score);
  const r = order.findIndex((s) => q.expect.some((e: string) => art.text.slice(s.sentence.start, s.sentence.end).toLowerCase().includes(e.toLowerCase())));
  hist[r] = (hist[r] ?? 0) + 1;
  if (process.env.V && r !== 0) { const s = order[r]; const b = order[0]; console.log(`${r}\t${q.type}\t${q.q.slice(0,70)}\n   want own ${s?.own.toFixed(2)} ctx ${s?.context.toFixed(2)} kind ${s?.kind} score ${s?.score.toFixed(2)} | best own ${b.own.toFixed(2)} ctx ${b.context.toFixed(2)} kind ${b.kind} score ${b.score.toFixed(2)}: ${art.text.slice(b.sentence.start, b.sentence.end).slice(0,100)}`); }
}
console.log(JSON.stringify(hist));
