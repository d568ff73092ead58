import { tagSentences } from '/work/main/src/ingest/tag.ts';
import { absentName } from '/work/main/src/answer/absent.ts';
import { terms } from '/work/main/src/text/tokenize.ts';
for (const t of ['Mr Baume leads the First Division Association.', 'The plates will be auctioned for the Bank of China.', 'The auction raised £115,000 for victims.']) { for (const s of tagSentences(t)) console.log(s.tags.map(g => g.kind + ':' + t.slice(g.start, g.end))); }
const texts = ['Putin and Trump met in Alaska.', 'Nintendo will release the DS in Europe. Grand Theft Auto sold well.'];
const known = new Set(texts.flatMap((t) => terms(t)));
const v = { has: (t: string) => known.has(t), hasPhrase: (w: readonly string[]) => { console.log('phrase?', w); return false; } };
console.log(absentName('When does the Nintendo Switch 2 come out in Europe?', v));
console.log(absentName('What did Macron say?', { has: (t: string) => t === 'macro', hasPhrase: () => true }), terms('Macron'));
