import { terms } from '../text/tokenize.ts';

/** The question asked before, and the articles its answer cited. */
export interface EarlierQuestion {
  question: string;
  articles: readonly string[];
}

/** Words that make a question lean on the one before: "And when…", "What about…". */
const CONTINUES = /^(?:&|and\b|but\b|also\b|so\b|then\b|what about\b|how about\b)/iu;
/** Words that point back at something named before: "that meeting", "he", "there". */
const POINTS_BACK = /\b(?:it|its|that|this|these|those|they|them|their|he|him|his|she|her|there|the same)\b/iu;
/** A question with more search terms than this names its own subject. */
const OWN_SUBJECT_TERMS = 3;

/**
 * True when a question reads as a follow-up to the earlier one: it continues it ("and…", "&"),
 * points back at it ("that meeting", "he"), or is too short to name a subject of its own
 * ("What did Peskov say?"). A question that stands on its own is answered as it is.
 */
export function isFollowUp(question: string): boolean {
  const text = question.trim();
  return CONTINUES.test(text) || POINTS_BACK.test(text) || terms(text).length <= OWN_SUBJECT_TERMS;
}

/** The question without a leading "&" (the terminal chat's follow-up mark). */
export function withoutFollowUpMark(question: string): string {
  return question.replace(/^&\s*/u, '');
}
