// Does one tool call meet a phrasing case? Required values only: extra arguments are fine, a missing or
// different one fails. Leads are compared as leads (an id, an email and a name may all point at one).
import type { PhrasingCase } from './phrasing-set.ts';

export interface ActualCall {
  name: string;
  input: Record<string, unknown>;
}

export interface KnownLead {
  id: string;
  fullName: string;
  email: string;
}

export interface CaseContext {
  /** The leads the setup message listed, in order (for `ordinal`). */
  setupList: KnownLead[];
  /** The lead an argument value points at, among those the user may see. */
  resolveLead(value: string): Promise<KnownLead | undefined>;
}

export interface CaseVerdict {
  pass: boolean;
  /** Why it failed, for the report. */
  problems: string[];
  /** An exclusion became an inclusion or the other way round ("not in Germany" → country Germany). */
  negationInverted: boolean;
}

const EXCLUSIONS: Record<string, string> = {
  excludeStatus: 'status',
  excludeIndustry: 'industry',
  excludeCountry: 'country',
  excludeCity: 'city',
  excludeTech: 'tech',
};

/** Case, spacing, punctuation and a plural "s" do not matter when comparing values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return normal(a) === normal(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function normal(s: string): string {
  const k = s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9:]/g, '');
  return k.length > 3 && k.endsWith('s') && !k.endsWith('ss') ? k.slice(0, -1) : k;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

export async function scoreCase(c: PhrasingCase, call: ActualCall | undefined, ctx: CaseContext): Promise<CaseVerdict> {
  const problems: string[] = [];
  const negationInverted = inverted(c, call);
  if (c.tool === null) {
    if (call) problems.push(`called ${call.name}, expected no tool`);
    return { pass: !problems.length, problems, negationInverted };
  }
  if (!call) return { pass: false, problems: [`called no tool, expected ${c.tool}`], negationInverted };
  if (call.name !== c.tool) return { pass: false, problems: [`called ${call.name}, expected ${c.tool}`], negationInverted };

  for (const [key, want] of Object.entries(c.args)) {
    if (key === 'lead' && c.ordinal !== undefined) continue;
    const got = call.input[key];
    if (key === 'lead' && typeof want === 'string') {
      if (!(await sameLead(want, got, ctx))) problems.push(`lead ${JSON.stringify(got)} is not ${want}`);
    } else if (key === 'note' && want === true) {
      if (typeof got !== 'string' || !got.trim()) problems.push('no note');
    } else if (Array.isArray(want)) {
      const have = asList(got);
      const missing = want.filter((w) => !have.some((h) => sameValue(w, h)));
      if (missing.length) problems.push(`${key} ${JSON.stringify(got)} lacks ${JSON.stringify(missing)}`);
    } else if (!sameValue(want, got)) {
      problems.push(`${key} ${JSON.stringify(got)} is not ${JSON.stringify(want)}`);
    }
  }
  if (c.ordinal !== undefined) {
    const meant = c.ordinal === -1 ? ctx.setupList.at(-1) : ctx.setupList[c.ordinal - 1];
    const got = call.input.lead;
    if (!meant) problems.push(`the setup listed no lead #${c.ordinal}`);
    else if (typeof got !== 'string' || (await ctx.resolveLead(got))?.id !== meant.id) {
      problems.push(`lead ${JSON.stringify(got)} is not #${c.ordinal} of the setup's list (${meant.fullName})`);
    }
  }
  return { pass: !problems.length, problems, negationInverted };
}

async function sameLead(want: string, got: unknown, ctx: CaseContext): Promise<boolean> {
  if (typeof got !== 'string') return false;
  if (sameValue(want, got)) return true;
  const lead = await ctx.resolveLead(got);
  return lead !== undefined && (sameValue(want, lead.fullName) || sameValue(want, lead.email) || want === lead.id);
}

function inverted(c: PhrasingCase, call: ActualCall | undefined): boolean {
  if (!call) return false;
  for (const [excluded, included] of Object.entries(EXCLUSIONS)) {
    const shared = (a: unknown, b: unknown) => asList(a).some((x) => asList(b).some((y) => sameValue(x, y)));
    if (shared(c.args[excluded], call.input[included])) return true;
    if (shared(c.args[included], call.input[excluded])) return true;
  }
  return false;
}
