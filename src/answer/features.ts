/**
 * The named features a candidate sentence is described by (see `candidates.ts`), and those a
 * reply's decision reads. A model (`ranker.ts`) names the features it weighs; these lists say
 * what exists. Append freely: a model that lacks a feature gives it no weight.
 */
export const FEATURE_NAMES = [
  // Words: the share of the question's term weight in the sentence, its names, its other words.
  'own',
  'own_names',
  'own_other',
  'own_fuzzy',
  'own_rarest',
  'prev_own',
  'next_own',
  // Around the sentence: itself, the two before, the headline and metadata, the lead's names.
  'context',
  'context_other',
  'all_context',
  'about_other',
  // The kind of answer asked for, by family of question, and the same near the question's words.
  'kind_name',
  'kind_place',
  'kind_date',
  'kind_amount',
  'kind_reason',
  'kind_none',
  'kind_close_name',
  'kind_close_place',
  'kind_close_date',
  'kind_close_amount',
  'kind_close_reason',
  'kind_close_none',
  'kind_x_context',
  'kind_x_own',
  'reason_cause',
  'reason_sequence',
  'reason_purpose',
  'head',
  'narrower',
  'elsewhere',
  'withheld',
  // Meaning, for the sentences embedded.
  'cosine',
  'embedded',
  // Where and what the sentence is.
  'lead',
  'position',
  'near_focus',
  'length',
  'quoted_speech',
  'continues',
  // Its article.
  'retrieval',
  'retrieval_rank',
  'name_share',
  'subjects_missing',
  'in_passing',
  'title_cover',
  'says_lacks',
  // Words related to the question's through WordNet, not its own words: the same meaning or a
  // derived form, one step broader or narrower, and either in the sentence's context.
  'own_related',
  'own_broad',
  'context_related',
  // Where the sentence stands among all the question's candidates.
  'own_rank',
  'context_rank',
  'cosine_rank',
  'own_related_rank',
  'own_ratio',
  // Whether the sentence's context holds the question's names, and its rarest word.
  'context_names',
  'context_rarest',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * What the decision to answer, hedge or refuse reads: the ranker's score for a sentence and its
 * lead over the others, a few of the sentence's own features, and features of the question.
 */
export const DECISION_FEATURES = [
  'score',
  'gap_to_best',
  'best_margin',
  'source_rank',
  'own',
  'context',
  'kind',
  'kind_close',
  'cosine',
  'name_share',
  'subjects_missing',
  'retrieval',
  'own_related',
  'context_related',
  // The question.
  'q_terms',
  'q_short',
  'q_expects_none',
  'q_second_person',
  'q_first_person',
  'q_imperative',
  'q_advice',
  'q_arithmetic',
  'q_rarest',
  'q_unseen',
  'q_concentration',
] as const;

export type DecisionFeatureName = (typeof DECISION_FEATURES)[number];

export const featureIndex = (name: FeatureName): number => FEATURE_NAMES.indexOf(name);
