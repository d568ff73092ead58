import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.ts';
import { formatRemoved } from '../format/corpus.ts';
import { completeArticle, resolveArticle } from './source.ts';

/**
 * `/remove article:<title or id>` (moderators): moves the article's file under `.removed/` in the
 * corpus folder (never deleting it), refreshes, and says how to restore it.
 */
export const remove: Command = {
  data: new SlashCommandBuilder()
    .setName('remove')
    .setDescription('Take an article out of the collection; its file is kept under .removed/ (moderators).')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) => option.setName('article').setDescription('Start typing a title or id').setRequired(true).setAutocomplete(true)),
  gates: ['moderator'],

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const details = await resolveArticle(ctx.desk, interaction.options.getString('article', true));
    const startedBy = `@${interaction.user.username} (Discord user ${interaction.user.id}) with /remove`;
    await interaction.editReply(formatRemoved(await ctx.desk.removeArticle(details.meta.id, { startedBy })));
  },

  autocomplete: completeArticle,
};
