/**
 * Words inside quotation marks, single or double, which someone else says: "“I was there,” he
 * said", "Goldsmith: 'I was not leant on'". An apostrophe inside or after a word ("what's",
 * "the players' union") opens and closes nothing.
 */
const QUOTED = /(?<![\p{L}\p{N}])['‘"“][^'‘’"“”\n]+['’"”](?![\p{L}\p{N}])/gu;

/** `text` with every quotation blanked out by as many spaces, so that offsets outside them hold. */
export function blankQuotations(text: string): string {
  return text.replace(QUOTED, (quoted) => ' '.repeat(quoted.length));
}
