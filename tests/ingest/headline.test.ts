import { describe, expect, it } from 'vitest';
import { chooseHeadline, resembles, stripSiteSuffix } from '../../src/ingest/headline.ts';

describe('stripSiteSuffix', () => {
  it.each([
    ['How to Build a Terrarium | eHow', [], 'How to Build a Terrarium'],
    ['Kardashian wedding date revealed - E! Online', ['E! Online'], 'Kardashian wedding date revealed'],
    ['Storm hits the coast (Published 2016)', [], 'Storm hits the coast'],
    ['Storm hits the coast | World | Example Times', [], 'Storm hits the coast'],
    ['Storm hits the coast - Example Times', ['Example Times'], 'Storm hits the coast'],
    ['Storm hits the coast - examplenews.com', ['examplenews.com'], 'Storm hits the coast'],
    // A dash inside a headline is the headline's own.
    ['Putin-Trump meeting - what we know so far', [], 'Putin-Trump meeting - what we know so far'],
    ['Storm hits the coast - Example Times', [], 'Storm hits the coast - Example Times'],
    ['Home | Example', [], 'Home | Example'],
  ])('GIVEN %j THEN %j', (title, sites, expected) => {
    expect(stripSiteSuffix(title, sites)).toBe(expected);
  });
});

describe('resembles', () => {
  it.each([
    ['Apple’s Vision Pro is the Retina display moment', 'Apple’s Vision Pro hands-on: the Retina display moment', true],
    ['Example News', 'Storm hits the coast as thousands flee', false],
  ])('GIVEN %j and %j THEN %s', (a, b, expected) => {
    expect(resembles(a, b)).toBe(expected);
  });
});

describe('chooseHeadline', () => {
  const none = { shown: null, jsonLd: null, readability: null, ogTitle: null, titleTag: null, siteNames: [] };
  it.each([
    ['the shown headline over an og:title SEO rewording', { shown: 'Storm hits the coast as thousands flee', ogTitle: 'Storm hits coast: thousands flee homes', readability: 'Storm hits coast: thousands flee homes' }, 'Storm hits the coast as thousands flee'],
    ['the shown headline over a title with a suffix', { shown: 'Storm hits the coast', titleTag: 'Storm hits the coast - Example Times' }, 'Storm hits the coast'],
    ['not a logo heading', { shown: 'Example Times', readability: 'Storm hits the coast as thousands flee' }, 'Storm hits the coast as thousands flee'],
    ['not a blog name that opens the title', { shown: 'Silicon Notes', titleTag: 'Silicon Notes: An open toolchain for programmable logic devices' }, 'Silicon Notes: An open toolchain for programmable logic devices'],
    ['the shown headline under a long site suffix', { shown: 'Storm hits', titleTag: 'Storm hits | World | Example Times' }, 'Storm hits'],
    ['the JSON-LD headline when it says what the titles say', { shown: 'Storm hits the coast', jsonLd: 'Storm hits the coast as thousands flee', readability: 'Storm hits the coast' }, 'Storm hits the coast as thousands flee'],
    ['not a JSON-LD "headline" that is a description', { jsonLd: 'constitutional monarchy in Oceania', readability: 'New Zealand', titleTag: 'New Zealand - Wikipedia' }, 'New Zealand'],
    ['a site suffix removed from the only title', { titleTag: 'How to Build a Terrarium | eHow' }, 'How to Build a Terrarium'],
    ['nothing', {}, null],
  ])('GIVEN %s THEN %j', (_case, fields, expected) => {
    expect(chooseHeadline({ ...none, ...fields })).toBe(expected);
  });
});
