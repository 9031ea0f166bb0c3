// What every check receives: the parsed email once, so each check stays a small pure function.
import type { EmailStructure } from '../structure.ts';
import type { Check, CheckResult, CheckStatus, LeadFacts } from '../types.ts';

export interface EmailContext {
  subject?: string;
  isFirstTouch: boolean;
  lead?: LeadFacts;
  structure: EmailStructure;
}

export function result(check: Omit<Check, 'evidence'> & { evidence?: string[] }, problem?: string): CheckResult {
  return { check: { ...check, evidence: check.evidence ?? [] }, problem: check.status === 'pass' ? undefined : problem };
}

export function statusOf(fail: boolean, warn: boolean): CheckStatus {
  return fail ? 'fail' : warn ? 'warn' : 'pass';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Shortens a quoted sentence for evidence without hiding which one it is. */
export function quote(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
