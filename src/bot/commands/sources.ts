import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.ts';
import { paginateArticles } from '../format/articles.ts';

/** `/sources [filter]`: the indexed articles, newest first, in pages. */
export const sources: Command = {
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the indexed articles, newest first.')
    .addStringOption((option) =>
      option.setName('filter').setDescription('Only titles, ids, outlets or agencies containing this').setMaxLength(80),
    ),

  async execute(interaction, ctx) {
    const filter = interaction.options.getString('filter');
    await interaction.deferReply();
    const articles = await ctx.desk.articles({ filter });
    await ctx.pager.open(interaction, paginateArticles(articles, { filter }));
  },
};
