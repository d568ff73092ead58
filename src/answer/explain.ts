import { judgeCandidates, type PreparedQuestion } from './compose.ts';
import type { Ranker } from './ranker.ts';

/** Candidates an explanation shows. */
const SHOWN = 3;
/** Features an explanation names for each. */
const PARTS = 6;

/**
 * Why the reply is what it is, as text: the decision and its thresholds, the best-ranked
 * sentences with their probability of answering and the features that gave most of their
 * score, and where the winner beat the runner-up. For `ask --explain`.
 */
export function explainReply(prepared: PreparedQuestion, model: Ranker): string {
  if (prepared.refusal) return `Refused before ranking: ${prepared.refusal.kind}${'term' in prepared.refusal ? ` ("${prepared.refusal.term}")` : ''}${'reason' in prepared.refusal ? ` (${prepared.refusal.reason})` : ''}.`;
  const judged = judgeCandidates(prepared, model);
  const { answer, closest } = model.model.thresholds;
  const p = judged[0]!.probability ?? 0;
  const decision = p >= answer ? `answer (p ${p.toFixed(3)} >= ${answer})` : p >= closest ? `closest (${closest} <= p ${p.toFixed(3)} < ${answer})` : `refused (p ${p.toFixed(3)} < ${closest})`;
  const lines = [`Decision: ${decision}; ${prepared.candidates.length} candidate sentences.`];
  for (const [rank, { candidate, score, probability }] of judged.slice(0, SHOWN).entries()) {
    const { article, index, features } = candidate;
    const sentence = article.sentences[index]!;
    const text = article.text.slice(sentence.start, sentence.end).replace(/\s+/gu, ' ');
    lines.push(`#${rank + 1} ${article.article.id} sentence ${index}: p ${probability?.toFixed(3) ?? '-'}, score ${score.toFixed(2)}`);
    lines.push(`   "${text.length > 160 ? `${text.slice(0, 159)}…` : text}"`);
    const parts = model.ranker.explain(features).slice(0, PARTS);
    lines.push(`   ${parts.map(({ feature, value, contribution }) => `${feature}=${round(value)} (${contribution >= 0 ? '+' : ''}${contribution.toFixed(2)})`).join(', ')}`);
  }
  const [first, second] = judged;
  if (first && second) {
    const mine = new Map(model.ranker.explain(first.candidate.features).map(({ feature, contribution }) => [feature, contribution]));
    const theirs = new Map(model.ranker.explain(second.candidate.features).map(({ feature, contribution }) => [feature, contribution]));
    const gaps = [...new Set([...mine.keys(), ...theirs.keys()])]
      .map((feature) => ({ feature, gap: (mine.get(feature) ?? 0) - (theirs.get(feature) ?? 0) }))
      .filter(({ gap }) => Math.abs(gap) >= 0.005)
      .sort((a, b) => b.gap - a.gap);
    lines.push(`#1 over #2 by ${(first.score - second.score).toFixed(2)}: ahead on ${describe(gaps.filter(({ gap }) => gap > 0).slice(0, 4))}; behind on ${describe(gaps.filter(({ gap }) => gap < 0).reverse().slice(0, 4))}.`);
  }
  return lines.join('\n');
}

const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const describe = (gaps: { feature: string; gap: number }[]) => (gaps.length ? gaps.map(({ feature, gap }) => `${feature} ${gap >= 0 ? '+' : ''}${gap.toFixed(2)}`).join(', ') : 'nothing');
