// Catalog terms in a rep's words: technologies, places and industries, in their canonical spelling.
// Two-letter country codes and short city names count only in capitals ("DE", "LA") or after "in"
// ("in the uk"), because "it", "no", "at", "in", "be" are English words first.
// A value inside a negated span ("outside Germany", "not on Salesforce") goes to the exclude list.
import { COUNTRIES } from '../../leads/catalog-data.ts';
import type { LeadFilter } from '../../leads/filter.ts';
import { editDistance, type Knowledge } from './knowledge.ts';
import { isNegated, type NegatedSpan } from './negation.ts';
import type { Phrase } from './phrase.ts';

export interface TermContext {
  knowledge: Knowledge;
  negated: readonly NegatedSpan[];
}

// Words reps use for a country or an industry that the catalogue does not list as aliases.
const COUNTRY_WORDS: Record<string, string> = {
  german: 'Germany',
  dutch: 'Netherlands',
  spanish: 'Spain',
  french: 'France',
  italian: 'Italy',
  british: 'United Kingdom',
  english: 'United Kingdom',
  american: 'United States',
  'the states': 'United States',
  states: 'United States',
  swiss: 'Switzerland',
  austrian: 'Austria',
  irish: 'Ireland',
  swedish: 'Sweden',
  danish: 'Denmark',
  norwegian: 'Norway',
  finnish: 'Finland',
  polish: 'Poland',
  belgian: 'Belgium',
  canadian: 'Canada',
  japanese: 'Japan',
  indian: 'India',
  brazilian: 'Brazil',
  australian: 'Australia',
  portuguese: 'Portugal',
  mexican: 'Mexico',
  singaporean: 'Singapore',
  brit: 'United Kingdom',
  swede: 'Sweden',
  dane: 'Denmark',
  finn: 'Finland',
  yank: 'United States',
};
const INDUSTRY_WORDS: Record<string, string> = {
  cybersec: 'Cybersecurity',
  infosec: 'Cybersecurity',
  'security companies': 'Cybersecurity',
  telcos: 'Telecommunications',
  telecoms: 'Telecommunications',
  'law firms': 'Legal',
  'law firm': 'Legal',
  lawyers: 'Legal',
  insurers: 'Insurance',
  'e-com': 'E-commerce',
  ecom: 'E-commerce',
  sass: 'SaaS',
  'online shops': 'E-commerce',
  'online stores': 'E-commerce',
  carmakers: 'Automotive',
  'car makers': 'Automotive',
  hospitals: 'Healthcare',
  pharma: 'Biotech',
  'real-estate': 'Real Estate',
  proptech: 'Real Estate',
  factories: 'Manufacturing',
  manufacturers: 'Manufacturing',
  retailers: 'Retail',
  'game studios': 'Gaming',
  'travel companies': 'Travel',
  agencies: 'Marketing',
  consultancies: 'Consulting',
  consultants: 'Consulting',
};

// Sectors reps name that the catalogue files under a broader industry ("banking" is Financial Services,
// "education" Edtech). The rep's sector is kept beside the industry it falls under, as an LLM following the
// filter's description would write it ("except banking" → ["Banking"]); the search reads both as the
// catalogue's industry, and the reply names the sector the rep asked for.
const SECTOR_WORDS: Record<string, string> = {
  bank: 'Banking',
  banks: 'Banking',
  banking: 'Banking',
  'retail banking': 'Banking',
  'investment banking': 'Banking',
  education: 'Education',
  edu: 'Education',
  'higher education': 'Education',
  'higher ed': 'Education',
  school: 'Education',
  schools: 'Education',
  university: 'Education',
  universities: 'Education',
  college: 'Education',
  colleges: 'Education',
  // The catalogue's own word for the sector: reps and LLMs alike call it education.
  edtech: 'Education',
  'ed tech': 'Education',
  'ed-tech': 'Education',
};

