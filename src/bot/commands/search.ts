import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.ts';
import { formatPassages } from '../format/answer.ts';
import { chosenFilter, completeOutlet, FILTER_OPTIONS } from './filter-options.ts';

/** Passages shown by `/search`. */
export const SEARCH_TOP = 5;

/** `/search query:<text> [since] [until] [outlet]`: the best passages, without composing an answer. */
export const search: Command = {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Show the passages that best match a query, without composing an answer.')
    .addStringOption((option) =>
      option.setName('query').setDescription('Words or a question').setRequired(true).setMinLength(2).setMaxLength(300),
    )
    .addStringOption(FILTER_OPTIONS[0]!)
    .addStringOption(FILTER_OPTIONS[1]!)
    .addStringOption(FILTER_OPTIONS[2]!),
  gates: ['concurrency'],

  async execute(interaction, ctx) {
    const query = interaction.options.getString('query', true);
    await interaction.deferReply();
    const passages = await ctx.desk.search(query, { top: SEARCH_TOP, filter: chosenFilter(interaction) });
    await interaction.editReply(formatPassages(query, passages));
  },

  autocomplete: completeOutlet,
};
