import type { Command } from '../context.ts';
import { add } from './add.ts';
import { ask } from './ask.ts';
import { feedback } from './feedback.ts';
import { refresh } from './refresh.ts';
import { remove } from './remove.ts';
import { search } from './search.ts';
import { source } from './source.ts';
import { sources } from './sources.ts';
import { status } from './status.ts';

/** Every slash command, in the order Discord lists them. The bot and deploy-commands both read this. */
export const commands: readonly Command[] = [ask, search, sources, source, status, refresh, add, remove, feedback];

/** The JSON registered with Discord. */
export function commandData() {
  return commands.map((command) => command.data.toJSON());
}