/** The industries a run of words names: a sector and the industry it belongs to, or the industry alone. */
function industriesOf(run: string, knowledge: Knowledge): string[] {
  const key = run.toLowerCase();
  const sector = SECTOR_WORDS[key];
  if (sector) {
    const industry = knowledge.industry(sector);
    return industry && industry !== sector ? [sector, industry] : [sector];
  }
  const industry = INDUSTRY_WORDS[key] ?? knowledge.industry(run);
  return industry ? [industry] : [];
}

/** The city whose people a word names: "Londoners", "Parisians", "New Yorkers" (the stem is the city's exact name). */
function cityOfPeople(word: string, knowledge: Knowledge): string | undefined {
  const m = /^(.+?)(?:ers?|ians?|ites?)$/i.exec(word);
  if (!m) return undefined;
  for (const stem of [m[1]!, `${m[1]!}e`]) {
    const city = knowledge.city(stem);
    if (city && city.toLowerCase() === stem.toLowerCase()) return city;
  }
  return undefined;
}

/** The country a word for it or its people names: "german", "Germans", "the states". */
function countryWord(lower: string): string | undefined {
  return COUNTRY_WORDS[lower] ?? (lower.endsWith('s') && lower !== 'states' ? COUNTRY_WORDS[lower.slice(0, -1)] : undefined);
}

const CITY_STATES = new Set(COUNTRIES.filter((c) => c.cities.length === 1 && c.cities[0] === c.name).map((c) => c.name));
const isCityState = (country: string) => CITY_STATES.has(country);

function push(include: string[], exclude: string[], value: string, negated: boolean) {
  (negated ? exclude : include).push(value);
}

function assign(f: LeadFilter, key: 'industry' | 'country' | 'city' | 'tech', include: string[], exclude: string[]): number {
  const ex = { industry: 'excludeIndustry', country: 'excludeCountry', city: 'excludeCity', tech: 'excludeTech' } as const;
  let signals = 0;
  if (include.length) {
    f[key] = [...new Set(include)];
    signals++;
  }
  if (exclude.length) {
    f[ex[key]] = [...new Set(exclude)].filter((v) => !include.includes(v));
    if (!f[ex[key]]!.length) delete f[ex[key]];
    else signals++;
  }
  return signals;
}

const TECH_CUE =
  /^(?:use|uses|using|used|on|running|runs|run|with|without|built|stack|install(?:ed)?|deployed|via|of|not|but|except|excluding|includes|include|including|both|either)$/i;

export function techFilter(p: Phrase, f: LeadFilter, t: TermContext): number {
  // A technology counts only after a cue ("use HubSpot", "on Salesforce", "running Kubernetes") or in a
  // list right after one ("using HubSpot and Stripe"), since "leads at Salesforce" names a company.
  const tech: string[] = [];
  const excluded: string[] = [];
  let lastEnd = -1;
  p.scanRuns(3, (run, first, prev) => {
    const name = t.knowledge.tech(run);
    if (!name) return undefined;
    const prevWord = prev?.toLowerCase();
    const listed = lastEnd >= 0 && /^[\s,]*(?:and|or|&|plus|\+)?[\s,]*$/i.test(p.original.slice(lastEnd, first.start));
    // "Salesforce users", "Shopify merchants", "HubSpot shops" name the technology too.
    const after = p.original
      .slice(first.start + run.length)
      .match(/^\s+([\p{L}]+)/u)?.[1]
      ?.toLowerCase();
    const usedBy = after !== undefined && /^(?:users?|customers|shops?|stores?|merchants?|sites|stack|clients|companies|accounts|leads|teams)$/.test(after);
    // A technology in a negated scope is one the rep wants left out ("Okta but no Slack"): a company
    // cannot be excluded, so the negation is the cue.
    const negated = isNegated(t.negated, first.start);
    // "retail, kubernetes, not UK": an item of a terse comma list of filters, alone between commas, names no company.
    const bareItem =
      /(?:^|[,;])\s*$/.test(p.original.slice(0, first.start)) && /^\s*[,;]/.test(p.original.slice(first.start + run.length)) && !t.knowledge.company(run);
    const cued = listed || usedBy || negated || bareItem || (prevWord !== undefined && TECH_CUE.test(prevWord));
    const short = run.replace(/[^\p{L}]/gu, '').length <= 2;
    if (!cued || (short && run !== run.toUpperCase() && !cuedShort(prevWord))) return undefined;
    lastEnd = first.start + run.length;
    push(tech, excluded, name, negated);
    return name;
  });
  // A technology the catalogue lacks, after a cue no company follows ("insurers using Guidewire", "running
  // Temenos"): a capitalised word that is no English word, company or other value. A word all in capitals
  // is an acronym ("qualify a lead using MEDDIC" names a method).
  for (const m of p.rest.matchAll(UNKNOWN_TECH)) {
    const name = m[1]!;
    const words = name.toLowerCase().split(/\s+/);
    // A word of common English counts when capitalised by a writer who writes in lower case ("studios using
    // Unity"), not at a sentence's start or in Title Case.
    const proper = /^\p{Ll}/u.test(m[0]) && !/[.!?]\s*$/.test(p.original.slice(0, m.index));
    if (words.some((w) => (t.knowledge.common(w) && !proper) || t.knowledge.nameWord(w)) || t.knowledge.company(name) || namesAValue(name, t.knowledge))
      continue;
    const at = m.index + m[0].length - name.length;
    push(tech, excluded, name, isNegated(t.negated, at));
    p.blank(at, at + name.length);
  }
  return assign(f, 'tech', tech, excluded);
}

