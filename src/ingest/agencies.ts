/**
 * The wire agencies whose copy newspapers syndicate, and how to spot their names. Short
 * acronyms are matched case-sensitively so that "ap" or "uni" inside ordinary words never count.
 */

interface Agency {
  /** The name Newsdesk reports, e.g. "Reuters". */
  name: string;
  /** Spellings that mean this agency; acronyms as written in capitals. */
  aliases: string[];
}

const AGENCIES: Agency[] = [
  { name: 'IANS', aliases: ['IANS', 'Indo-Asian News Service'] },
  { name: 'AP', aliases: ['AP', 'Associated Press'] },
  { name: 'ANI', aliases: ['ANI', 'Asian News International'] },
  { name: 'PTI', aliases: ['PTI', 'Press Trust of India'] },
  { name: 'UNI', aliases: ['UNI', 'United News of India'] },
  { name: 'Reuters', aliases: ['Reuters', 'REUTERS'] },
  { name: 'AFP', aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse'] },
  { name: 'Xinhua', aliases: ['Xinhua', 'XINHUA'] },
  { name: 'TASS', aliases: ['TASS', 'Tass'] },
  { name: 'Bloomberg', aliases: ['Bloomberg'] },
  { name: 'AAP', aliases: ['AAP', 'Australian Associated Press'] },
  { name: 'dpa', aliases: ['dpa', 'DPA'] },
  { name: 'EFE', aliases: ['EFE'] },
  { name: 'Kyodo', aliases: ['Kyodo'] },
  { name: 'Yonhap', aliases: ['Yonhap'] },
  { name: 'Interfax', aliases: ['Interfax'] },
  { name: 'RIA Novosti', aliases: ['RIA Novosti'] },
  { name: 'ANSA', aliases: ['ANSA'] },
  { name: 'Anadolu', aliases: ['Anadolu'] },
  { name: 'Bernama', aliases: ['Bernama'] },
  { name: 'WAM', aliases: ['WAM'] },
  { name: 'SPA', aliases: ['SPA'] },
];

const ALIAS_TO_NAME = new Map<string, string>(AGENCIES.flatMap((a) => a.aliases.map((alias) => [alias, a.name] as const)));

// Longest aliases first so "Associated Press" wins over a shorter overlapping name.
const ALIASES = [...ALIAS_TO_NAME.keys()].sort((a, b) => b.length - a.length);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches any agency name as a whole word; group 1 is the alias. */
export const AGENCY_PATTERN = `(${ALIASES.map(escape).join('|')})`;

// Letters or digits may not touch the name; dashes may ("--IANS").
const AGENCY_WORD = new RegExp(String.raw`(?<![\p{L}\p{N}_])${AGENCY_PATTERN}(?![\p{L}\p{N}_])`, 'gu');

/** The canonical agency name for an alias as written ("Associated Press" → "AP"), or null. */
export function agencyName(alias: string): string | null {
  return ALIAS_TO_NAME.get(alias.trim()) ?? null;
}

/** Every agency named in `text` as a whole word, in order of appearance, canonical names. */
export function agenciesIn(text: string): string[] {
  return [...text.matchAll(AGENCY_WORD)].map((m) => ALIAS_TO_NAME.get(m[1] ?? '') ?? '').filter((n) => n !== '');
}
