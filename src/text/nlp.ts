import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let nlp: WinkMethods | null = null;

/**
 * wink-nlp with its English model (tokens, parts of speech, dates, numbers, amounts), loaded on
 * first use: about 100 ms, from the npm package, with no download.
 */
export function englishNlp(): WinkMethods {
  return (nlp ??= winkNLP(model));
}
