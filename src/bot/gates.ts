import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import type { Desk } from '../desk.ts';
import type { BotContext } from './context.ts';
import type { Limiter } from './cooldown.ts';

/**
 * What a request must pass before it runs, declared on each command (`gates`) and checked by the
 * router in the order given, as Sapphire's preconditions are:
 * - `channel`: the message is addressed to the bot (it mentions it, or is in an ask channel);
 * - `moderator`: the member has Manage Server or a role of MODERATOR_ROLE_IDS;
 * - `cooldown`: the user's wait between two questions is over (this takes their turn);
 * - `concurrency`: never refuses; the command's questions and searches wait for one of
 *   MAX_CONCURRENT_ANSWERS slots.
 */
export type Gate = 'channel' | 'moderator' | 'cooldown' | 'concurrency';

/** The gates of a question, whether asked with `/ask` or in a message. */
export const QUESTION_GATES: readonly Gate[] = ['cooldown', 'concurrency'];

/** Said to members who may not refresh. */
export const NOT_MODERATOR = 'Only members with the Manage Server permission or a moderator role can run /refresh.';

/** Who makes a request, and where, as far as the gates care. */
export interface Caller {
  userId: string;
  /** In a server: whether the member has Manage Server (or Administrator), and their roles; null elsewhere. */
  member: { manageGuild: boolean; roles: readonly string[] } | null;
  channelId: string | null;
  /** The channel a thread belongs to; null outside threads. */
  parentId: string | null;
  /** True for a slash command, or a message that mentions the bot. */
  addressed: boolean;
}

/**
 * A gate's refusal. `message` is what the user is told; null when the request was not for the
 * bot at all. `repeated`: the user was told already in this cooldown window, so a message is not
 * answered again (in an ask channel every message is a question).
 */
export interface Denial {
  message: string | null;
  repeated?: boolean;
}

type Check = (caller: Caller, ctx: Pick<BotContext, 'config' | 'cooldown'>) => Denial | null;

const CHECKS: Record<Gate, Check> = {
  channel: (caller, ctx) => (caller.addressed || inAskChannel(caller, ctx.config.discord.askChannelIds) ? null : { message: null }),
  moderator: (caller, ctx) => (isModerator(caller, ctx.config.discord.moderatorRoleIds) ? null : { message: NOT_MODERATOR }),
  cooldown: (caller, ctx) => {
    const turn = ctx.cooldown.take(caller.userId);
    return turn.ok ? null : { message: waitMessage(turn.retryAfterMs), repeated: !turn.firstRefusal };
  },
  concurrency: () => null,
};

/** The first gate that refuses `caller`, or null. Gates after a refusal are not checked (no turn is taken). */
export function checkGates(gates: readonly Gate[], caller: Caller, ctx: Pick<BotContext, 'config' | 'cooldown'>): Denial | null {
  for (const gate of gates) {
    const denial = CHECKS[gate](caller, ctx);
    if (denial) return denial;
  }
  return null;
}

/**
 * The one place a denial is answered: a command gets an ephemeral reply (an interaction must be
 * answered), a message a reply unless it was not for the bot or the user was told already.
 */
export async function answerDenial(target: ChatInputCommandInteraction | Message, denial: Denial): Promise<void> {
  if (denial.message === null) return;
  if ('commandName' in target) await target.reply({ content: denial.message, flags: MessageFlags.Ephemeral });
  else if (!denial.repeated) await target.reply({ content: denial.message });
}

/** The context a command runs with: under `concurrency`, its questions and searches wait for a slot. */
export function gatedContext(ctx: BotContext, gates: readonly Gate[]): BotContext {
  return gates.includes('concurrency') ? { ...ctx, desk: limitedDesk(ctx.desk, ctx.limiter) } : ctx;
}

/** Manage Server (or Administrator), or one of `moderatorRoleIds`; never outside a server. */
export function isModerator(caller: Pick<Caller, 'member'>, moderatorRoleIds: readonly string[]): boolean {
  if (caller.member === null) return false;
  return caller.member.manageGuild || caller.member.roles.some((role) => moderatorRoleIds.includes(role));
}

/** Whether the request comes from an ask channel or a thread of one. */
export function inAskChannel(caller: Pick<Caller, 'channelId' | 'parentId'>, askChannelIds: readonly string[]): boolean {
  return [caller.channelId, caller.parentId].some((id) => id !== null && askChannelIds.includes(id));
}

/** Tells a user how long to wait before asking again. */
export function waitMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Please wait ${seconds} s before asking another question.`;
}

/** The caller of a slash command. */
export function commandCaller(interaction: ChatInputCommandInteraction): Caller {
  let member: Caller['member'] = null;
  if (interaction.inGuild()) {
    const { roles } = interaction.member;
    member = {
      manageGuild: interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild),
      roles: Array.isArray(roles) ? roles : [...roles.cache.keys()],
    };
  }
  const channel = interaction.channel;
  return { userId: interaction.user.id, member, channelId: interaction.channelId, parentId: channel?.isThread() ? channel.parentId : null, addressed: true };
}

/** The caller of a message; `mentioned` when it names the bot explicitly. */
export function messageCaller(message: Message, mentioned: boolean): Caller {
  const { channel, member } = message;
  return {
    userId: message.author.id,
    member: member ? { manageGuild: member.permissions.has(PermissionFlagsBits.ManageGuild), roles: [...member.roles.cache.keys()] } : null,
    channelId: message.channelId,
    parentId: channel.isThread() ? channel.parentId : null,
    addressed: mentioned,
  };
}

/** `desk` with its questions and searches run through `limiter`; lookups need no slot. */
function limitedDesk(desk: Desk, limiter: Limiter): Desk {
  return {
    ask: (question, options) => limiter.run(() => desk.ask(question, options)),
    search: (query, options) => limiter.run(() => desk.search(query, options)),
    articles: (options) => desk.articles(options),
    article: (id) => desk.article(id),
    refresh: (options) => desk.refresh(options),
    status: () => desk.status(),
    addArticles: (uploads, options) => desk.addArticles(uploads, options),
    removeArticle: (id, options) => desk.removeArticle(id, options),
    passage: (article, start, end) => desk.passage(article, start, end),
  };
}
