import { loadIndexVersion } from '/work/main/src/store/index-version.ts';
import { readCurrentVersion } from '/work/main/src/store/version-files.ts';
import { layout } from '/work/main/src/store/layout.ts';
import { namedTerms, weightedTerms } from '/work/main/src/answer/evidence.ts';
import { terms } from '/work/main/src/text/tokenize.ts';
import { readFileSync } from 'node:fs';
const dir = process.argv[2]!;
const v = await loadIndexVersion(layout.version(dir, (await readCurrentVersion(dir))!), 'x');
const qs = readFileSync('/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const mode = process.env.MODE ?? 'heaviest';
let y = 0, n = 0;
for (const q of qs) {
  if (!q.article) continue;
  const named = namedTerms(q.q);
  const w = weightedTerms(q.q, (t) => v.keywords.idf(t), 10);
  const ranked = [...named].filter(t => w.has(t)).sort((a, b) => w.get(b)! - w.get(a)!);
  if (ranked.length === 0) continue;
  const art = v.articles.get(q.article)!; const ss = v.sentences(art.id);
  const i = ss.findIndex((s) => q.expect.some((e: string) => art.text.slice(s.start, s.end).includes(e)));
  if (i < 0) continue;
  const win = new Set(terms(art.title + '\n' + art.text.slice(ss[Math.max(0, i - (Number(process.env.PREV ?? 1)))]!.start, ss[i]!.end)));
  const ok = mode === 'heaviest' ? win.has(ranked[0]!) : ranked.some(t => win.has(t));
  if (ok) y++; else { n++; console.log(ranked.join(','), '|', art.title, '|', art.text.slice(ss[i]!.start, ss[i]!.end).slice(0, 100)); }
}
console.log('pass', y, 'fail', n);
