// Fit scores from the model the agent fitted (POST /v1/patterns): a lead's score is the model's chance, in percent,
// that a lead like it reaches the goal. Values are matched ignoring case, as the agent groups them.
import type { FittedModel, LeadProfile } from '../enrichment/analysis-types.ts';

const key = (attribute: string, value: string) => `${attribute}\u0000${value.trim().toLowerCase()}`;

function features(p: LeadProfile): string[] {
  const out: string[] = [];
  for (const a of ['industry', 'seniority', 'sizeBand', 'country', 'source'] as const) if (p[a]) out.push(key(a, p[a]!));
  for (const t of new Set((p.technologies ?? []).map((v) => v.toLowerCase()))) out.push(key('technology', t));
  for (const w of new Set((p.titleWords ?? []).map((v) => v.toLowerCase()))) out.push(key('titleWord', w));
  return out;
}

export function modelScorer(model: FittedModel): (profile: LeadProfile) => number {
  const weights = new Map(model.coefficients.map((c) => [key(c.attribute, c.value), c.weight]));
  return (profile) => {
    const logit = features(profile).reduce((sum, f) => sum + (weights.get(f) ?? 0), model.intercept);
    return Math.max(0, Math.min(100, Math.round(100 / (1 + Math.exp(-logit)))));
  };
}

/** How many scores fall in 0–9, 10–19, …, 90–100. */
export function scoreDistribution(scores: Iterable<number>): number[] {
  const buckets = new Array<number>(10).fill(0);
  for (const s of scores) buckets[Math.min(9, Math.max(0, Math.floor(s / 10)))]!++;
  return buckets;
}
