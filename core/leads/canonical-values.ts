// Filter values and written leads in the canonical form of core/leads/catalog.ts, so equality filters
// hit btree indexes. Unknown values are kept as given (trimmed).
import { canonicalCity, canonicalCountry, canonicalIndustry, canonicalTech, seniorityFromTitle } from './catalog.ts';
import type { LeadFilter } from './filter.ts';
import type { LeadInput } from './lead-input.ts';

const one = (canon: (s: string) => string | undefined) => (x: string) => canon(x.trim()) ?? x.trim();
const industry = one(canonicalIndustry);
const country = one(canonicalCountry);
const city = one((s) => canonicalCity(s)?.city);
const tech = one(canonicalTech);

const all = (xs: string[] | undefined, canon: (s: string) => string) => (xs ? [...new Set(xs.map(canon))] : undefined);

export function canonicalFilter(f: LeadFilter): LeadFilter {
  return {
    ...f,
    industry: all(f.industry, industry),
    country: all(f.country, country),
    city: all(f.city, city),
    tech: all(f.tech, tech),
    excludeIndustry: all(f.excludeIndustry, industry),
    excludeCountry: all(f.excludeCountry, country),
    excludeCity: all(f.excludeCity, city),
    excludeTech: all(f.excludeTech, tech),
  };
}

/** A validated lead with catalog values; seniority is derived from the title when not given. */
export function canonicalLeadValues<T extends Partial<LeadInput>>(lead: T): T {
  const out: T = { ...lead };
  if (lead.industry !== undefined) out.industry = industry(lead.industry);
  if (lead.country !== undefined) out.country = country(lead.country);
  if (lead.city !== undefined) out.city = city(lead.city);
  if (lead.techStack !== undefined) out.techStack = all(lead.techStack, tech);
  if (lead.seniority === undefined && lead.title) {
    const s = seniorityFromTitle(lead.title);
    if (s) out.seniority = s;
  }
  return out;
}
