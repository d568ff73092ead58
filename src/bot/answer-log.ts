import type { Answer } from '../answer/answer.ts';
import type { EarlierQuestion } from '../answer/follow-up.ts';
import type { AnswerRecord } from '../feedback/records.ts';
import type { BotContext } from './context.ts';

/** Where an answer was given, and by whom it was asked (a raw Discord id, hashed before it is stored). */
export interface AnswerPlace {
  guild: string | null;
  channel: string;
  /** The bot's message holding the answer. */
  message: string;
  asker: string;
}

/**
 * Appends the answer to the feedback file, so votes on it and moderators' reviews can find the
 * question, whether it was answered, and what was cited. Never throws: a feedback file that
 * cannot be written is reported once and answering goes on.
 */
export async function logAnswer(ctx: BotContext, place: AnswerPlace, answer: Answer): Promise<void> {
  try {
    const record: AnswerRecord = {
      type: 'answer',
      at: new Date().toISOString(),
      guild: place.guild,
      channel: place.channel,
      message: place.message,
      question: answer.question,
      answered: answer.answered,
      ...(answer.answered && { confidence: answer.confidence ?? 'answer' }),
      refusal: answer.refusal?.kind ?? null,
      cited: answer.sources.map(({ article, startPos, endPos }) => ({ article, startPos, endPos })),
      user: await ctx.feedback.hashUser(place.asker),
    };
    await ctx.feedback.append(record);
  } catch (error) {
    ctx.log.warn('could not record the answer for feedback', { error });
  }
}

/**
 * The question a message follows up, from the feedback file: the bot's answer it replies to,
 * or else, in a thread, the last answer given there. Null when there is none (or no file).
 */
export async function earlierQuestion(ctx: BotContext, where: { replyTo: string | null; channel: string; inThread: boolean }): Promise<EarlierQuestion | null> {
  if (!where.replyTo && !where.inThread) return null;
  try {
    const answers = (await ctx.feedback.read()).records.filter((record): record is AnswerRecord => record.type === 'answer');
    const earlier = where.replyTo ? answers.find((record) => record.message === where.replyTo) : answers.filter((record) => record.channel === where.channel).at(-1);
    return earlier ? { question: earlier.question, articles: [...new Set(earlier.cited.map((passage) => passage.article))] } : null;
  } catch (error) {
    ctx.log.warn('could not read the feedback file for a follow-up', { error });
    return null;
  }
}
