import { MessageReferenceType, type Message } from 'discord.js';
import { earlierQuestion, logAnswer } from './answer-log.ts';
import { answerButtons } from './answer-buttons.ts';
import type { BotContext } from './context.ts';
import { logFailure, userMessage } from './errors.ts';
import { formatAnswer } from './format/answer.ts';
import { withoutMentions } from './format/discord.ts';
import { answerDenial, checkGates, gatedContext, messageCaller, QUESTION_GATES, type Gate } from './gates.ts';

/** Discord shows "typing…" for 10 s after each call; renew a little before. */
const TYPING_EVERY_MS = 8000;

/** A message is answered when it is addressed to the bot, then under the gates of `/ask`. */
const MESSAGE_GATES: readonly Gate[] = ['channel', ...QUESTION_GATES];

/** Said to a bare mention. */
export const MENTION_HINT = 'Ask me a question about the news articles after the mention, e.g. "@Newsdesk what did the minister announce?"';

/**
 * The question in a message: its text without mentions (of the bot, of members, roles and
 * channels, @everyone and @here), which address people rather than ask anything, trimmed.
 */
export function extractQuestion(content: string, botId: string): string {
  return withoutMentions(content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' '));
}

/** True when the text mentions the bot explicitly (not @everyone, not a reply ping). */
export function mentionsBot(content: string, botId: string): boolean {
  return new RegExp(`<@!?${botId}>`).test(content);
}

/**
 * Answers a message that mentions the bot, or any message in an ask channel, with a reply to
 * it. Ignores bots (itself included), webhooks and system messages. Never throws.
 */
export function createMessageHandler(ctx: BotContext): (message: Message) => Promise<void> {
  return async (message) => {
    if (message.author.bot || message.webhookId !== null || message.system) return;
    const botId = message.client.user.id;
    const context = { message: message.id, user: message.author.id, guild: message.guildId, channel: message.channelId };

    try {
      // A reply to one of the bot's answers is addressed to it, like a mention.
      const replyTo = await repliedToBot(message, botId, ctx);
      const mentioned = mentionsBot(message.content, botId) || replyTo !== null;
      const question = extractQuestion(message.content, botId);
      // A bare mention is a greeting, answered with a hint; it costs no turn.
      if (!question) {
        if (mentioned) await message.reply({ content: MENTION_HINT });
        return;
      }
      const denial = checkGates(MESSAGE_GATES, messageCaller(message, mentioned), ctx);
      if (denial) return await answerDenial(message, denial);
      const { desk } = gatedContext(ctx, MESSAGE_GATES);
      const earlier = await earlierQuestion(ctx, { replyTo, channel: message.channelId, inThread: message.channel.isThread() });
      const answer = await withTyping(message, ctx, () => desk.ask(question, earlier ? { earlier } : {}));
      const sent = await message.reply({ ...formatAnswer(answer), components: [answerButtons(answer)] });
      await logAnswer(ctx, { guild: message.guildId, channel: message.channelId, message: sent.id, asker: message.author.id }, answer);
      ctx.log.debug('answered message', { ...context, answered: answer.answered, sources: answer.sources.length });
    } catch (error) {
      logFailure(ctx.log, error, context);
      try {
        await message.reply({ content: userMessage(error) });
      } catch (replyError) {
        ctx.log.warn('could not report an error to the user', { ...context, error: replyError });
      }
    }
  };
}

/**
 * The id of the bot's message that `message` replies to, or null. Discord leaves the replied
 * message out of the event when it has not fetched it, and the reply need not ping: then the
 * message is fetched (discord.js keeps it in the channel's cache, so replies to one answer
 * fetch it once). A message that cannot be fetched (deleted, no access) is not the bot's.
 */
async function repliedToBot(message: Message, botId: string, ctx: BotContext): Promise<string | null> {
  const reference = message.reference?.messageId;
  // A forwarded message refers to another one too, but is not a reply.
  if (!reference || message.reference?.channelId !== message.channelId || (message.reference.type ?? MessageReferenceType.Default) !== MessageReferenceType.Default) return null;
  if (message.mentions.repliedUser) return message.mentions.repliedUser.id === botId ? reference : null;
  try {
    const replied = await message.fetchReference();
    return replied.author.id === botId ? reference : null;
  } catch (error) {
    ctx.log.debug('could not fetch the message a reply refers to', { message: message.id, reference, error });
    return null;
  }
}

/** Shows "Newsdesk is typing…" while `work` runs. */
async function withTyping<T>(message: Message, ctx: BotContext, work: () => Promise<T>): Promise<T> {
  const channel = message.channel;
  const type = () => {
    if (!('sendTyping' in channel)) return;
    channel.sendTyping().catch((error: unknown) => ctx.log.debug('sendTyping failed', { error }));
  };
  type();
  const timer = setInterval(type, TYPING_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
