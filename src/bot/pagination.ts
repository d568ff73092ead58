import { randomBytes } from 'node:crypto';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Logger } from '../log.ts';

/** Custom ids of page buttons: `page:<session>:<target page>`. */
export const PAGE_PREFIX = 'page';

interface Session {
  userId: string;
  pages: APIEmbed[];
  /** The command interaction that opened the pages; its token edits the reply for 15 minutes. */
  origin: ChatInputCommandInteraction;
  timer: NodeJS.Timeout;
}

/**
 * Paginated replies with Previous/Next buttons. Only the user who ran the command can turn the
 * pages; after `ttlMs` without a click the buttons are removed and further clicks are told so.
 * Sessions live in memory: after a restart old buttons answer "expired".
 */
export class Pager {
  readonly #sessions = new Map<string, Session>();
  readonly #ttlMs: number;
  readonly #log: Logger;
  readonly #maxSessions: number;

  /** `ttlMs` must stay below 15 minutes, the life of an interaction token. */
  constructor(options: { ttlMs?: number; log: Logger; maxSessions?: number }) {
    this.#ttlMs = Math.min(options.ttlMs ?? 5 * 60_000, 14 * 60_000);
    this.#log = options.log;
    this.#maxSessions = options.maxSessions ?? 500;
  }

  /** Shows the first page as the (deferred) reply, with buttons when there is more than one. */
  async open(interaction: ChatInputCommandInteraction, pages: APIEmbed[]): Promise<void> {
    const first = pages[0];
    if (!first) throw new Error('Pager.open needs at least one page');
    if (pages.length === 1) {
      await interaction.editReply({ embeds: [first], components: [] });
      return;
    }
    const id = randomBytes(6).toString('base64url');
    this.#evictOldest();
    this.#sessions.set(id, { userId: interaction.user.id, pages, origin: interaction, timer: this.#expireLater(id) });
    await interaction.editReply({ embeds: [first], components: [buttons(id, 0, pages.length)] });
  }

  /** Handles a click on a page button; `args` are the custom id parts after the prefix. */
  async click(interaction: ButtonInteraction, args: readonly string[]): Promise<void> {
    const [id = '', target = ''] = args;
    const session = this.#sessions.get(id);
    if (!session) {
      await interaction.reply({ content: 'These buttons have expired. Run the command again.', flags: MessageFlags.Ephemeral });
      return;
    }
    if (interaction.user.id !== session.userId) {
      await interaction.reply({
        content: `Only <@${session.userId}> can turn these pages. Run the command yourself to browse.`,
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const index = Math.min(Math.max(Number.parseInt(target, 10) || 0, 0), session.pages.length - 1);
    clearTimeout(session.timer);
    session.timer = this.#expireLater(id);
    await interaction.update({ embeds: [session.pages[index] as APIEmbed], components: [buttons(id, index, session.pages.length)] });
  }

  /** Sessions open now. */
  get size(): number {
    return this.#sessions.size;
  }

  /** Forgets every session without touching Discord (shutdown). */
  dispose(): void {
    for (const session of this.#sessions.values()) clearTimeout(session.timer);
    this.#sessions.clear();
  }

  #expireLater(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.#expire(id), this.#ttlMs);
    timer.unref();
    return timer;
  }

  async #expire(id: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (!session) return;
    this.#sessions.delete(id);
    try {
      await session.origin.editReply({ components: [] });
    } catch (error) {
      // The message may be gone or the token expired; the buttons then answer "expired" anyway.
      this.#log.debug('could not remove expired page buttons', { error });
    }
  }

  #evictOldest(): void {
    while (this.#sessions.size >= this.#maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done) return;
      clearTimeout(this.#sessions.get(oldest.value)?.timer);
      this.#sessions.delete(oldest.value);
    }
  }
}

function buttons(id: string, index: number, count: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${PAGE_PREFIX}:${id}:${Math.max(index - 1, 0)}`)
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(index === 0),
    new ButtonBuilder()
      .setCustomId(`${PAGE_PREFIX}:${id}:${Math.min(index + 1, count - 1)}`)
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(index === count - 1),
  );
}
