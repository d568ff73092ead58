import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.ts';
import { formatStatus } from '../format/status.ts';

/** `/status`: index size, embedder, last refresh and uptime. */
export const status: Command = {
  data: new SlashCommandBuilder().setName('status').setDescription('Show what Newsdesk has indexed and how it is doing.'),

  async execute(interaction, ctx) {
    await interaction.deferReply();
    const state = await ctx.desk.status();
    const readyAt = ctx.readyAt();
    await interaction.editReply(formatStatus(state, readyAt === null ? 0 : Date.now() - readyAt));
  },
};
