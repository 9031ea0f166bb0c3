// The lead search filter: one shape shared by the repository (core/db), the findLeads tool and the
// offline model. Descriptions are read by the LLM, so they say what a rep would mean.
import { z } from 'zod';

export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'senior', 'entry'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'replied', 'qualified', 'disqualified', 'customer'] as const;
export type Seniority = (typeof SENIORITIES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const MAX_COMPANY_SIZE = 10_000_000;

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(20);

export const leadFilterSchema = z
  .object({
    query: z.string().trim().min(2).max(200).optional().describe('Free text matched against lead name, company, email and title, e.g. "acme" or "jane doe".'),
    title: z.string().trim().min(2).max(100).optional().describe('Words that must appear in the job title, e.g. "CTO", "head of sales", "engineer".'),
    seniority: list(z.enum(SENIORITIES)).optional().describe('Seniority levels, e.g. ["c_level","vp"].'),
    industry: list(z.string().trim().min(2).max(60)).optional().describe('Industries, e.g. ["Fintech","Healthcare"].'),
    country: list(z.string().trim().min(2).max(60)).optional().describe('Countries by English name, e.g. ["Germany"].'),
    city: list(z.string().trim().min(2).max(60)).optional().describe('Cities, e.g. ["Berlin"].'),
    // No company employs more; the column is a 32-bit integer, so larger numbers are refused here, not by the database.
    companySizeMin: z.number().int().min(1).max(MAX_COMPANY_SIZE).optional().describe('Minimum company size in employees.'),
    companySizeMax: z.number().int().min(1).max(MAX_COMPANY_SIZE).optional().describe('Maximum company size in employees.'),
    tech: list(z.string().trim().min(1).max(60)).optional().describe('Technologies the company uses; every one listed must match, e.g. ["HubSpot"].'),
    status: list(z.enum(LEAD_STATUSES)).optional().describe('Lead statuses; "uncontacted" means ["new"].'),
    excludeStatus: list(z.enum(LEAD_STATUSES)).optional().describe('Leave out leads with these statuses, e.g. "not disqualified" → ["disqualified"].'),
    excludeIndustry: list(z.string().trim().min(2).max(60))
      .optional()
      .describe('Leave out these industries, e.g. "except banking" → ["Banking"]. Leads with no industry stay in.'),
    excludeCountry: list(z.string().trim().min(2).max(60))
      .optional()
      .describe('Leave out these countries, e.g. "outside Germany" → ["Germany"]. Leads with no country stay in.'),
    excludeCity: list(z.string().trim().min(2).max(60))
      .optional()
      .describe('Leave out these cities, e.g. "not in London" → ["London"]. Leads with no city stay in.'),
    excludeTech: list(z.string().trim().min(1).max(60))
      .optional()
      .describe('Leave out companies using any of these technologies, e.g. "not on Salesforce" → ["Salesforce"].'),
    owner: z
      .enum(['me', 'team', 'unassigned', 'any'])
      .optional()
      .describe('Whose leads: "me" (mine), "team" (my team\'s), "unassigned", or "any" lead I may see (default).'),
    minScore: z.number().int().min(0).max(100).optional().describe('Only leads with at least this fit score (0-100).'),
    sort: z.enum(['score', 'recent']).optional().describe('"score" (best fit first, default) or "recent" (newest first).'),
    limit: z.number().int().min(1).max(100).optional().describe('How many leads to return (default 10, at most 100).'),
    cursor: z.string().max(200).optional().describe('The cursor from a previous page, to get the next page.'),
  })
  .refine((f) => f.companySizeMin === undefined || f.companySizeMax === undefined || f.companySizeMin <= f.companySizeMax, {
    message: 'companySizeMin must not be larger than companySizeMax',
    path: ['companySizeMin'],
  })
  .refine((f) => !f.status?.some((s) => f.excludeStatus?.includes(s)), {
    message: 'a status cannot be both asked for and excluded',
    path: ['excludeStatus'],
  });

export type LeadFilter = z.infer<typeof leadFilterSchema>;

/**
 * Which owners' leads a user may see, decided by their role (RBAC) and enforced inside the query.
 * `all`: admin. `owners`: these owner ids, plus unassigned leads when `unassigned` is true.
 */
export type LeadScope = { kind: 'all' } | { kind: 'owners'; ownerIds: string[]; unassigned: boolean };
