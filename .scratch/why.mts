// Usage: why.mts INDEX "substring of question"
import { loadIndexVersion } from '/work/main/src/store/index-version.ts';
import { readCurrentVersion } from '/work/main/src/store/version-files.ts';
import { layout } from '/work/main/src/store/layout.ts';
import { analyzeQuestion } from '/work/main/src/answer/question.ts';
import { answerKind } from '/work/main/src/answer/sentence-score.ts';
import { coverage, saturatedCoverage, weightedTerms } from '/work/main/src/answer/evidence.ts';
import { terms } from '/work/main/src/text/tokenize.ts';
import { readFileSync } from 'node:fs';
const dir = process.argv[2]!;
const v = await loadIndexVersion(layout.version(dir, (await readCurrentVersion(dir))!), 'x');
const qs = readFileSync('/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
for (const pat of process.argv.slice(3)) {
const q = qs.find(q => q.q.includes(pat));
const a = analyzeQuestion(q.q);
console.log('\n#', q.q, '\n ', JSON.stringify(a.expects), a.head, q.expect ?? q.forbid);
const unseen = Math.log(1 + (v.keywords.size + 0.5) / 0.5);
const w = weightedTerms(q.q, (t) => v.keywords.idf(t), unseen);
console.log('  weights', [...w].map(([t,x])=>`${t}:${x.toFixed(1)}`).join(' '));
const art = v.articles.get(q.article ?? '');
if (!art) continue;
const ss = v.sentences(art.id);
const rows = ss.map((s, i) => {
  const t = art.text.slice(s.start, s.end);
  const own = saturatedCoverage(w, t); const ctx = coverage(w, `${art.title}\n${i>0? art.text.slice(ss[i-1].start, ss[i-1].end):''}\n${t}`);
  const kind = answerKind(a, new Set(w.keys()), art.text, s);
  return { i, own, ctx, kind, t, tags: s.tags.map(g=>g.kind[0]+':'+art.text.slice(g.start,g.end)).join('|') };
});
for (const r of rows) console.log(`  ${r.i} own ${r.own.toFixed(2)} ctx ${r.ctx.toFixed(2)} kind ${r.kind} ${(q.expect??[]).some(e=>r.t.includes(e))?'***':''} ${r.t.slice(0,110)}\n       ${r.tags.slice(0,150)}`);
}
