import { describe, expect, it } from 'vitest';
import { chooseOutlet, outletFromTitleTag, readableHost } from '../../src/ingest/outlet.ts';

describe('chooseOutlet', () => {
  it.each([
    ['the first name given', ['Example Times', 'Other'], 'Storm hits the coast', 'Example Times'],
    ['not a section name', ['U.S.', 'Magazine', 'Example Times'], 'Storm hits the coast', 'Example Times'],
    ['not the headline', ['Storm hits the coast', 'example.com'], 'Storm hits the coast', 'example.com'],
    ['nothing when nothing names it', [null, 'World'], 'Storm hits the coast', null],
    ['the name before a slogan', ['Example Times | News you can use'], 'Storm hits the coast', 'Example Times'],
    ['a host for an address', ['http://www.example.com'], 'Storm hits the coast', 'example.com'],
    ['a name without brackets', ['[Example.net]'], 'Storm hits the coast', 'Example.net'],
    ['not a fragment cut from a title', [', 2003 Jane Doe', ': Part two', 'Example Times'], 'Storm hits the coast', 'Example Times'],
  ])('GIVEN %s THEN %j', (_case, candidates, headline, expected) => {
    expect(chooseOutlet(candidates, headline)).toBe(expected);
  });
});

describe('readableHost', () => {
  it.each([
    ['www.example-times.co.uk', 'example-times.co.uk'],
    ['m.example.com', 'example.com'],
    ['localhost', null],
    [null, null],
  ])('GIVEN %j THEN %j', (host, expected) => {
    expect(readableHost(host)).toBe(expected);
  });
});

describe('outletFromTitleTag', () => {
  it.each([
    ['Storm hits the coast | World - Example Times', 'Storm hits the coast', 'Example Times'],
    ['Storm hits the coast - Example Times', 'Storm hits the coast', 'Example Times'],
    ['Storm hits the coast - Example Times', null, null],
  ])('GIVEN %j THEN %j', (tag, headline, expected) => {
    expect(outletFromTitleTag(tag, headline)).toBe(expected);
  });
});
