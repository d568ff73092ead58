import { allCountries } from 'country-region-data';

/**
 * The United Kingdom's nations, which the ISO list of its regions (council areas) leaves out,
 * and the common short forms of countries the list names formally.
 */
const EXTRA_PLACES = ['England', 'Scotland', 'Wales', 'Northern Ireland', 'Britain', 'Great Britain', 'UK', 'US', 'USA', 'Russia', 'Syria', 'Iran', 'South Korea', 'North Korea', 'Venezuela', 'Tanzania', 'Bolivia', 'Vatican'];

/** The name as written before a formal tail: "Korea, Republic of" → "Korea", "Falkland Islands (Islas Malvinas)" → "Falkland Islands". */
const shortName = (name: string) => name.replace(/\s*\(.*\)$/u, '').replace(/,.*$/u, '');

let known: ReadonlySet<string> | null = null;

/**
 * Countries and their first-level regions (states, provinces, counties) by name, from the ISO
 * 3166 lists of `country-region-data`: what can stand after a place and a comma ("Melbourne,
 * Australia", "Austin, Texas"). Built on first use.
 */
export function knownCountriesAndRegions(): ReadonlySet<string> {
  known ??= new Set([...EXTRA_PLACES, ...allCountries.flatMap(([country, , regions]) => [shortName(country), ...regions.map(([region]) => shortName(region))])]);
  return known;
}
