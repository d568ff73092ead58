import { loadIndexVersion } from '/work/main/src/store/index-version.ts';
import { readCurrentVersion } from '/work/main/src/store/version-files.ts';
import { layout } from '/work/main/src/store/layout.ts';
import { analyzeQuestion } from '/work/main/src/answer/question.ts';
import { terms } from '/work/main/src/text/tokenize.ts';
import { readFileSync } from 'node:fs';
const BR: Record<string, string[]> = JSON.parse(readFileSync('/tmp/bridges.json', 'utf8'));
const dir = process.argv[2]!;
const v = await loadIndexVersion(layout.version(dir, (await readCurrentVersion(dir))!), 'x');
const qs = readFileSync('/work/shared/eval/bbc-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
let yes = 0, no = 0;
for (const q of qs) {
  if (!q.article) continue;
  const a = analyzeQuestion(q.q);
  const pred = new Set([...a.predicate, ...(a.head ? [a.head] : [])]);
  if (pred.size === 0) continue;
  const art = v.articles.get(q.article)!;
  const s = v.sentences(art.id).find((s) => q.expect.some((e: string) => art.text.slice(s.start, s.end).includes(e)));
  if (!s) continue;
  const idx = v.sentences(art.id).indexOf(s);
  const prev = v.sentences(art.id)[idx - 1];
  const st = new Set(terms(art.text.slice(prev ? prev.start : s.start, s.end)));
  const hit = [...pred].some((p) => st.has(p) || (BR[p] ?? []).some((b) => st.has(b)));
  if (hit) yes++; else { no++; console.log(q.type, '|', [...pred].join(','), '|', art.text.slice(s.start, s.end).slice(0, 120)); }
}
console.log('yes', yes, 'no', no);
