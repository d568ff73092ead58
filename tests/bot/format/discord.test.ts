import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../../src/bot/format/discord.ts';

describe('escapeDiscord', () => {
  it.each([
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['[link](http://x)', '\\[link](http://x)'],
    ['`code`', '\\`code\\`'],
    ['~~gone~~ ||spoiler||', '\\~\\~gone\\~\\~ \\|\\|spoiler\\|\\|'],
  ])('GIVEN %j THEN escapeDiscord gives %j', (input, expected) => {
    expect(escapeDiscord(input)).toBe(expected);
  });
});
