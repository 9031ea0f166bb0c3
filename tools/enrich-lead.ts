import { z } from 'zod';
import type { EnrichmentCard } from '../core/cards.ts';
import { NotFoundError } from '../core/errors.ts';
import { diffLead } from '../core/enrichment/enricher.ts';
import { ENRICHABLE_FIELDS, type LeadSnapshot } from '../core/enrichment/types.ts';
import { defineTool, type ToolContext } from './tool.ts';
import { describeLead, leadCardItem, leadForModel } from './lead-card.ts';
import { leadRefDescription, resolveLead } from './lead-reference.ts';

// Identity is the lead's, not the enricher's: a name is filled when missing, never replaced.
const NEVER_OVERWRITE = new Set(['fullName']);
const DAY_MS = 86_400_000;

function freshUntil(enrichedAt: Date | null, ctx: ToolContext): Date | undefined {
  if (!enrichedAt) return undefined;
  const until = new Date(enrichedAt.getTime() + ctx.services.settings.enrichmentFreshDays * DAY_MS);
  return until > new Date() ? until : undefined;
}

export const enrichLead = defineTool({
  name: 'enrichLead',
  description:
    'Fill in a lead’s missing data (company, domain, industry, size, location, title, seniority, tech stack, LinkedIn) ' +
    'through the enrichment agent. Leads enriched recently are skipped unless force is true.',
  inputSchema: z.object({
    lead: z.string().trim().min(1).max(200).describe(leadRefDescription),
    force: z.boolean().optional().describe('Enrich again even if the lead was enriched recently.'),
  }),
  permission: 'leads:enrich',
  statusText: 'Enriching the lead…',
  redactInAudit: [],
  openWorld: true,
  capability: 'fill in a lead’s missing company and contact data through the enrichment agent',
  estimateCostUsd: (_input, ctx) => (ctx.services.enricher.kind === 'agent' ? ctx.services.settings.enrichmentMaxCostUsd : 0),
  async execute({ lead: ref, force }, ctx) {
    const found = await resolveLead(ref, ctx);
    const lead = await ctx.services.leads.getById(found.id);
    if (!lead) throw new NotFoundError('That lead no longer exists.');
    const item = leadCardItem({ ...lead, ownerName: found.ownerName });

    const fresh = freshUntil(lead.enrichedAt, ctx);
    if (fresh && !force) {
      const days = ctx.services.settings.enrichmentFreshDays;
      const reason = `${lead.fullName} was enriched on ${lead.enrichedAt!.toISOString().slice(0, 10)}, within the last ${days} days. Say "enrich ${lead.fullName} again" to refresh anyway.`;
      const card: EnrichmentCard = {
        type: 'enrichment',
        lead: item,
        source: ctx.services.enricher.kind,
        changes: [],
        costUsd: 0,
        notes: [],
        skippedReason: reason,
      };
      return { summary: `Skipped: ${reason}`, data: { lead: leadForModel(lead), skipped: true }, cards: [card], costUsd: 0 };
    }

    const snapshot = Object.fromEntries(ENRICHABLE_FIELDS.map((f) => [f, lead[f as keyof typeof lead] ?? null])) as LeadSnapshot;
    snapshot.email = lead.email;
    const result = await ctx.services.enricher.enrich(snapshot, { idempotencyKey: `${lead.id}:${ctx.conversationId ?? ''}:${Date.now()}`, signal: ctx.signal });
    const changes = Object.fromEntries(
      Object.entries(diffLead(snapshot, result.fields)).filter(([field, c]) => !(NEVER_OVERWRITE.has(field) && c!.before !== null)),
    ) as Record<string, { before: unknown; after: unknown }>;
    const updated = await ctx.services.leads.recordEnrichment(lead.id, {
      changes,
      source: result.source,
      costUsd: result.costUsd,
      actorId: ctx.actor.id,
    });

    const fields = Object.keys(changes);
    const flags = result.flags;
    const warnings = [
      flags.disposable ? 'the address is from a disposable-email service' : '',
      flags.freeMail ? 'it is a free-mail address, so the domain says nothing about the employer' : '',
      flags.roleAddress ? 'it is a shared mailbox, not a person' : '',
      result.found ? '' : 'the enrichment agent has no data on this person',
    ].filter(Boolean);
    const card: EnrichmentCard = {
      type: 'enrichment',
      lead: leadCardItem({ ...updated, ownerName: found.ownerName }),
      source: result.source,
      changes: fields.map((field) => ({ field, before: changes[field]!.before, after: changes[field]!.after })),
      costUsd: result.costUsd,
      notes: [...result.notes, ...warnings.map((w) => `Note: ${w}.`)],
    };
    const summary = fields.length
      ? `Enriched ${describeLead(updated)}: ${fields.join(', ')} ${fields.length === 1 ? 'was' : 'were'} filled in${result.costUsd ? ` (cost $${result.costUsd.toFixed(3)})` : ''}.`
      : `Nothing new found for ${describeLead(updated)}.`;
    return {
      summary: warnings.length ? `${summary} Careful: ${warnings.join('; ')}.` : summary,
      data: { lead: leadForModel(updated), changed: fields },
      cards: [card],
      costUsd: result.costUsd,
    };
  },
});
