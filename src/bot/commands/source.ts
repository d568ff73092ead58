import { SlashCommandBuilder, type AutocompleteInteraction } from 'discord.js';
import type { ArticleDetails, Desk } from '../../desk.ts';
import { NewsdeskError } from '../../errors.ts';
import type { BotContext, Command } from '../context.ts';
import { formatArticle } from '../format/answer.ts';
import { articleChoices } from '../format/choices.ts';

/** Autocomplete must answer within Discord's 3 s; give up on the article list well before. */
const AUTOCOMPLETE_BUDGET_MS = 2000;
/** Passages shown by `/source … passage:`. */
export const PASSAGE_TOP = 3;

/** `/source article:<id> [passage:<text>]`: one article's details, or its best passages. */
export const source: Command = {
  data: new SlashCommandBuilder()
    .setName('source')
    .setDescription('Show an article: title, outlet, agency, date, opening paragraph.')
    .addStringOption((option) =>
      option.setName('article').setDescription('Start typing a title or id').setRequired(true).setAutocomplete(true),
    )
    .addStringOption((option) =>
      option.setName('passage').setDescription('Find the passages of this article about…').setMaxLength(300),
    ),
  gates: ['concurrency'],

  async execute(interaction, ctx) {
    const passage = interaction.options.getString('passage');
    await interaction.deferReply();
    const details = await resolveArticle(ctx.desk, interaction.options.getString('article', true));
    const id = details.meta.id;
    const search = passage
      ? { query: passage, passages: await ctx.desk.search(passage, { article: id, top: PASSAGE_TOP }) }
      : undefined;
    await interaction.editReply(formatArticle(details, search));
  },

  autocomplete: completeArticle,
};

/**
 * The article a member named in an `article` option: by id (what a suggestion fills in), or by
 * its whole title for someone who typed it without picking. ARTICLE_UNKNOWN otherwise.
 */
export async function resolveArticle(desk: Desk, typed: string): Promise<ArticleDetails> {
  const wanted = typed.trim();
  let details = await desk.article(wanted);
  if (!details) {
    const byTitle = (await desk.articles()).find((a) => a.title.toLowerCase() === wanted.toLowerCase());
    if (byTitle) details = await desk.article(byTitle.id);
  }
  if (!details) throw new NewsdeskError('ARTICLE_UNKNOWN', `There is no article "${wanted}". Pick one of the suggestions as you type.`);
  return details;
}

/** Suggests articles for an `article` option by title or id, within Discord's 3 s. */
export async function completeArticle(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused();
  const articles = await withTimeout(ctx.desk.articles(), AUTOCOMPLETE_BUDGET_MS);
  await interaction.respond(articles ? articleChoices(articles, typed) : []);
}

/** The promise's value, or null when it takes longer than `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
