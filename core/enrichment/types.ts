// The enrichment agent's wire contract (zod is the single source; docs/enrichment-agent.openapi.yaml
// describes the same shapes and a test keeps the two in step) and the result every enricher returns.
import { z } from 'zod';
import { leadInputSchema } from '../leads/lead-input.ts';

/** Lead fields an enricher may fill. */
export const ENRICHABLE_FIELDS = [
  'fullName',
  'firstName',
  'lastName',
  'title',
  'seniority',
  'company',
  'companyDomain',
  'industry',
  'companySize',
  'country',
  'city',
  'techStack',
  'linkedinUrl',
] as const;
export type EnrichableField = (typeof ENRICHABLE_FIELDS)[number];

const f = leadInputSchema.shape;

/** What SalesOS tells the agent about a lead: what it already knows, to help the agent find the person. */
export const agentLeadQuerySchema = z.object({
  email: f.email,
  fullName: f.fullName.optional(),
  company: f.company,
  companyDomain: f.companyDomain,
  title: f.title,
  linkedinUrl: f.linkedinUrl,
  country: f.country,
  city: f.city,
});
export type AgentLeadQuery = z.infer<typeof agentLeadQuerySchema>;

export const agentEnrichRequestSchema = z.object({
  lead: agentLeadQuerySchema,
  fields: z.array(z.enum(ENRICHABLE_FIELDS)).min(1).optional(),
});
export type AgentEnrichRequest = z.infer<typeof agentEnrichRequestSchema>;

/**
 * What the agent found. Each value must be writable as-is (same rules as a lead write), so a bad value
 * rejects the whole answer rather than half-applying it. Unknown keys are dropped.
 */
export const agentEnrichedLeadSchema = z.object({
  fullName: f.fullName.optional(),
  firstName: f.firstName,
  lastName: f.lastName,
  title: f.title,
  seniority: f.seniority,
  company: f.company,
  companyDomain: f.companyDomain,
  industry: f.industry,
  companySize: f.companySize,
  country: f.country,
  city: f.city,
  techStack: f.techStack,
  linkedinUrl: f.linkedinUrl,
});
export type EnrichedFields = z.infer<typeof agentEnrichedLeadSchema>;

const confidenceSchema = z.partialRecord(z.enum(ENRICHABLE_FIELDS), z.number().min(0).max(1));

/** What public sources say about the lead's company beyond the lead's fields; shown, never written to the lead. */
export const agentCompanyProfileSchema = z.object({
  domain: z.string(),
  website: z.string().optional(),
  name: z.string().max(200).optional(),
  description: z.string().max(1000).optional(),
  linkedinUrl: z.string().optional(),
  socialProfiles: z.record(z.string(), z.string()).optional(),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string(), region: z.string(), country: z.string() }).partial().optional(),
  employees: z.number().int().min(1).max(5_000_000).optional(),
  emailProvider: z.string().optional(),
  mx: z.array(z.string()).optional(),
  spf: z.boolean().optional(),
  dmarc: z.boolean().optional(),
  dmarcPolicy: z.string().optional(),
  technologies: z.array(z.object({ name: z.string().min(1).max(60), category: z.string(), evidence: z.array(z.string()) })).optional(),
});
export type AgentCompanyProfile = z.infer<typeof agentCompanyProfileSchema>;

export const agentEnrichResponseSchema = z.object({
  lead: agentEnrichedLeadSchema,
  confidence: confidenceSchema.optional(),
  sources: z.array(z.string()).optional(),
  costUsd: z.number().min(0),
  requestId: z.string().optional(),
  company: agentCompanyProfileSchema.optional(),
});
export type AgentEnrichResponse = z.infer<typeof agentEnrichResponseSchema>;

export const agentErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type AgentError = z.infer<typeof agentErrorSchema>;

/** The lead as an enricher sees it: a stored Lead row or a LeadInput both fit. Empty means null, undefined, '' or []. */
export type LeadSnapshot = { email: string } & { [K in EnrichableField]?: EnrichedFields[K] | null };

export interface EmailFlags {
  /** A personal mailbox provider (gmail.com, web.de…): the domain says nothing about the employer. */
  freeMail: boolean;
  /** A throwaway-address service: the lead is probably not real. */
  disposable: boolean;
  /** A shared mailbox (info@, sales@…), not a person. */
  roleAddress: boolean;
}

export interface EnrichmentResult {
  source: 'agent' | 'builtin';
  /** False when the agent answered that it has no data on this person. */
  found: boolean;
  fields: EnrichedFields;
  confidence?: Partial<Record<EnrichableField, number>>;
  sources: string[];
  /** What this enrichment cost in USD (0 for the builtin enricher). */
  costUsd: number;
  requestId?: string;
  /** Plain-language remarks on what was derived and why, for the rep and the history. */
  notes: string[];
}

export interface BuiltinEnrichmentResult extends EnrichmentResult {
  source: 'builtin';
  flags: EmailFlags;
}

export interface EnrichOptions {
  /** Only these fields (default: every enrichable field). */
  fields?: readonly EnrichableField[];
  /** Correlates our log lines with the agent's (sent as X-Request-Id). */
  requestId?: string;
  /** Same key for retries of one logical enrichment, so the agent can bill it once. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}
