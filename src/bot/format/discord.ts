import { escapeMarkdown, time, TimestampStyles, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';

/** Discord's documented size limits, in characters. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  fields: 25,
  /** Sum of titles, descriptions, field names and values, footers and author names of a message. */
  embedsTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** What a reply carries; every field is plain API data so it can be checked against LIMITS. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Markdown-escapes article text, including line-start headings and lists and masked links. */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** A Discord timestamp (`<t:…:f>`, shown in each reader's time zone) for an ISO date; the text otherwise. */
export function timestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeDiscord(iso);
  return `${time(date, TimestampStyles.ShortDateTime)} (${time(date, TimestampStyles.RelativeTime)})`;
}

/** The text on one line, runs of white space made one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `text` without Discord mentions (members, roles, channels, @everyone, @here), spaces collapsed. */
export function withoutMentions(text: string): string {
  return text.replace(/<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/g, ' ').replace(/\s+/g, ' ').trim();
}
