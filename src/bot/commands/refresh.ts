import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.ts';
import { formatRefreshSummary } from '../format/status.ts';

/** Least time between two progress edits of the reply, in ms. */
const PROGRESS_EVERY_MS = 5000;
/**
 * An interaction token lasts 15 minutes; past this age (in ms) the reply can no longer be
 * edited safely, so the summary goes to the moderator as a direct message instead.
 */
const EDITABLE_FOR_MS = 14 * 60_000;

/**
 * `/refresh`: re-reads the article folder and re-embeds what changed. Hidden by default from
 * members without Manage Server (server admins can grant it to moderator roles under
 * Integrations), and checked again by its `moderator` gate, which knows MODERATOR_ROLE_IDS.
 */
export const refresh: Command = {
  data: new SlashCommandBuilder()
    .setName('refresh')
    .setDescription('Re-read the article folder and index what changed (moderators).')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  gates: ['moderator'],

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    let lastEdit = Date.now();
    let finished = false;
    // Progress edits are chained so none can land after (and hide) the final summary.
    let edits: Promise<unknown> = Promise.resolve();
    const summary = await ctx.desk.refresh({
      startedBy: `@${interaction.user.username} (Discord user ${interaction.user.id})`,
      onProgress: (done, total) => {
        const now = Date.now();
        if (finished || now - lastEdit < PROGRESS_EVERY_MS || now - interaction.createdTimestamp > EDITABLE_FOR_MS) return;
        lastEdit = now;
        edits = edits
          .then(() => (finished ? undefined : interaction.editReply({ content: `Refreshing… ${done} of ${total} done.` })))
          .catch((error: unknown) => ctx.log.debug('progress edit failed', { error }));
      },
    });
    finished = true;
    await edits;
    // The token's 15 minutes count from the interaction's creation.
    if (Date.now() - interaction.createdTimestamp <= EDITABLE_FOR_MS) {
      await interaction.editReply(formatRefreshSummary(summary));
    } else {
      await interaction.user.send(formatRefreshSummary(summary)).catch((error: unknown) => ctx.log.warn('could not send the refresh summary by direct message', { error }));
    }
    ctx.log.info('refresh done', { user: interaction.user.id, ...summary, skipped: summary.skipped.length });
  },
};
