import type { AskFilter } from '../answer/ask-filter.ts';

/** The filter flags of `npm run ask`, for its usage. */
export const FILTER_FLAGS = {
  since: { type: 'string', value: 'DATE', help: 'only articles published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)' },
  until: { type: 'string', value: 'DATE', help: 'only articles published on or before DATE' },
  outlet: { type: 'string', value: 'NAME', help: 'only articles of this outlet (any case; part of the name will do)' },
} as const;

const FLAG = /(?:^|\s)--(since|until|outlet)(?:=|\s+)(?:"([^"]*)"|(\S+))/gu;

/**
 * A chat line's question and the filter flags in it, anywhere in the line:
 * `--since 2025-01 --outlet "Business Standard" What did Peskov say?`.
 */
export function splitFilterFlags(line: string): { question: string; filter: AskFilter } {
  const filter: AskFilter = {};
  const question = line
    .replace(FLAG, (_match, name: keyof AskFilter, quoted: string | undefined, bare: string | undefined) => {
      filter[name] = quoted ?? bare ?? '';
      return ' ';
    })
    .replace(/\s+/gu, ' ')
    .trim();
  return { question, filter };
}
