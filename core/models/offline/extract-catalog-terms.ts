// Catalog terms in a rep's words: technologies, places and industries, in their canonical spelling.
// Two-letter country codes and short city names count only in capitals ("DE", "LA") or after "in"
// ("in the uk"), because "it", "no", "at", "in", "be" are English words first.
import type { LeadFilter } from '../../leads/filter.ts';
import { canonicalCity, canonicalCountry, canonicalIndustry, canonicalTech } from '../../leads/catalog.ts';
import type { Phrase } from './phrase.ts';

const TECH_CUE = /^(?:use|uses|using|used|on|running|runs|run|with|built|stack|install(?:ed)?|deployed|via|of)$/i;

export function techFilter(p: Phrase, f: LeadFilter): number {
  // A technology counts only after a cue ("use HubSpot", "on Salesforce", "running Kubernetes") or in a
  // list right after one ("using HubSpot and Stripe"), since "leads at Salesforce" names a company.
  const tech: string[] = [];
  let lastEnd = -1;
  p.scanRuns(3, (run, first, prev) => {
    const name = canonicalTech(run);
    if (!name) return undefined;
    const prevWord = prev?.toLowerCase();
    const listed = lastEnd >= 0 && /^[\s,]*(?:and|or|&|plus|\+)?[\s,]*$/i.test(p.original.slice(lastEnd, first.start));
    const cued = listed || (prevWord !== undefined && TECH_CUE.test(prevWord));
    const short = run.replace(/[^\p{L}]/gu, '').length <= 2;
    if (!cued || (short && run !== run.toUpperCase() && !cuedShort(prevWord))) return undefined;
    lastEnd = first.start + run.length;
    tech.push(name);
    return name;
  });
  if (!tech.length) return 0;
  f.tech = [...new Set(tech)];
  return 1;
}

function cuedShort(prev: string | undefined): boolean {
  return prev !== undefined && /^(?:use|uses|using|running|on)$/.test(prev);
}

const PLACE_PREPOSITIONS = /^(?:in|from|across|throughout|within|based|the|near|around|of)$/i;

export function placeFilter(p: Phrase, f: LeadFilter): number {
  const countries: string[] = [];
  const cities: string[] = [];
  const regions: Record<string, string[]> = {
    dach: ['Germany', 'Austria', 'Switzerland'],
    nordics: ['Sweden', 'Denmark', 'Norway', 'Finland'],
    nordic: ['Sweden', 'Denmark', 'Norway', 'Finland'],
    scandinavia: ['Sweden', 'Denmark', 'Norway'],
    benelux: ['Belgium', 'Netherlands'],
  };
  p.scanRuns(3, (run, _first, prev) => {
    const key = run.toLowerCase().replace(/[^a-z]/g, '');
    if (regions[key]) {
      countries.push(...regions[key]!);
      return key;
    }
    const short = run.replace(/[^\p{L}]/gu, '').length <= 3;
    if (short && run !== run.toUpperCase() && !(prev && PLACE_PREPOSITIONS.test(prev) && /^(?:uk|us|usa|uae|nyc|sf)$/i.test(key))) {
      return undefined;
    }
    const country = canonicalCountry(run);
    if (country) {
      countries.push(country);
      return country;
    }
    const city = canonicalCity(run);
    if (city) {
      cities.push(city.city);
      return city.city;
    }
    return undefined;
  });
  let signals = 0;
  if (countries.length) {
    f.country = [...new Set(countries)];
    signals++;
  }
  if (cities.length) {
    f.city = [...new Set(cities)];
    signals++;
  }
  return signals;
}

export function industryFilter(p: Phrase, f: LeadFilter): number {
  const industries: string[] = [];
  p.scanRuns(3, (run) => {
    const letters = run.replace(/[^\p{L}]/gu, '');
    if (letters.length <= 3 && run !== run.toUpperCase()) return undefined;
    if (/^(?:it|in|at|no|be|us|me|or|on|to|as|so|do)$/i.test(run)) return undefined;
    const industry = canonicalIndustry(run);
    if (industry) industries.push(industry);
    return industry;
  });
  if (!industries.length) return 0;
  f.industry = [...new Set(industries)];
  return 1;
}
