import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.ts';
import { formatAnswer } from '../format.ts';

/** Longest question accepted, in characters; longer ones are not questions about an article. */
export const MAX_QUESTION_LENGTH = 500;

/** `/ask question:<text> [private:<bool>]`: an answer made of verbatim quotes with their sources. */
export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the news articles; the answer quotes them word for word.')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('What you want to know')
        .setRequired(true)
        .setMinLength(3)
        .setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer (default: no)')),

  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    const turn = ctx.cooldown.take(interaction.user.id);
    if (!turn.ok) {
      await interaction.reply({ content: waitMessage(turn.retryAfterMs), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const answer = await ctx.limiter.run(() => ctx.desk.ask(question));
    await interaction.editReply(formatAnswer(answer, { question }));
  },
};

/** Tells a user how long to wait before asking again. */
export function waitMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Please wait ${seconds} s before asking another question.`;
}
