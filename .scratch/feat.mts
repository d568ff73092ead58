import { loadIndexVersion } from '/work/main/src/store/index-version.ts';
import { readCurrentVersion } from '/work/main/src/store/version-files.ts';
import { layout } from '/work/main/src/store/layout.ts';
import { analyzeQuestion } from '/work/main/src/answer/question.ts';
import { scoreSentences } from '/work/main/src/answer/compose.ts';
import { coverage, namedTerms, weightedTerms } from '/work/main/src/answer/evidence.ts';
import { retrieve } from '/work/main/src/answer/retrieve.ts';
import { openQueryEmbedder } from '/work/main/src/embed/open-embedder.ts';
import { readFileSync } from 'node:fs';
const dir = process.argv[2]!;
const v = await loadIndexVersion(layout.version(dir, (await readCurrentVersion(dir))!), 'x');
const emb = await openQueryEmbedder(v.manifest.embedder, { model: {} as any });
const qs = readFileSync(process.argv[3] ?? '/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const unseen = Math.log(1 + (v.keywords.size + 0.5) / 0.5);
for (const q of qs) {
  const a = analyzeQuestion(q.q);
  if (a.offtopic) continue;
  const w = weightedTerms(q.q, (t) => v.keywords.idf(t), unseen);
  const named = namedTerms(q.q);
  const passages = await retrieve(v, emb, q.q, { top: 10, perArticle: 3 });
  const rows = [];
  for (const id of [...new Set(passages.map(p => p.article.id))].slice(0, 3)) {
    const art = v.articles.get(id)!;
    const sc = scoreSentences(a, w, new Set(w.keys()), art.title, art.text, v.sentences(id));
    const b = sc.reduce((x, y) => y.score > x.score ? y : x);
    const s = art.text.slice(b.sentence.start, b.sentence.end);
    const nw = new Map([...w].filter(([t]) => named.has(t))); const pw = new Map([...w].filter(([t]) => !named.has(t)));
    const ctx = `${art.title}\n${art.text.slice(Math.max(0, b.sentence.start - 400), b.sentence.start)}\n${s}`;
    rows.push(`${id===q.article?'*':' '}own ${b.own.toFixed(2)} ctx ${b.context.toFixed(2)} kind ${b.kind} namedCtx ${nw.size? coverage(nw, ctx).toFixed(2):'-   '} predOwn ${pw.size? coverage(pw, s).toFixed(2):'-   '} artNamed ${nw.size? coverage(nw, art.title+'\n'+art.text).toFixed(2):'-   '}`);
  }
  console.log(`${q.article ? 'ANS ' + q.type : 'UNA ' + q.kind}\t${q.q.slice(0,60)}\n   ${rows.join('\n   ')}`);
}
