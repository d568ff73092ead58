import {
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  MessageFlags,
  RESTJSONErrorCodes,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import { isNewsdeskError, type ErrorCode, type NewsdeskError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { RefreshBusyError } from '../store/refresh-lock.ts';
import { formatBusy } from './format/status.ts';

/** Shown for failures nobody expected; the details go to the log only. */
export const GENERIC_ERROR = 'Something went wrong on my side. It has been logged; please try again later.';

const MESSAGES: Record<ErrorCode, string | ((error: NewsdeskError) => string)> = {
  // These messages are written for end users and name what they typed.
  QUESTION_INVALID: (error) => error.message,
  ARTICLE_UNKNOWN: (error) => error.message,
  REFRESH_BUSY: (error) => formatBusy(error instanceof RefreshBusyError ? error.holder : undefined),
  // Only moderators refresh; they need the folder and the count to judge the refusal.
  CORPUS_EMPTY: (error) => error.message,
  UPLOAD_REFUSED: (error) => `The file was not added: ${error.message}.`,
  // These would leak paths and settings; the log has the details.
  INDEX_MISSING: 'The articles have not been indexed yet. A moderator can run /refresh.',
  INDEX_CORRUPT: 'The article index is damaged. A moderator can rebuild it with /refresh.',
  INDEX_OUTDATED: 'The article index was built by an older version of Newsdesk. A moderator can rebuild it with /refresh.',
  INDEX_WRITE_FAILED: 'The new index could not be saved (the details are in the log); the articles already indexed are still answered.',
  CORPUS_MISSING: 'The article collection is not available right now. The operator has been told.',
  MODEL_UNAVAILABLE: 'The search model is not available right now. Please try again later.',
  CONFIG_INVALID: 'Newsdesk is misconfigured. The operator has been told.',
  // Failures of the command line and of startup; a running bot meets them only through a bug.
  INPUT_MISSING: 'Newsdesk is misconfigured. The operator has been told.',
  INPUT_INVALID: 'Newsdesk is misconfigured. The operator has been told.',
  OUTPUT_FAILED: 'Newsdesk could not save a file. The operator has been told.',
  TOKEN_REJECTED: 'Newsdesk is misconfigured. The operator has been told.',
  DISCORD_UNREACHABLE: 'Discord could not be reached. Please try again later.',
  DISCORD_HOST_UNKNOWN: 'Discord could not be reached. Please try again later.',
};

/** Failures caused by what the user asked; everything else is the operator's concern. */
const USER_CODES: ReadonlySet<ErrorCode> = new Set(['QUESTION_INVALID', 'ARTICLE_UNKNOWN', 'REFRESH_BUSY', 'CORPUS_EMPTY', 'UPLOAD_REFUSED']);

/** What to tell the user about `error`. */
export function userMessage(error: unknown): string {
  if (!isNewsdeskError(error)) return GENERIC_ERROR;
  const message = MESSAGES[error.code];
  return typeof message === 'function' ? message(error) : message;
}

/**
 * True when the interaction can no longer be answered: Discord forgot it (10062, after 3 s
 * without a response or 15 min in all) or another response won the race (40060).
 */
export function isInteractionGone(error: unknown): boolean {
  if (error instanceof DiscordAPIError) {
    return (
      error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
    );
  }
  return error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.InteractionAlreadyReplied;
}

/** Logs `error` at the level it deserves: user mistakes briefly, everything else with its stack. */
export function logFailure(log: Logger, error: unknown, context: Record<string, unknown>): void {
  if (isNewsdeskError(error) && USER_CODES.has(error.code)) {
    log.info('request refused', { ...context, code: error.code, reason: error.message });
  } else if (isNewsdeskError(error)) {
    log.error('request failed', { ...context, code: error.code, error });
  } else if (isInteractionGone(error)) {
    log.warn('interaction expired or was answered elsewhere', { ...context, error: describe(error) });
  } else {
    log.error('unexpected error', { ...context, error });
  }
}

/** Where an interaction came from, for log records. */
export function interactionContext(interaction: Interaction): Record<string, unknown> {
  const command = interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined;
  const customId = interaction.isMessageComponent() ? interaction.customId : undefined;
  return {
    interaction: interaction.id,
    ...(command !== undefined && { command }),
    ...(customId !== undefined && { customId }),
    user: interaction.user.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
  };
}

/**
 * The one place interaction failures end up: logs them and tells the user. A deferred reply is
 * edited, a sent reply gets an ephemeral follow-up, otherwise an ephemeral reply. Never throws.
 */
export async function handleInteractionError(interaction: RepliableInteraction, error: unknown, log: Logger): Promise<void> {
  const context = interactionContext(interaction);
  logFailure(log, error, context);
  if (isInteractionGone(error)) return;
  const content = userMessage(error);
  try {
    if (interaction.deferred) await interaction.editReply({ content, embeds: [], components: [] });
    else if (interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    if (isInteractionGone(replyError)) {
      log.warn('could not report an error: interaction expired or answered elsewhere', { ...context, error: describe(replyError) });
    } else {
      log.error('could not report an error to the user', { ...context, error: replyError });
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
