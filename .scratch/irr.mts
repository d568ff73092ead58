import { englishNlp } from '/work/main/src/text/nlp.ts';
const nlp = englishNlp(); const its = nlp.its;
const words = 'met won took paid sold bought ran said gave made went came saw knew told found thought left kept held brought began spent lost led fell rose cut hit set put let sent built struck stood fought caught taught sought wore drove drew grew flew threw shook broke chose spoke stole woke froze forgot got lay laid rode wrote hid bit ate fed fled bled bound wound hung sank sang swam rang sprang shrank stuck swore tore bore underwent overtook withdrew undertook overcame became beat bet dealt felt meant slept swept wept'.split(' ');
const d = nlp.readDoc(words.join(' . '));
const out: Record<string,string> = {};
d.tokens().each((t: any) => { const v = t.out(); const l = t.out(its.lemma); if (v !== '.' && l !== v) out[v] = l; });
console.log(JSON.stringify(out));
