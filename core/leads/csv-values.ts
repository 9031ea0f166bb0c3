// Reading one CSV cell into a lead value. Each parser returns the value, or a Problem saying what is wrong
// with the cell in words a rep understands ("is not a number of employees like 250 or 51-200").
import { catalogKey, canonicalCity, canonicalCountry, canonicalTech } from './catalog.ts';
import { LEAD_STATUSES, SENIORITIES, type LeadStatus, type Seniority } from './filter.ts';

export interface Problem {
  problem: string;
}

export const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'problem' in v;

/**
 * Employees. A range ("51-200", "10,001+") stores its lower bound: the company has at least that many, so
 * "companies with 50+ employees" stays true; "1,200", "1.200", "1 200" and "1.2k" all mean 1200.
 */
export function parseCompanySize(text: string): number | Problem {
  const t = text
    .toLowerCase()
    .replace(/employees?|staff|people/g, '')
    .trim();
  const lower = t
    .split(/\s*(?:-|–|—|to)\s*/)[0]!
    .replace(/\+$/, '')
    .trim();
  let n: number;
  const k = /^(\d+(?:[.,]\d+)?)\s*k$/.exec(lower);
  if (k) n = Math.round(Number(k[1]!.replace(',', '.')) * 1000);
  else if (/^\d{1,3}([,. ]\d{3})+$/.test(lower)) n = Number(lower.replace(/[,. ]/g, ''));
  else if (/^\d+$/.test(lower)) n = Number(lower);
  else return { problem: 'is not a number of employees like 250, 1,200 or 51-200' };
  if (n < 1) return { problem: 'must be at least 1 employee' };
  if (n > 5_000_000) return { problem: 'is more employees than any company has' };
  return n;
}

/** A 0-100 score; "85", "85.4" and "85%" are all 85. */
export function parseScore(text: string): number | Problem {
  const t = text.trim().replace(/%$/, '');
  const n = /^\d+(\.\d+)?$/.test(t) ? Math.round(Number(t)) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 100) return { problem: 'is not a score from 0 to 100' };
  return n;
}

const STATUS_ALIASES: Record<string, LeadStatus> = {
  open: 'new',
  uncontacted: 'new',
  notcontacted: 'new',
  attempted: 'contacted',
  attemptedtocontact: 'contacted',
  inprogress: 'contacted',
  working: 'contacted',
  responded: 'replied',
  engaged: 'replied',
  sql: 'qualified',
  opportunity: 'qualified',
  unqualified: 'disqualified',
  lost: 'disqualified',
  closedlost: 'disqualified',
  junk: 'disqualified',
  won: 'customer',
  closedwon: 'customer',
  client: 'customer',
};

export function parseStatus(text: string): LeadStatus | Problem {
  const key = catalogKey(text);
  const status = (LEAD_STATUSES as readonly string[]).includes(key) ? (key as LeadStatus) : STATUS_ALIASES[key];
  return status ?? { problem: `is not a lead status (${LEAD_STATUSES.join(', ')})` };
}

const SENIORITY_ALIASES: Record<string, Seniority> = {
  clevel: 'c_level',
  csuite: 'c_level',
  cxo: 'c_level',
  executive: 'c_level',
  owner: 'c_level',
  founder: 'c_level',
  vicepresident: 'vp',
  head: 'director',
  directors: 'director',
  management: 'manager',
  mid: 'senior',
  midlevel: 'senior',
  entrylevel: 'entry',
  junior: 'entry',
  intern: 'entry',
  individualcontributor: 'entry',
  ic: 'entry',
};

export function parseSeniority(text: string): Seniority | Problem {
  const key = catalogKey(text);
  const exact = SENIORITIES.find((s) => catalogKey(s) === key);
  const seniority = exact ?? (Object.hasOwn(SENIORITY_ALIASES, key) ? SENIORITY_ALIASES[key] : undefined);
  return seniority ?? { problem: `is not a seniority (${SENIORITIES.join(', ')})` };
}

/** "https://www.Acme.io/about" → "acme.io"; an email address gives its domain. What is left is validated later. */
export function parseDomain(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^[^/@]*@/, '')
    .replace(/^www\d?\./, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '');
}

/** LinkedIn links are often pasted without the scheme. */
export function parseLinkedin(text: string): string {
  const t = text.trim();
  return /^(www\.|[a-z]{2}\.)?linkedin\.com\//i.test(t) ? `https://${t}` : t;
}

export function parseTech(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,;|/]/)) {
    const item = part.trim();
    if (item) seen.add(canonicalTech(item) ?? item);
  }
  return [...seen];
}

/** "Berlin", "Berlin, Germany", "Austin, TX, USA": the known city and, when named, the country. */
export function parseLocation(text: string): { city?: string; country?: string } {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return {};
  const known = canonicalCity(parts[0]!);
  const named = parts.length > 1 ? canonicalCountry(parts[parts.length - 1]!) : canonicalCountry(parts[0]!);
  if (parts.length === 1 && named && !known) return { country: named };
  return { city: known?.city ?? parts[0], country: named ?? known?.country };
}

/** "Doe, Jane" is how some CRMs export names; store it the way people say it. */
export function parseFullName(text: string): { fullName: string; firstName?: string; lastName?: string } {
  let t = text.trim().replace(/\s+/g, ' ');
  const comma = /^([^,\s]+),\s*([^,]+)$/.exec(t);
  if (comma) t = `${comma[2]} ${comma[1]}`;
  const words = t.split(' ');
  return words.length > 1 ? { fullName: t, firstName: words[0], lastName: words.slice(1).join(' ') } : { fullName: t };
}
