import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.ts';
import type { Desk } from '../desk.ts';
import type { FeedbackFile } from '../feedback/feedback-file.ts';
import type { Logger } from '../log.ts';
import type { Cooldown, Limiter } from './cooldown.ts';
import type { Gate } from './gates.ts';
import type { Pager } from './pagination.ts';

/** What every handler gets: the core API and the bot's shared state. */
export interface BotContext {
  config: Config;
  desk: Desk;
  log: Logger;
  /** Per-user wait between questions (`/ask` and messages), for the `cooldown` gate. */
  cooldown: Cooldown;
  /** Bounds how many questions and searches run at once, for the `concurrency` gate. */
  limiter: Limiter;
  pager: Pager;
  /** Where answers and votes on them are recorded (FEEDBACK_FILE). */
  feedback: FeedbackFile;
  /** When the client became ready (ms since the epoch); null before. */
  readyAt(): number | null;
}

/** One slash command: its definition (what is registered) and its handlers. */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** What the router checks before `execute`, in order (see gates.ts); none when absent. */
  gates?: readonly Gate[];
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Must answer within 3 s; errors are logged and answered with no choices. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}
