// A stored lead's attributes as the agent's analyses take them: a company-size band instead of a head count,
// the words of the title instead of the title, and every value within the contract's limits.
import { SENIORITIES } from './filter.ts';
import type { LeadProfile, SizeBand } from '../enrichment/analysis-types.ts';

/** What pattern recognition reads of a lead: attributes only, no name, email, company name or note. */
export interface LeadAttributesRow {
  industry: string | null;
  seniority: string | null;
  companySize: number | null;
  country: string | null;
  source: string | null;
  techStack: string[];
  title: string | null;
  score: number;
}

const STOP_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'at', 'a', 'an', '&', '-', '/', '|']);
const BANDS: [number, SizeBand][] = [
  [10, '1-10'],
  [50, '11-50'],
  [200, '51-200'],
  [1000, '201-1000'],
  [5000, '1001-5000'],
];

export function sizeBand(employees: number | null): SizeBand | undefined {
  if (employees === null || !(employees >= 1)) return undefined;
  return BANDS.find(([max]) => employees <= max)?.[1] ?? '5001+';
}

export function titleWords(title: string | null): string[] | undefined {
  if (!title) return undefined;
  const words = title
    .toLowerCase()
    .split(/[\s,.;:()/|&-]+/)
    .filter((w) => w && !STOP_WORDS.has(w))
    .map((w) => w.slice(0, 60));
  const unique = [...new Set(words)].slice(0, 20);
  return unique.length ? unique : undefined;
}

const text = (v: string | null): string | undefined => {
  const t = v?.trim();
  return t ? t.slice(0, 60) : undefined;
};

export function leadProfile(row: LeadAttributesRow): LeadProfile {
  const technologies = [...new Set(row.techStack.map((t) => t.trim().slice(0, 60)).filter(Boolean))].slice(0, 50);
  const seniority = (SENIORITIES as readonly string[]).includes(row.seniority ?? '') ? (row.seniority as LeadProfile['seniority']) : undefined;
  const profile: LeadProfile = {
    industry: text(row.industry),
    seniority,
    sizeBand: sizeBand(row.companySize),
    country: text(row.country),
    source: text(row.source),
    technologies: technologies.length ? technologies : undefined,
    titleWords: titleWords(row.title),
  };
  for (const key of Object.keys(profile) as (keyof LeadProfile)[]) if (profile[key] === undefined) delete profile[key];
  return profile;
}
