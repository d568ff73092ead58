import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { summarizeFeedback } from '../../feedback/summary.ts';
import type { Command } from '../context.ts';
import { paginateFeedback } from '../format/feedback.ts';

/** Days `/feedback` covers when none are given. */
const DEFAULT_DAYS = 7;

/**
 * `/feedback [days]` (moderators): how answers fared over the period (answers, refusals, 👍, 👎)
 * and the voted-down and refused questions with voters' comments, in pages, shown only to the
 * moderator.
 */
export const feedback: Command = {
  data: new SlashCommandBuilder()
    .setName('feedback')
    .setDescription('How answers fared: votes, refusals and comments (moderators).')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addIntegerOption((option) => option.setName('days').setDescription(`The last this many days (default ${DEFAULT_DAYS})`).setMinValue(1).setMaxValue(365)),
  gates: ['moderator'],

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const days = interaction.options.getInteger('days') ?? DEFAULT_DAYS;
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    const { records } = await ctx.feedback.read();
    await ctx.pager.open(interaction, paginateFeedback(summarizeFeedback(records, since), days));
  },
};
