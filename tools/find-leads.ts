import { z } from 'zod';
import { canonicalFilter } from '../core/leads/canonical-values.ts';
import { leadFilterSchema, type LeadFilter } from '../core/leads/filter.ts';
import type { LeadListCard } from '../core/cards.ts';
import { defineTool } from './tool.ts';
import { leadCardItem, leadForModel } from './lead-card.ts';

const inputSchema = leadFilterSchema.extend({
  offset: z.number().int().min(0).max(1_000_000).optional().describe('Set automatically when paging; leave it out.'),
});

const SENIORITY_LABEL: Record<string, string> = {
  c_level: 'C-level',
  vp: 'VPs',
  director: 'Directors',
  manager: 'Managers',
  senior: 'Senior',
  entry: 'Entry level',
};

/** "CTO · Fintech · Germany · 50–200 employees · uses HubSpot" */
export function describeFilter(f: LeadFilter): string {
  const parts: string[] = [];
  if (f.title) parts.push(f.title);
  if (f.seniority) parts.push(f.seniority.map((s) => SENIORITY_LABEL[s] ?? s).join('/'));
  if (f.industry) parts.push(f.industry.join('/'));
  if (f.city) parts.push(f.city.join('/'));
  if (f.country) parts.push(f.country.join('/'));
  if (f.companySizeMin || f.companySizeMax)
    parts.push(f.companySizeMax ? `${f.companySizeMin ?? 1}–${f.companySizeMax} employees` : `${f.companySizeMin}+ employees`);
  if (f.tech) parts.push(`uses ${f.tech.join(' + ')}`);
  if (f.status) parts.push(f.status.map((s) => (s === 'new' ? 'uncontacted' : s)).join('/'));
  if (f.owner === 'me') parts.push('my leads');
  if (f.owner === 'team') parts.push("my team's leads");
  if (f.owner === 'unassigned') parts.push('unassigned');
  if (f.minScore !== undefined) parts.push(`score ≥ ${f.minScore}`);
  if (f.query) parts.push(`"${f.query}"`);
  const excluded = [
    ...(f.excludeIndustry ?? []),
    ...(f.excludeCity ?? []),
    ...(f.excludeCountry ?? []),
    ...(f.excludeStatus ?? []).map((s) => (s === 'new' ? 'uncontacted' : s)),
    ...(f.excludeTech ?? []).map((t) => `on ${t}`),
  ];
  if (excluded.length) parts.push(`not ${excluded.join('/')}`);
  return parts.length ? parts.join(' · ') : 'All leads';
}

export const findLeads = defineTool({
  name: 'findLeads',
  description:
    'Search the lead database. Combine any filters: free text, job title words, seniority, industry, country, city, ' +
    'company size range, technologies used, status ("new" = not contacted yet), owner, minimum score. ' +
    'Results are sorted by fit score unless sort is "recent". Returns a numbered list the rep sees as a table.',
  inputSchema,
  permission: 'leads:read',
  statusText: 'Searching leads…',
  redactInAudit: [],
  capability: 'search leads by industry, title, seniority, location, company size, tech stack, status, owner or free text',
  async execute(input, ctx) {
    const { offset = 0, ...filter } = input;
    const page = await ctx.services.leads.search(filter, { scope: ctx.scope, actorId: ctx.actor.id, teamMemberIds: ctx.teamMemberIds });
    const title = describeFilter(canonicalFilter(filter));
    const shown = page.leads.length;
    const card: LeadListCard = {
      type: 'lead_list',
      title,
      leads: page.leads.map(leadCardItem),
      offset: offset + 1,
      next: page.nextCursor ? { tool: 'findLeads', input: { ...filter, cursor: page.nextCursor, offset: offset + shown } } : undefined,
    };
    const summary = shown
      ? `Found ${shown}${page.nextCursor ? '+' : ''} lead${shown === 1 ? '' : 's'} for ${title}${offset ? ` (from #${offset + 1})` : ''}${page.nextCursor ? '; more are available' : ''}.`
      : `No leads match ${title}.`;
    return {
      summary,
      data: {
        leads: page.leads.map((l, i) => ({ n: offset + i + 1, ...leadForModel(l) })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      cards: shown ? [card] : [],
    };
  },
});
