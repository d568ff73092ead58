import { Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../log.ts';

/** A command as we define it (builder JSON). */
export type CommandJSON = RESTPostAPIApplicationCommandsJSONBody;

/** Only the REST calls registration makes, so tests can pass a fake. */
export type CommandsRest = Pick<REST, 'get' | 'put'>;

type Loose = Record<string, unknown>;

/**
 * The fields that decide how a command behaves, with Discord's defaults filled in, so builder
 * output and what `GET …/commands` returns (ids, versions, omitted defaults) compare equal.
 * `contexts` and `integration_types` count only when we set them: Discord fills its own.
 */
export function normalizeCommand(command: Loose, reference: Loose = command): Loose {
  const out: Loose = {
    type: command.type ?? 1,
    ...naming(command),
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    options: normalizeOptions(command.options),
  };
  if (reference.contexts !== undefined) out.contexts = sortedOrNull(command.contexts);
  if (reference.integration_types !== undefined) out.integration_types = sortedOrNull(command.integration_types);
  return out;
}

/** True when registering `local` would change what Discord has (`remote`, from GET). */
export function commandsDiffer(local: readonly CommandJSON[], remote: readonly unknown[]): boolean {
  if (local.length !== remote.length) return true;
  const byName = new Map<unknown, Loose>();
  for (const command of remote) {
    if (typeof command === 'object' && command !== null) byName.set((command as Loose).name, command as Loose);
  }
  return local.some((mine) => {
    const theirs = byName.get(mine.name);
    if (!theirs) return true;
    const reference = mine as unknown as Loose;
    return JSON.stringify(normalizeCommand(reference)) !== JSON.stringify(normalizeCommand(theirs, reference));
  });
}

export interface RegisterOptions {
  rest: CommandsRest;
  applicationId: string;
  /** Register in this guild only (instant); global when null. */
  guildId: string | null;
  commands: readonly CommandJSON[];
  log: Logger;
  /** Overwrite even when nothing changed. */
  force?: boolean;
}

/**
 * Makes Discord's command list equal `commands`, in one bulk overwrite and only when it differs:
 * Discord rate-limits command creation, and an overwrite resets client caches for every user.
 */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: 'guild' | 'global'; updated: boolean }> {
  const { rest, applicationId, guildId, commands, log } = options;
  const scope = guildId ? 'guild' : 'global';
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  if (!options.force) {
    const remote = await rest.get(route);
    if (Array.isArray(remote) && !commandsDiffer(commands, remote)) {
      log.info('slash commands up to date', { scope, guild: guildId, count: commands.length });
      return { scope, updated: false };
    }
  }
  await rest.put(route, { body: commands });
  log.info('slash commands registered', { scope, guild: guildId, commands: commands.map((c) => c.name) });
  return { scope, updated: true };
}

function normalizeOptions(options: unknown): Loose[] {
  if (!Array.isArray(options)) return [];
  return options.map((option: Loose) => {
    const out: Loose = {
      type: option.type,
      ...naming(option),
      required: option.required ?? false,
      autocomplete: option.autocomplete ?? false,
      choices: Array.isArray(option.choices)
        ? option.choices.map((c: Loose) => ({ name: c.name, value: c.value, name_localizations: localizations(c.name_localizations) }))
        : [],
      channel_types: sortedOrNull(option.channel_types) ?? [],
      min_value: option.min_value ?? null,
      max_value: option.max_value ?? null,
      min_length: option.min_length ?? null,
      max_length: option.max_length ?? null,
      options: normalizeOptions(option.options),
    };
    return out;
  });
}

/** Name and description of a command or option, with their localizations, as Discord fills them in. */
function naming(item: Loose): Loose {
  return {
    name: item.name,
    description: item.description ?? '',
    name_localizations: localizations(item.name_localizations),
    description_localizations: localizations(item.description_localizations),
  };
}

function localizations(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && Object.keys(value).length === 0) return null;
  return Object.fromEntries(Object.entries(value as Loose).sort(([a], [b]) => a.localeCompare(b)));
}

function sortedOrNull(value: unknown): unknown[] | null {
  return Array.isArray(value) ? [...value].sort() : null;
}
