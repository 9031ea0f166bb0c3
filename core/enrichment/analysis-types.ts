// The wire contract of the agent's POST /v1/patterns and POST /v1/lookalikes (docs/enrichment-agent.openapi.yaml).
// A lead travels as attributes only: no name, email, company name or note has a field here, and the agent refuses
// unknown keys, so nothing that identifies a person reaches it.
import { z } from 'zod';
import { SENIORITIES } from '../leads/filter.ts';

export const SIZE_BANDS = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const OUTCOMES = ['no_reply', 'replied', 'qualified', 'customer'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const GOALS = ['replied', 'qualified', 'customer'] as const;
export type Goal = (typeof GOALS)[number];
export const ATTRIBUTES = ['industry', 'seniority', 'sizeBand', 'country', 'source', 'technology', 'titleWord'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

const word = z.string().min(1).max(60);

export const leadProfileSchema = z.strictObject({
  industry: word.optional(),
  seniority: z.enum(SENIORITIES).optional(),
  sizeBand: z.enum(SIZE_BANDS).optional(),
  country: word.optional(),
  source: word.optional(),
  technologies: z.array(word).max(50).optional(),
  titleWords: z.array(word).max(20).optional(),
});
export type LeadProfile = z.infer<typeof leadProfileSchema>;

export const patternLeadSchema = leadProfileSchema.extend({
  outcome: z.enum(OUTCOMES),
  staticScore: z.number().int().min(0).max(100).optional(),
});
export type PatternLead = z.infer<typeof patternLeadSchema>;

export const patternsRequestSchema = z.strictObject({
  leads: z.array(patternLeadSchema).min(1).max(200_000),
  goal: z.enum(GOALS).optional(),
  minSupport: z.number().int().min(5).max(100_000).optional(),
  maxPatterns: z.number().int().min(1).max(100).optional(),
});
export type PatternsRequest = z.infer<typeof patternsRequestSchema>;

const conditionSchema = z.object({ attribute: z.enum(ATTRIBUTES), value: z.string() });
export type Condition = z.infer<typeof conditionSchema>;
const share = z.number().min(0).max(1);

export const patternSchema = z.object({
  conditions: z.array(conditionSchema).min(1).max(3),
  leads: z.number().int().min(0),
  positives: z.number().int().min(0),
  rate: share,
  lift: z.number().min(0),
  ciLow: share,
  ciHigh: share,
  significant: z.boolean(),
});
export type Pattern = z.infer<typeof patternSchema>;

export const fittedModelSchema = z.object({
  kind: z.string(),
  folds: z.number().int().min(2),
  auc: share,
  aucStd: z.number().min(0),
  staticScoreAuc: share.optional(),
  intercept: z.number(),
  coefficients: z.array(z.object({ attribute: z.enum(ATTRIBUTES), value: z.string(), weight: z.number() })),
});
export type FittedModel = z.infer<typeof fittedModelSchema>;

export const patternsResponseSchema = z.object({
  goal: z.enum(GOALS),
  leads: z.number().int().min(0),
  positives: z.number().int().min(0),
  baseRate: share,
  minSupport: z.number().int(),
  testedCells: z.number().int().min(0),
  patterns: z.array(patternSchema),
  model: fittedModelSchema.optional(),
  notes: z.array(z.string()),
});
export type PatternsResponse = z.infer<typeof patternsResponseSchema>;

export const candidateSchema = leadProfileSchema.extend({ id: z.string().min(1).max(64) });
export type Candidate = z.infer<typeof candidateSchema>;

export const lookalikesRequestSchema = z.strictObject({
  seeds: z.array(leadProfileSchema).min(1).max(5_000),
  candidates: z.array(candidateSchema).min(1).max(100_000),
  limit: z.number().int().min(1).max(200).optional(),
});
export type LookalikesRequest = z.infer<typeof lookalikesRequestSchema>;

export const lookalikesResponseSchema = z.object({
  seeds: z.number().int().min(0),
  candidates: z.number().int().min(0),
  matches: z.array(z.object({ id: z.string(), similarity: share, reason: z.string(), shared: z.array(conditionSchema) })),
});
export type LookalikesResponse = z.infer<typeof lookalikesResponseSchema>;
