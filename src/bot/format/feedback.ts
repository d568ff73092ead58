import type { APIEmbed } from 'discord.js';
import { truncateText } from '../../answer/render.ts';
import type { AnswerFeedback, FeedbackSummary } from '../../feedback/summary.ts';
import { escapeDiscord, LIMITS, oneLine, timestamp } from './discord.ts';

/** One answer worth a look: when, the question, how it fared, and what voters said. */
function entryLine(entry: AnswerFeedback): string {
  const votes = [...entry.votes.values()];
  const up = votes.filter((vote) => vote === 'up').length;
  const fate = entry.answer.answered ? `answered, 👍 ${up} 👎 ${votes.length - up}` : `refused (${entry.answer.refusal ?? 'not found'})`;
  const comments = entry.comments.map((comment) => `\n> ${escapeDiscord(truncateText(oneLine(comment), 300))}`).join('');
  return `${timestamp(entry.answer.at)} · ${fate}\n**${escapeDiscord(truncateText(oneLine(entry.answer.question), 300))}**${comments}`;
}

/**
 * `/feedback`: the counts over the period, then the voted-down answers and the refused
 * questions, newest first, a few a page.
 */
export function paginateFeedback(summary: FeedbackSummary, days: number, perPage = 5): APIEmbed[] {
  const title = truncateText(`Feedback, last ${days} day${days === 1 ? '' : 's'}`, LIMITS.embedTitle);
  const counts = `${summary.answers} answers · ${summary.refused} refused · 👍 ${summary.up} · 👎 ${summary.down}`;
  const entries = [...summary.disliked, ...summary.refusals.filter((entry) => !summary.disliked.includes(entry))].map(entryLine);
  if (entries.length === 0) return [{ title, description: `${counts}\n\nNo voted-down answers and no refusals in this period.` }];
  const pages: APIEmbed[] = [];
  for (let i = 0; i < entries.length; i += perPage) {
    const body = entries.slice(i, i + perPage).join('\n\n');
    pages.push({ title, description: truncateText(`${counts}\n\n${body}`, LIMITS.embedDescription), footer: { text: `Page ${pages.length + 1} of ${Math.ceil(entries.length / perPage)} · npm run feedback -- --export FILE turns these into test questions` } });
  }
  return pages;
}
