import type { DecisionFeatureName } from './features.ts';
import { blankQuotations } from '../text/quotations.ts';
import { FIRST_PERSON, type QuestionAnalysis } from './question.ts';

/** Words of address to the bot: a question about "you" is talk, not news. */
const SECOND_PERSON = /\b(?:you|your|yours|yourself|u|ur)\b/iu;
/**
 * Frames of a request for advice or instructions. "Tips" and "advice" ask for some only with what
 * they are for or a quantifier ("any tips for", "advice on"), not as nouns of a report ("Iraq
 * advice claim") or a verb ("Edwards tips Idowu"); "way to" asks for a means only after a
 * determiner or adjective ("a decent way to", "the best way to"), not in "gives way to".
 */
const ADVICE =
  /\b(?:(?:tips?|advice) (?:for|on|about)|(?:any|some|your) (?:tips|advice)|advise|(?:a|an|the|any|best|better|good|easy|easiest|quick|quickest|simple|simplest|decent|right|cheap|cheapest|safe|safest) (?:\p{L}+ )?way to|ways to|how to|should (?:i|we|you|one)|how (?:do|can|could|should|would) (?:i|we|you|one)|recommend|suggest)\b/iu;
/**
 * Arithmetic and conversions: an operator between numbers, or amounts to convert or share. Two
 * numbers joined by a dash without spaces are one score or range ("Wasps 31-37 Leicester",
 * "1987-1990"), not a subtraction.
 */
const ARITHMETIC = /\d\s*[+*/×÷^=]\s*\d|\d\s+[-−–]\s*\d|\d\s*−\s*\d|\b(?:plus|minus|times|divided|multiplied|squared|convert|conversion|split|each person|per person|in (?:kilo|centi|milli)?(?:metres?|meters?|grams?)|in (?:miles|feet|inches|pounds|ounces|litres|liters|gallons|fahrenheit|celsius))\b/iu;
const NUMBERS = /\d+(?:[.,]\d+)?(?:[-–]\d+(?:[.,]\d+)?)?/gu;

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
    // The asker in the first person, not someone quoted.
    q_first_person: FIRST_PERSON.test(blankQuotations(text)) ? 1 : 0,
    q_imperative: analysis.imperative ? 1 : 0,
    q_advice: ADVICE.test(text) ? 1 : 0,
    q_arithmetic: ARITHMETIC.test(text) || (text.match(NUMBERS)?.length ?? 0) >= 2 ? 1 : 0,
    q_rarest: unseenWeight > 0 ? Math.min(1, rarest / unseenWeight) : 0,
  };
}
