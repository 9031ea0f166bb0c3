// One CSV row to one lead: pick the cells, canonicalise them with the catalog, derive what is missing
// (seniority from the title, country from a known city), and validate the result with leadInputSchema.
// A row is either a whole valid lead or a reason naming the column and what is wrong with it.
import { canonicalCity, canonicalCountry, canonicalIndustry, seniorityFromTitle } from './catalog.ts';
import type { HeaderMap, LeadColumn } from './csv-headers.ts';
import {
  isProblem,
  parseCompanySize,
  parseDomain,
  parseFullName,
  parseLinkedin,
  parseLocation,
  parseScore,
  parseSeniority,
  parseStatus,
  parseTech,
  type Problem,
} from './csv-values.ts';
import { leadInputSchema, type LeadInput } from './lead-input.ts';

export type RowResult = { lead: LeadInput } | { reason: string };

class RowProblem extends Error {}

export function rowToLead(cells: string[], headers: HeaderMap, source: string): RowResult {
  const get = (column: LeadColumn): string | undefined => {
    for (const i of headers.indexes.get(column) ?? []) {
      const v = cells[i]?.trim();
      if (v) return v;
    }
    return undefined;
  };
  const columnName = (column: LeadColumn) => headers.names.get(column) ?? column;
  const parsed = <T>(column: LeadColumn, parse: (text: string) => T | Problem): T | undefined => {
    const text = get(column);
    if (text === undefined) return undefined;
    const value = parse(text);
    if (isProblem(value)) throw new RowProblem(`${columnName(column)} ${quote(text)} ${value.problem}`);
    return value;
  };

  try {
    const email = get('email');
    if (!email) return { reason: `${columnName('email')} is empty` };

    const name = nameOf(get('fullName'), get('firstName'), get('lastName'));
    if (!name) return { reason: `the name is empty (${nameColumns(headers)})` };

    const title = get('title');
    const location = parseLocation(get('location') ?? '');
    const cityText = get('city');
    const city = cityText ? (canonicalCity(cityText)?.city ?? cityText) : location.city;
    const countryText = get('country');
    const country = countryText ? (canonicalCountry(countryText) ?? countryText) : (location.country ?? (city ? canonicalCity(city)?.country : undefined));
    const industry = get('industry');
    const domain = get('companyDomain');
    const tech = get('techStack');
    const linkedin = get('linkedinUrl');

    const candidate: Record<string, unknown> = {
      email,
      ...name,
      title,
      seniority: parsed('seniority', parseSeniority) ?? (title ? seniorityFromTitle(title) : undefined),
      company: get('company'),
      companyDomain: domain === undefined ? undefined : parseDomain(domain),
      industry: industry === undefined ? undefined : (canonicalIndustry(industry) ?? industry),
      companySize: parsed('companySize', parseCompanySize),
      country,
      city,
      techStack: tech === undefined ? undefined : parseTech(tech),
      linkedinUrl: linkedin === undefined ? undefined : parseLinkedin(linkedin),
      status: parsed('status', parseStatus),
      score: parsed('score', parseScore),
      source,
    };
    for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];

    const result = leadInputSchema.safeParse(candidate);
    if (result.success) return { lead: result.data };
    const issue = result.error.issues[0]!;
    const field = String(issue.path[0] ?? 'row');
    // City and country may have come from a "Location" column.
    const fromLocation = (field === 'city' || field === 'country') && !headers.names.has(field);
    const column = (fromLocation ? 'location' : field) as LeadColumn;
    const shown = field === 'fullName' ? nameColumns(headers) : columnName(column);
    const value = field === 'techStack' ? (tech ?? '') : (get(column) ?? String(candidate[field] ?? ''));
    return { reason: `${shown} ${quote(value)} ${describeIssue(issue)}` };
  } catch (err) {
    if (err instanceof RowProblem) return { reason: err.message };
    throw err;
  }
}

function nameOf(full?: string, first?: string, last?: string) {
  if (full) {
    const n = parseFullName(full);
    return { ...n, firstName: first ?? n.firstName, lastName: last ?? n.lastName };
  }
  const joined = [first, last].filter(Boolean).join(' ');
  return joined ? { fullName: joined, firstName: first, lastName: last } : undefined;
}

function nameColumns(headers: HeaderMap): string {
  const named = (['fullName', 'firstName', 'lastName'] as const).map((c) => headers.names.get(c)).filter(Boolean);
  return named.length ? named.map((n) => `"${n}"`).join('/') : 'no name column';
}

function quote(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `"${v}"`;
}

function describeIssue(issue: { code: string; message: string; maximum?: unknown; origin?: unknown }): string {
  if (issue.message.startsWith('is ')) return issue.message;
  if (issue.code === 'too_big' && issue.origin === 'array') return `has more than ${String(issue.maximum)} items`;
  if (issue.code === 'too_big') return `is too long (at most ${String(issue.maximum)} characters)`;
  if (issue.code === 'too_small') return 'is empty';
  return `is not valid (${issue.message})`;
}
