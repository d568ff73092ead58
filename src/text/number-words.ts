/** Numbers written as words: "five million visitors", "the two leaders". */
export const CARDINAL_WORDS: readonly string[] = [
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million', 'billion',
];

/** Ordinals written as words. */
export const ORDINAL_WORDS: readonly string[] = ['first', 'second', 'third'];
