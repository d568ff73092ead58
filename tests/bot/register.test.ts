import { describe, expect, it, vi } from 'vitest';
import { commandData } from '../../src/bot/commands/index.ts';
import { commandsDiffer, registerCommands, type CommandJSON } from '../../src/bot/register.ts';
import { memoryLogger } from './harness.ts';

/** What Discord answers to GET …/commands after a PUT of `local`: ids, versions and defaults added, `required: false` dropped. */
function asDiscordReturns(local: readonly CommandJSON[]): Record<string, unknown>[] {
  return local.map((command, i) => {
    const json = command as unknown as Record<string, any>;
    return {
      id: `12000000000000000${i}`,
      application_id: '1100000000000000001',
      version: '1300000000000000000',
      default_member_permissions: json.default_member_permissions ?? null,
      type: 1,
      name: json.name,
      description: json.description,
      dm_permission: true,
      contexts: json.contexts ?? null,
      integration_types: [0],
      nsfw: false,
      ...(json.options && {
        options: json.options.map(({ required, ...rest }: Record<string, unknown>) => ({ ...rest, ...(required ? { required } : {}) })),
      }),
    };
  });
}

describe('commandsDiffer', () => {
  const local = commandData();
  const remote = asDiscordReturns(local);

  it('GIVEN what Discord returns for our own commands THEN nothing differs', () => {
    expect(commandsDiffer(local, remote)).toBe(false);
  });

  it('GIVEN the same commands in another order THEN nothing differs', () => {
    expect(commandsDiffer(local, [...remote].reverse())).toBe(false);
  });

  const change = (edit: (commands: Record<string, any>[]) => void) => {
    const copy = structuredClone(remote) as Record<string, any>[];
    edit(copy);
    return copy;
  };

  it.each<[string, Record<string, any>[]]>([
    ['a command is missing', remote.slice(1) as Record<string, any>[]],
    ['an extra command exists', [...remote, { ...remote[0], name: 'old' }] as Record<string, any>[]],
    ['a description changed', change((c) => (c[0]!.description = 'Something else'))],
    ['an option became optional', change((c) => delete c[0]!.options[0].required)],
    ['an option lost autocomplete', change((c) => delete c.find((x) => x.name === 'source')!.options[0].autocomplete)],
    ['a max length changed', change((c) => (c[0]!.options[0].max_length = 100))],
    ['default permissions were cleared', change((c) => (c.find((x) => x.name === 'refresh')!.default_member_permissions = null))],
    ['contexts changed', change((c) => (c.find((x) => x.name === 'refresh')!.contexts = [0, 1]))],
    ['options were reordered', change((c) => c[0]!.options.reverse())],
  ])('GIVEN %s THEN they differ', (_name, changed) => {
    expect(commandsDiffer(local, changed)).toBe(true);
  });
});

describe('registerCommands', () => {
  const local = commandData();

  it.each([
    ['unchanged commands', asDiscordReturns(local), 0],
    ['no commands yet', [], 1],
  ])('GIVEN %s THEN PUT is called %i time(s)', async (_name, remote, puts) => {
    const rest = { get: vi.fn(async () => remote), put: vi.fn(async () => []) };
    const result = await registerCommands({ rest, applicationId: '1', guildId: '2', commands: local, log: memoryLogger([]) });
    expect(rest.get).toHaveBeenCalledWith('/applications/1/guilds/2/commands');
    expect(rest.put).toHaveBeenCalledTimes(puts);
    expect(result).toEqual({ scope: 'guild', updated: puts === 1 });
  });

  it('GIVEN no guild THEN global commands', async () => {
    const rest = { get: vi.fn(async () => []), put: vi.fn(async () => []) };
    expect(await registerCommands({ rest, applicationId: '1', guildId: null, commands: local, log: memoryLogger([]) })).toEqual({ scope: 'global', updated: true });
    expect(rest.put).toHaveBeenCalledWith('/applications/1/commands', { body: local });
  });

  it('GIVEN force THEN it overwrites without reading', async () => {
    const rest = { get: vi.fn(async () => asDiscordReturns(local)), put: vi.fn(async () => []) };
    await registerCommands({ rest, applicationId: '1', guildId: null, commands: local, log: memoryLogger([]), force: true });
    expect(rest.get).not.toHaveBeenCalled();
    expect(rest.put).toHaveBeenCalledTimes(1);
  });
});

describe('the command list', () => {
  it('GIVEN every command THEN names, descriptions and option names fit Discord limits', () => {
    for (const command of commandData() as unknown as Record<string, any>[]) {
      expect(command.name).toMatch(/^[a-z-]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const option of command.options ?? []) {
        expect(option.name).toMatch(/^[a-z-]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
