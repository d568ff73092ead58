import { MessageFlags, type Interaction } from 'discord.js';
import { handleSource, handleVote, handleWhy, SOURCE_PREFIX, VOTE_PREFIX, WHY_PREFIX } from './answer-buttons.ts';
import type { BotContext, Command } from './context.ts';
import { handleInteractionError, interactionContext, logFailure } from './errors.ts';
import { answerDenial, checkGates, commandCaller, gatedContext } from './gates.ts';
import { PAGE_PREFIX } from './pagination.ts';

/**
 * The one entry for interactions: finds the command, runs its gates (a denial is answered by
 * answerDenial), runs it, and routes every failure to errors.ts.
 */
export async function routeInteraction(interaction: Interaction, byName: ReadonlyMap<string, Command>, ctx: BotContext): Promise<void> {
  const started = Date.now();
  try {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) {
        await interaction.reply({ content: 'I do not know this command any more.', flags: MessageFlags.Ephemeral });
        return;
      }
      const gates = command.gates ?? [];
      const denial = checkGates(gates, commandCaller(interaction), ctx);
      if (denial) await answerDenial(interaction, denial);
      else await command.execute(interaction, gatedContext(ctx, gates));
      ctx.log.info('command done', { ...interactionContext(interaction), ms: Date.now() - started, ...(denial && { denied: true }) });
    } else if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isButton()) {
      const [prefix, ...args] = interaction.customId.split(':');
      if (prefix === PAGE_PREFIX) await ctx.pager.click(interaction, args);
      else if (prefix === VOTE_PREFIX) await handleVote(interaction, args[0], ctx);
      else if (prefix === SOURCE_PREFIX) await handleSource(interaction, args, ctx);
      else await interaction.reply({ content: 'This button no longer does anything.', flags: MessageFlags.Ephemeral });
    } else if (interaction.isModalSubmit()) {
      const [prefix, ...args] = interaction.customId.split(':');
      if (prefix === WHY_PREFIX) await handleWhy(interaction, args[0], ctx);
      else await interaction.reply({ content: 'This form is no longer in use.', flags: MessageFlags.Ephemeral });
    }
  } catch (error) {
    if (interaction.isAutocomplete()) {
      logFailure(ctx.log, error, interactionContext(interaction));
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    } else if (interaction.isRepliable()) {
      await handleInteractionError(interaction, error, ctx.log);
    } else {
      logFailure(ctx.log, error, interactionContext(interaction));
    }
  }
}
