import type { Answer } from '../answer/answer.ts';
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
      refusal: answer.refusal?.kind ?? null,
      cited: answer.sources.map(({ article, startPos, endPos }) => ({ article, startPos, endPos })),
      user: await ctx.feedback.hashUser(place.asker),
    };
    await ctx.feedback.append(record);
  } catch (error) {
    ctx.log.warn('could not record the answer for feedback', { error });
  }
}
