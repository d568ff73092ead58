import { embedLength } from 'discord.js';
import { expect } from 'vitest';
import { LIMITS, type MessageBody } from '../../../src/bot/format/discord.ts';

/** Asserts every Discord limit that applies to a message body. */
export function expectWithinLimits(body: MessageBody): void {
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  let total = 0;
  for (const embed of body.embeds ?? []) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.value.length).toBeGreaterThan(0);
    }
    total += embedLength(embed);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
}
