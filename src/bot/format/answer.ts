import { citeSource, type Answer, type Passage, type Source } from '../../answer/answer.ts';
import { fitLines, moreLine, renderAnswer, renderQuote, truncateText } from '../../answer/render.ts';
import type { ArticleDetails, PassageInContext } from '../../desk.ts';
import { escapeDiscord, LIMITS, oneLine, timestamp, type MessageBody } from './discord.ts';

/** The bot's commands, shown when someone asks it for help. */
const BOT_COMMANDS = [
  'Mention me with a question, or use:',
  '`/ask` a question · `/search` the best passages · `/sources` the articles · `/source` one article · `/status` the index · `/refresh` re-read the articles (moderators)',
].join('\n');

/**
 * An answer as message content (≤ 2000). With `question`, a first line repeats it (slash command
 * replies do not show the options). Quotes are markdown-escaped and cut only between quotes.
 */
export function formatAnswer(answer: Answer, options: { question?: string } = {}): MessageBody {
  const head = options.question ? `**Q:** ${escapeDiscord(oneLine(truncateText(options.question, 300)))}\n\n` : '';
  const body = renderAnswer(answer, { maxLength: LIMITS.content - head.length, escape: escapeDiscord, commands: BOT_COMMANDS });
  return { content: head + body };
}

/** `/search` results: the passages as quotes with their sources, in one embed. */
export function formatPassages(query: string, passages: readonly Passage[]): MessageBody {
  const title = truncateText(`Search: ${oneLine(query)}`, LIMITS.embedTitle);
  if (passages.length === 0) return { embeds: [{ title, description: 'No passages matched.' }] };
  const answer: Answer = { question: query, answered: true, sources: passages.map(passageToSource), related: [] };
  const description = renderAnswer(answer, { maxLength: LIMITS.embedDescription, escape: escapeDiscord });
  return { embeds: [{ title, description }] };
}

/** `/source`: an article's metadata and opening; with passages, the best ones inside it. */
export function formatArticle(
  details: ArticleDetails,
  search?: { query: string; passages: readonly Passage[] },
): MessageBody {
  const { meta } = details;
  const fields = [
    { name: 'Outlet', value: escapeDiscord(truncateText(meta.outlet ?? 'not stated', 200)), inline: true },
    { name: 'Agency', value: escapeDiscord(truncateText(meta.agency ?? 'none', 200)), inline: true },
    ...(meta.byline ? [{ name: 'By', value: escapeDiscord(truncateText(meta.byline, 200)), inline: true }] : []),
    { name: 'Published', value: meta.published ?? 'undated', inline: true },
    { name: 'Words', value: meta.words.toLocaleString('en-US'), inline: true },
    { name: 'Indexed', value: timestamp(details.indexedAt), inline: true },
    { name: 'ID', value: escapeDiscord(truncateText(meta.id, 200)), inline: true },
  ];
  const opening = escapeDiscord(truncateText(details.opening.trim() || '(no text)', 1500));
  let description = opening;
  if (search) {
    const head = `\n\n**Passages matching "${escapeDiscord(oneLine(truncateText(search.query, 100)))}":**`;
    if (search.passages.length === 0) {
      description += `${head}\nNo passage of this article matches.`;
    } else {
      const quotes = search.passages.map((p, i) => renderQuote(p.chunk.text, i + 1, escapeDiscord));
      description += fitLines(head, quotes, LIMITS.embedDescription - description.length, (omitted) => moreLine(omitted, 'passage', ''));
    }
  }
  return { embeds: [{ title: truncateText(meta.title, LIMITS.embedTitle), description, fields }] };
}

function passageToSource({ article, chunk, score }: Passage): Source {
  return citeSource(article, { quote: chunk.text, startPos: chunk.startPos, endPos: chunk.endPos }, score);
}

/** A quote in its place, for the person who clicked its source button: the quote in bold between the sentences around it. */
export function formatPassageInContext(passage: PassageInContext): MessageBody {
  const { meta } = passage;
  const quote = `**${escapeDiscord(passage.quote.trim())}**`;
  const room = Math.max(0, LIMITS.embedDescription - quote.length - 4);
  const before = escapeDiscord(passage.before);
  const after = escapeDiscord(passage.after);
  const description = `${before.length > room / 2 ? `…${before.slice(before.length - Math.floor(room / 2))}` : before} ${quote} ${after.length > room / 2 ? `${after.slice(0, Math.floor(room / 2))}…` : after}`.trim();
  return {
    embeds: [
      {
        title: truncateText(meta.title, LIMITS.embedTitle),
        description: truncateText(description, LIMITS.embedDescription),
        fields: [
          { name: 'Outlet', value: escapeDiscord(truncateText([meta.outlet, meta.agency].filter(Boolean).join(', ') || 'not stated', 200)), inline: true },
          ...(meta.byline ? [{ name: 'By', value: escapeDiscord(truncateText(meta.byline, 200)), inline: true }] : []),
          { name: 'Published', value: meta.published ?? 'undated', inline: true },
          { name: 'Article', value: escapeDiscord(truncateText(meta.id, 200)), inline: true },
        ],
      },
    ],
  };
}
