import { englishNlp } from '/work/main/src/text/nlp.ts';
const nlp = englishNlp();
for (const q of process.argv.slice(2)) { const d = nlp.readDoc(q); console.log(d.tokens().out().map((t, i) => t + '/' + (d.tokens().out(nlp.its.pos) as string[])[i]).join(' ')); }
