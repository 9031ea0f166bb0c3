// Turns the many ways reps and CSV files write industries, places, technologies and titles into the one
// canonical value SalesOS stores and filters on. Lookups ignore case, spacing, punctuation and accents.
import type { Seniority } from './filter.ts';
import { CITY_ALIASES, COUNTRIES, INDUSTRIES, INDUSTRY_ALIASES, TECH_ENTRIES } from './catalog-data.ts';

export { CITY_ALIASES, COUNTRIES, INDUSTRIES, INDUSTRY_ALIASES, TECH_ENTRIES };
export type { CountryEntry, TechEntry } from './catalog-data.ts';

export const TECHNOLOGIES: readonly string[] = TECH_ENTRIES.map((t) => t.name);

// Keys are asked for the same few thousand strings (the catalogue, the rep's lead vocabulary) on every turn
// of the offline model: remembered, up to a bound, instead of normalised again each time.
const KEY_CACHE_MAX = 50_000;
const keys = new Map<string, string>();
const ASCII = /^[\x00-\x7f]*$/;

/** Lookup key: lower case, no accents, "&" as "and", only letters and digits. */
export function catalogKey(input: string): string {
  let key = keys.get(input);
  if (key === undefined) {
    key = computeKey(input);
    if (keys.size >= KEY_CACHE_MAX) keys.clear();
    keys.set(input, key);
  }
  return key;
}

function computeKey(input: string): string {
  // Plain ASCII has no accents and none of the letters below: the same key without Unicode normalisation.
  if (ASCII.test(input))
    return input
      .toLowerCase()
      .replace(/&/g, 'and')
      .replace(/[^a-z0-9]/g, '');
  return (
    input
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Letters NFKD does not decompose.
      .replace(/ł/g, 'l')
      .replace(/ø/g, 'o')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .replace(/&/g, 'and')
      .replace(/[^a-z0-9]/g, '')
  );
}

function buildIndex(pairs: Iterable<[string, string]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [alias, canonical] of pairs) {
    const key = catalogKey(alias);
    if (key && !index.has(key)) index.set(key, canonical);
  }
  return index;
}

const industryIndex = buildIndex([...INDUSTRIES.map((i): [string, string] => [i, i]), ...Object.entries(INDUSTRY_ALIASES)]);

const countryIndex = buildIndex(COUNTRIES.flatMap((c) => [c.name, c.code, ...c.aliases].map((a): [string, string] => [a, c.name])));

const cityIndex = new Map<string, { city: string; country: string }>();
for (const c of COUNTRIES) for (const city of c.cities) cityIndex.set(catalogKey(city), { city, country: c.name });
for (const [alias, city] of Object.entries(CITY_ALIASES)) {
  const hit = cityIndex.get(catalogKey(city));
  if (hit) cityIndex.set(catalogKey(alias), hit);
}

const techIndex = buildIndex(TECH_ENTRIES.flatMap((t) => [t.name, ...(t.aliases ?? [])].map((a): [string, string] => [a, t.name])));

/** Try the key as written, then without a plural ending ("fintechs", "CRMs"). */
function lookup<T>(index: Map<string, T>, input: string): T | undefined {
  const key = catalogKey(input);
  if (!key) return undefined;
  const exact = index.get(key);
  if (exact !== undefined) return exact;
  if (key.length > 3 && key.endsWith('es') && index.has(key.slice(0, -2))) return index.get(key.slice(0, -2));
  if (key.length > 2 && key.endsWith('s')) return index.get(key.slice(0, -1));
  return undefined;
}

export function canonicalIndustry(input: string): string | undefined {
  return lookup(industryIndex, input);
}

/** A country name, ISO code or alias ("DE", "deutschland", "germany") to its English name. */
export function canonicalCountry(input: string): string | undefined {
  // Only the exact key: a plural fallback would turn "US" into "U".
  return countryIndex.get(catalogKey(input));
}

export function canonicalCity(input: string): { city: string; country: string } | undefined {
  return cityIndex.get(catalogKey(input));
}

export function canonicalTech(input: string): string | undefined {
  return lookup(techIndex, input);
}

/** Abbreviations reps use for titles, expanded for search ("CTOs" means Chief Technology Officer). */
export const TITLE_ABBREVIATIONS: Record<string, string> = {
  ceo: 'Chief Executive Officer',
  cto: 'Chief Technology Officer',
  cfo: 'Chief Financial Officer',
  coo: 'Chief Operating Officer',
  cmo: 'Chief Marketing Officer',
  cio: 'Chief Information Officer',
  ciso: 'Chief Information Security Officer',
  cro: 'Chief Revenue Officer',
  cpo: 'Chief Product Officer',
  cdo: 'Chief Data Officer',
  chro: 'Chief Human Resources Officer',
  cso: 'Chief Sales Officer',
  vp: 'Vice President',
  svp: 'Senior Vice President',
  evp: 'Executive Vice President',
  md: 'Managing Director',
  gm: 'General Manager',
  sdr: 'Sales Development Representative',
  bdr: 'Business Development Representative',
  ae: 'Account Executive',
  am: 'Account Manager',
  csm: 'Customer Success Manager',
  pm: 'Product Manager',
  em: 'Engineering Manager',
  swe: 'Software Engineer',
  sre: 'Site Reliability Engineer',
};

// Checked in this order: "Vice President" contains "President", "Senior Vice President" contains "Senior".
const SENIORITY_RULES: [Seniority, RegExp][] = [
  ['vp', /\b(avp|vice[\s-]*president)\b/],
  ['c_level', /\b(chief|founder|co[\s-]?founder|president|managing director|geschaftsfuhrer(in)?)\b/],
  ['director', /\b(director|head|dir)\b/],
  ['manager', /\b(manager|lead|leader|mgr|supervisor)\b/],
  ['senior', /\b(senior|sr|principal|staff)\b/],
];

/** The seniority a job title implies; undefined for an empty title, `entry` when no rule matches. */
export function seniorityFromTitle(title: string): Seniority | undefined {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[\s.,/&|()]+/)
    .filter(Boolean);
  if (!words.length) return undefined;
  // Expand "CTO", "VP" and friends so one set of rules covers both spellings.
  const t = words.map((w) => (Object.hasOwn(TITLE_ABBREVIATIONS, w) ? TITLE_ABBREVIATIONS[w]!.toLowerCase() : w)).join(' ');
  for (const [seniority, rule] of SENIORITY_RULES) if (rule.test(t)) return seniority;
  return 'entry';
}
