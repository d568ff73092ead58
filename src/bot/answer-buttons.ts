import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Answer } from '../answer/answer.ts';
import { truncateText } from '../answer/render.ts';
import { MAX_COMMENT_CHARS } from '../feedback/feedback-file.ts';
import { foldFeedback } from '../feedback/summary.ts';
import { formatPassageInContext } from './format/answer.ts';
import type { BotContext } from './context.ts';

/** Custom id prefixes: a source (`src`), a vote (`vote:up`, `vote:down`), the 👎 modal (`why`). */
export const SOURCE_PREFIX = 'src';
export const VOTE_PREFIX = 'vote';
export const WHY_PREFIX = 'why';

/** Discord's longest custom id and button label, in characters. */
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;

/**
 * The buttons under an answer: one per cited article ("1 · <title>", numbered as the sources
 * are), then 👍 and 👎, five at most in one row. Every custom id carries what its click needs
 * (the quote's offsets and article id; for a vote, only the vote, the answer being the message
 * the button is on), so buttons keep working after a restart. An article id too long for a
 * custom id is looked up in the feedback file by its number instead.
 */
export function answerButtons(answer: Answer): APIActionRowComponent<APIComponentInMessageActionRow> {
  const row = new ActionRowBuilder<ButtonBuilder>();
  const seen = new Set<string>();
  for (const source of answer.answered ? answer.sources : []) {
    if (seen.has(source.article) || seen.size === 3) continue;
    seen.add(source.article);
    const number = seen.size;
    const full = `${SOURCE_PREFIX}:${source.startPos}:${source.endPos}:${source.article}`;
    row.addComponents(
      new ButtonBuilder()
        .setCustomId(full.length <= MAX_CUSTOM_ID ? full : `${SOURCE_PREFIX}:n:${number}`)
        .setLabel(truncateText(`${number} · ${source.title}`, MAX_LABEL))
        .setStyle(ButtonStyle.Secondary),
    );
  }
  row.addComponents(
    new ButtonBuilder().setCustomId(`${VOTE_PREFIX}:up`).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(`${VOTE_PREFIX}:down`).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
  return row.toJSON();
}

/**
 * A click on a source button: the article's quoted passage with the sentences around it, shown
 * only to the person who clicked.
 */
export async function handleSource(interaction: ButtonInteraction, args: readonly string[], ctx: BotContext): Promise<void> {
  const cited = args[0] === 'n' ? await citedFromFeedback(ctx, interaction.message.id, Number(args[1])) : { start: Number(args[0]), end: Number(args[1]), article: args.slice(2).join(':') };
  const passage = cited && Number.isInteger(cited.start) && Number.isInteger(cited.end) ? await ctx.desk.passage(cited.article, cited.start, cited.end) : null;
  if (!passage) {
    await interaction.reply({ content: 'That passage is no longer in the index. `/source` shows the articles there are.', flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.reply({ ...formatPassageInContext(passage), flags: MessageFlags.Ephemeral });
}

/** The first cited passage of the `number`-th article of the answer in `message`, from the feedback file. */
async function citedFromFeedback(ctx: BotContext, message: string, number: number): Promise<{ article: string; start: number; end: number } | null> {
  const answer = foldFeedback((await ctx.feedback.read()).records).get(message)?.answer;
  const articles = [...new Set(answer?.cited.map((passage) => passage.article) ?? [])];
  const passage = answer?.cited.find((p) => p.article === articles[number - 1]);
  return passage ? { article: passage.article, start: passage.startPos, end: passage.endPos } : null;
}

/**
 * A click on 👍 or 👎: recorded for this user and answer (a later click replaces it), then
 * acknowledged only to the voter; a 👎 asks in a modal what was wrong.
 */
export async function handleVote(interaction: ButtonInteraction, vote: string | undefined, ctx: BotContext): Promise<void> {
  if (vote !== 'up' && vote !== 'down') {
    await interaction.reply({ content: 'This button no longer does anything.', flags: MessageFlags.Ephemeral });
    return;
  }
  const user = await ctx.feedback.hashUser(interaction.user.id);
  const saved = await ctx.feedback.append({ type: 'vote', at: new Date().toISOString(), message: interaction.message.id, user, vote });
  if (vote === 'down' && saved) {
    const comment = new TextInputBuilder()
      .setCustomId('comment')
      .setLabel('What was wrong? (optional)')
      .setStyle(TextInputStyle.Paragraph)
      .setRequired(false)
      .setMaxLength(MAX_COMMENT_CHARS);
    const modal = new ModalBuilder()
      .setCustomId(`${WHY_PREFIX}:${interaction.message.id}`)
      .setTitle('What was wrong with this answer?')
      .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(comment));
    await interaction.showModal(modal);
    return;
  }
  const content = saved ? `Thanks: recorded ${vote === 'up' ? '👍' : '👎'}. Click again to change it.` : 'Thanks. Feedback cannot be recorded right now.';
  await interaction.reply({ content, flags: MessageFlags.Ephemeral });
}

/** The 👎 modal sent back: the comment joins the vote, acknowledged only to the voter. */
export async function handleWhy(interaction: ModalSubmitInteraction, message: string | undefined, ctx: BotContext): Promise<void> {
  const comment = interaction.fields.getTextInputValue('comment').trim().slice(0, MAX_COMMENT_CHARS);
  if (message && comment) {
    await ctx.feedback.append({ type: 'comment', at: new Date().toISOString(), message, user: await ctx.feedback.hashUser(interaction.user.id), comment });
  }
  await interaction.reply({ content: 'Thanks: recorded 👎. A moderator can read it with the feedback export.', flags: MessageFlags.Ephemeral });
}