const UNKNOWN_TECH =
  /\b(?:using|uses|use|running|runs|run\s+on|built\s+(?:on|with)|powered\s+by|on\s+top\s+of)\s+(\p{Lu}(?=[\p{L}\p{N}+#-]*\p{Ll})[\p{L}\p{N}+#-]*(?:\s+\p{Lu}[\p{L}\p{N}+#-]*)?)(?![\p{L}\p{N}])/gu;

function cuedShort(prev: string | undefined): boolean {
  return prev !== undefined && /^(?:use|uses|using|running|on)$/.test(prev);
}

const CITY_LIST_NEXT = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|\+)\s+)(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)(?![\p{L}'’])/u;

const CITY_LIST_BEFORE = /(?<![\p{L}'’])(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)(?:\s*,\s*|\s+(?:and|or|&|\+)\s+)$/u;

const DEPARTMENT_CODE = /^(?:IT|HR|PR|QA|UX|UI|BD|AI|ML|BI)$/;
const ROLE_BEFORE =
  /\b(?:heads?|directors?|vps?|svps?|evps?|managers?|chiefs?|officers?|leaders?|team|department|dept|of\s+the)\s+(?:of|for|in)\s+(?:the\s+)?$/i;
const ROLE_AFTER =
  /^\s+(?:managers?|directors?|heads?|leads?|leaders?|teams?|departments?|dept|admins?|administrators?|engineers?|specialists?|staff|professionals|people|folks|decision[\s-]makers?|buyers?|budgets?|chiefs?)\b/i;
const PLACE_PREPOSITIONS = /^(?:in|from|across|throughout|within|based|the|near|around|of)$/i;

export function placeFilter(p: Phrase, f: LeadFilter, t: TermContext): number {
  const countries: string[] = [];
  const cities: string[] = [];
  const notCountries: string[] = [];
  const notCities: string[] = [];
  const regions: Record<string, string[]> = {
    dach: ['Germany', 'Austria', 'Switzerland'],
    nordics: ['Sweden', 'Denmark', 'Norway', 'Finland'],
    nordic: ['Sweden', 'Denmark', 'Norway', 'Finland'],
    scandinavia: ['Sweden', 'Denmark', 'Norway'],
    benelux: ['Belgium', 'Netherlands'],
  };
  const cityEnds: { start: number; end: number; negated: boolean }[] = [];
  p.scanRuns(3, (run, first, prev) => {
    const negated = isNegated(t.negated, first.start);
    const key = run.toLowerCase().replace(/[^a-z]/g, '');
    if (regions[key]) {
      (negated ? notCountries : countries).push(...regions[key]!);
      return key;
    }
    // "Germans", "Brits", "Swedes": the people of a country stand for it.
    const word = countryWord(run.toLowerCase());
    if (word && (run.toLowerCase() !== 'states' || prev?.toLowerCase() === 'the')) {
      push(countries, notCountries, word, negated);
      return word;
    }
    // "heads of IT", "HR directors": a department's code beside a role is no country (Italy, Croatia).
    if (DEPARTMENT_CODE.test(run) && (ROLE_BEFORE.test(p.original.slice(0, first.start)) || ROLE_AFTER.test(p.original.slice(first.start + run.length)))) {
      return undefined;
    }
    const short = run.replace(/[^\p{L}]/gu, '').length <= 3;
    // Lower-case short forms: "usa", "uk", "uae", "nyc" are no English word; "us" only after "in", "from"….
    const unambiguous = /^(?:uk|usa|uae|nyc)$/.test(key);
    if (short && run !== run.toUpperCase() && !unambiguous && !(prev && PLACE_PREPOSITIONS.test(prev) && /^(?:us|sf)$/i.test(key))) {
      return undefined;
    }
    const country = t.knowledge.country(run);
    if (country) {
      push(countries, notCountries, country, negated);
      return country;
    }
    const city = t.knowledge.city(run);
    // "saas leeds in the uk": a lower-case place one letter off "leads" is the word the rep meant, unless
    // it follows "in", "from"… ("companies in leeds").
    const meantLeads = run === run.toLowerCase() && editDistance(key, 'leads', 1) <= 1 && !(prev && PLACE_PREPOSITIONS.test(prev));
    if (city && !meantLeads) {
      push(cities, notCities, city, negated);
      cityEnds.push({ start: first.start, end: first.start + run.length, negated });
      return city;
    }
    // "no Londoners", "Berliners", "Parisians", "New Yorkers": the people of a city stand for it (the stem must
    // be the city's name exactly, so no typo tolerance turns "leaders" into a place).
    const stem = /^\p{Lu}/u.test(run) ? cityOfPeople(run, t.knowledge) : undefined;
    if (stem) {
      push(cities, notCities, stem, negated);
      cityEnds.push({ start: first.start, end: first.start + run.length, negated });
      return stem;
    }
    return undefined;
  });
  // A city the catalogue lacks, listed beside one it knows ("Austin and Dallas", "Leeds, Cork"): a
  // capitalised word that is no English word or company is a city too (a first name alone is no lead here).
  const unknownCity = (name: string) =>
    !name
      .toLowerCase()
      .split(/\s+/)
      .some((w) => t.knowledge.common(w)) &&
    !t.knowledge.company(name) &&
    !namesAValue(name, t.knowledge);
  for (const { start, end, negated } of cityEnds) {
    const next = CITY_LIST_NEXT.exec(p.rest.slice(end));
    if (next && unknownCity(next[1]!)) {
      const at = end + next[0].length - next[1]!.length;
      push(cities, notCities, next[1]!, negated);
      p.blank(at, at + next[1]!.length);
    }
    const before = CITY_LIST_BEFORE.exec(p.rest.slice(0, start));
    if (before && unknownCity(before[1]!)) {
      push(cities, notCities, before[1]!, isNegated(t.negated, before.index));
      p.blank(before.index, before.index + before[1]!.length);
    }
  }
  // A city the catalogue lacks, named alone after a place preposition ("insurance leads in Dallas using
  // Salesforce", "in the US outside of Detroit"): a capitalised word that is no English word, company, month,
  // day or lead's full name (one word after "in" is a place, even if a lead bears it), ending the clause or followed by a linking word.
  for (const m of p.rest.matchAll(PLACE_AFTER)) {
    const name = m[1]!;
    if (!unknownCity(name) || NOT_A_PLACE.test(name) || t.knowledge.leads.some((l) => l.fullName.toLowerCase() === name.toLowerCase())) continue;
    const at = m.index + m[0].length - name.length;
    push(cities, notCities, name, isNegated(t.negated, at));
    p.blank(at, at + name.length);
  }
  // A city-state ("Singapore") is one city in the data as well as a country: name it as both, which selects the same
  // leads, so a request reads the same whichever field the rep had in mind. Only when no other place is named, since
  // places of one field are alternatives and the fields are combined.
  if (countries.length && cities.length === 0 && countries.every(isCityState)) cities.push(...countries);
  for (const c of notCountries) if (isCityState(c) && !notCities.includes(c)) notCities.push(c);
  return assign(f, 'country', countries, notCountries) + assign(f, 'city', cities, notCities);
}

const PLACE_AFTER =
  /(?<![\p{L}'’])(?:in|based\s+in|located\s+in|outside(?:\s+of)?|near|around|excluding|except(?:\s+for)?|other\s+than)\s+(\p{Lu}\p{Ll}{2,}(?:\s+\p{Lu}\p{Ll}{2,})?)(?=\s*(?:$|[,.;:!?)]|\s[—–]\s)|\s+(?:using|with|that|who|which|and|or|but|running|on|please|pls|plz|only|too)\b)/gu;
const NOT_A_PLACE =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Q[1-4])$/;

export function industryFilter(p: Phrase, f: LeadFilter, t: TermContext): number {
  const industries: string[] = [];
  const excluded: string[] = [];
  p.scanRuns(3, (run, first) => {
    const letters = run.replace(/[^\p{L}]/gu, '');
    if (letters.length <= 3 && run !== run.toUpperCase() && !SECTOR_WORDS[run.toLowerCase()]) return undefined;
    if (/^(?:it|in|at|no|be|us|me|or|on|to|as|so|do)$/i.test(run)) return undefined;
    const named = industriesOf(run, t.knowledge);
    for (const industry of named) push(industries, excluded, industry, isNegated(t.negated, first.start));
    return named[0];
  });
  return assign(f, 'industry', industries, excluded);
}

/** Whether a fragment names an industry, place or technology (negation scopes end after one). */
export function namesAValue(fragment: string, knowledge: Knowledge): boolean {
  return valueKinds(fragment, knowledge).size > 0;
}

export type ValueKind = 'place' | 'industry' | 'tech' | 'status';

/**
 * The kinds of value a fragment names (a place, an industry, a technology, a status), so a negation's scope can
 * tell a coordinated value of the same kind ("excluding contacted or who replied") from a new request.
 */
export function valueKinds(fragment: string, knowledge: Knowledge): Set<ValueKind> {
  const kinds = new Set<ValueKind>();
  // A technology the catalogue lacks, after its cue ("not using Guidewire in Canada" excludes Guidewire only).
  const cued = /\b(?:using|uses|use|running|runs|run\s+on|built\s+(?:on|with)|powered\s+by)\s+(\p{Lu}(?=[\p{L}\p{N}+#-]*\p{Ll})[\p{L}\p{N}+#-]*)/u.exec(
    fragment,
  );
  if (cued && !knowledge.common(cued[1]!.toLowerCase())) kinds.add('tech');
  const words = fragment.toLowerCase().match(/[\p{L}][\p{L}-]*/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    for (let n = 3; n >= 1; n--) {
      const run = words.slice(i, i + n).join(' ');
      if (i + n > words.length || run.length < 2) continue;
      if (/^(?:it|in|at|no|be|us|me|or|on|to|as|so|do|the|a|an)$/.test(run)) continue;
      if (countryWord(run) || knowledge.country(run) || knowledge.city(run) || cityOfPeople(run, knowledge)) kinds.add('place');
      if (INDUSTRY_WORDS[run] || SECTOR_WORDS[run] || knowledge.industry(run)) kinds.add('industry');
      if (knowledge.tech(run)) kinds.add('tech');
      if (/^(?:new|contacted|replied|qualified|disqualified|customers?|uncontacted)$/.test(run)) kinds.add('status');
    }
  }
  return kinds;
}
