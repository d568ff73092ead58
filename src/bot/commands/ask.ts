import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../desk.ts';
import { logAnswer } from '../answer-log.ts';
import { answerButtons } from '../answer-buttons.ts';
import type { Command } from '../context.ts';
import { truncateText } from '../../answer/render.ts';
import { formatAnswer } from '../format/answer.ts';
import { oneLine, withoutMentions } from '../format/discord.ts';
import { QUESTION_GATES } from '../gates.ts';
import { chosenFilter, completeOutlet, FILTER_OPTIONS } from './filter-options.ts';

/** Discord's longest thread name. */
const THREAD_NAME_CHARS = 100;

/**
 * `/ask question:<text> [private:<bool>] [thread:<bool>] [since] [until] [outlet]`: an answer
 * made of verbatim quotes with their sources, buttons for each source and for 👍/👎; `thread`
 * opens a thread on it; `since`, `until` and `outlet` narrow the articles quoted.
 */
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
        .setMaxLength(MAX_QUESTION_CHARS),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer (default: no)'))
    .addBooleanOption((option) => option.setName('thread').setDescription('Open a thread on the answer for follow-up questions (default: no)'))
    .addStringOption(FILTER_OPTIONS[0]!)
    .addStringOption(FILTER_OPTIONS[1]!)
    .addStringOption(FILTER_OPTIONS[2]!),
  gates: QUESTION_GATES,

  async execute(interaction, ctx) {
    const question = withoutMentions(interaction.options.getString('question', true));
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const answer = await ctx.desk.ask(question, { filter: chosenFilter(interaction) });
    const sent = await interaction.editReply({ ...formatAnswer(answer, { question }), components: [answerButtons(answer)] });
    await logAnswer(ctx, { guild: interaction.guildId, channel: interaction.channelId, message: sent.id, asker: interaction.user.id }, answer);
    // A thread on a public answer in a server channel; its messages are then read as follow-ups.
    if (interaction.options.getBoolean('thread') && !isPrivate && interaction.inGuild()) {
      try {
        const thread = await sent.startThread({ name: truncateText(oneLine(question), THREAD_NAME_CHARS) });
        await logAnswer(ctx, { guild: interaction.guildId, channel: thread.id, message: sent.id, asker: interaction.user.id }, answer);
      } catch (error) {
        ctx.log.warn('could not open a thread on the answer', { error });
      }
    }
  },

  autocomplete: completeOutlet,
};
