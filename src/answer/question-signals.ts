import type { DecisionFeatureName } from './features.ts';
import { FIRST_PERSON, type QuestionAnalysis } from './question.ts';

/** Words of address to the bot: a question about "you" is talk, not news. */
const SECOND_PERSON = /\b(?:you|your|yours|yourself|u|ur)\b/iu;
/** Frames of a request for advice or instructions. */
const ADVICE = /\b(?:tips?|advice|advise|best way|good way|ways? to|how to|should (?:i|we|you|one)|how (?:do|can|could|should|would) (?:i|we|you|one)|recommend|suggest)\b/iu;
/** Arithmetic and conversions: an operator between numbers, or amounts to convert or share. */
const ARITHMETIC = /\d\s*[-+*/×÷^=]\s*\d|\b(?:plus|minus|times|divided|multiplied|squared|convert|conversion|split|each person|per person|in (?:kilo|centi|milli)?(?:metres?|meters?|grams?)|in (?:miles|feet|inches|pounds|ounces|litres|liters|gallons|fahrenheit|celsius))\b/iu;
const NUMBERS = /\d+(?:[.,]\d+)?/gu;

/**
 * Features of the question itself, for deciding whether to answer: how it is put (to the bot,
 * about the asker, as a request, as a sum) and how rare its words are. None names a topic.
 */
export function questionSignals(analysis: QuestionAnalysis, weights: ReadonlyMap<string, number>, unseenWeight: number): Partial<Record<DecisionFeatureName, number>> {
  const text = analysis.question;
  const rarest = Math.max(0, ...weights.values());
  return {
    q_terms: Math.log1p(weights.size),
    q_short: weights.size <= 2 ? 1 : 0,
    q_expects_none: analysis.expects === null ? 1 : 0,
    q_second_person: SECOND_PERSON.test(text) ? 1 : 0,
    q_first_person: FIRST_PERSON.test(text) ? 1 : 0,
    q_imperative: analysis.imperative ? 1 : 0,
    q_advice: ADVICE.test(text) ? 1 : 0,
    q_arithmetic: ARITHMETIC.test(text) || (text.match(NUMBERS)?.length ?? 0) >= 2 ? 1 : 0,
    q_rarest: unseenWeight > 0 ? Math.min(1, rarest / unseenWeight) : 0,
  };
}
