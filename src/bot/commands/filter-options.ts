import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import type { AskFilter } from '../../answer/ask-filter.ts';
import type { BotContext } from '../context.ts';
import { LIMITS } from '../format/discord.ts';

/** The optional `since`, `until` and `outlet` options of `/ask` and `/search`, in that order. */
export const FILTER_OPTIONS: ((option: SlashCommandStringOption) => SlashCommandStringOption)[] = [
  (option) => option.setName('since').setDescription('Only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)').setMinLength(4).setMaxLength(10),
  (option) => option.setName('until').setDescription('Only articles published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)').setMinLength(4).setMaxLength(10),
  (option) => option.setName('outlet').setDescription('Only articles of this outlet').setMaxLength(100).setAutocomplete(true),
];

/** The filter a member chose; the desk checks it. */
export function chosenFilter(interaction: ChatInputCommandInteraction): AskFilter {
  return { since: interaction.options.getString('since'), until: interaction.options.getString('until'), outlet: interaction.options.getString('outlet') };
}

/** Suggests the index's outlets that contain what was typed (the only option that autocompletes). */
export async function completeOutlet(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused().trim().toLowerCase();
  const outlets = [...new Set((await ctx.desk.articles()).map((article) => article.outlet).filter((outlet): outlet is string => outlet !== null))];
  const choices = outlets
    .filter((outlet) => outlet.toLowerCase().includes(typed) && outlet.length <= LIMITS.choiceName)
    .sort((a, b) => Number(!a.toLowerCase().startsWith(typed)) - Number(!b.toLowerCase().startsWith(typed)) || a.localeCompare(b))
    .slice(0, LIMITS.choices);
  await interaction.respond(choices.map((outlet) => ({ name: outlet, value: outlet })));
}
