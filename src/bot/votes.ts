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
import { MAX_COMMENT_CHARS } from '../feedback/feedback-file.ts';
import type { BotContext } from './context.ts';

/** Custom id prefixes: a vote button (`vote:up`, `vote:down`) and the 👎 modal (`why`). */
export const VOTE_PREFIX = 'vote';
export const WHY_PREFIX = 'why';

/**
 * 👍 and 👎 under an answer. The custom ids carry only the vote: the answer is the message the
 * buttons are on, so they keep working after a restart.
 */
export function voteButtons(): APIActionRowComponent<APIComponentInMessageActionRow> {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder().setCustomId(`${VOTE_PREFIX}:up`).setEmoji('👍').setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(`${VOTE_PREFIX}:down`).setEmoji('👎').setStyle(ButtonStyle.Secondary),
    )
    .toJSON();
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
