import { z } from 'zod';
import type { LeadDetailCard } from '../core/cards.ts';
import { NotFoundError } from '../core/errors.ts';
import { defineTool } from './tool.ts';
import { describeLead, leadCardItem, leadForModel } from './lead-card.ts';
import { leadRefDescription, resolveLead } from './lead-reference.ts';

function activityText(a: { type: string; fromStatus: string | null; toStatus: string | null; body: string | null }): string {
  if (a.type === 'status_change') return `Status ${a.fromStatus ?? '?'} → ${a.toStatus ?? '?'}${a.body ? `: ${a.body}` : ''}`;
  if (a.type === 'note') return `Note: ${a.body ?? ''}`;
  return a.body ?? a.type.replace(/_/g, ' ');
}

export const getLead = defineTool({
  name: 'getLead',
  description: 'Show one lead in full: contact and company data, status, score, owner, recent activity and enrichment history.',
  inputSchema: z.object({ lead: z.string().trim().min(1).max(200).describe(leadRefDescription) }),
  permission: 'leads:read',
  statusText: 'Looking up the lead…',
  redactInAudit: [],
  capability: 'show one lead in full with its recent activity and enrichment history',
  async execute({ lead: ref }, ctx) {
    const found = await resolveLead(ref, ctx);
    const detail = await ctx.services.leads.getDetail(found.id);
    if (!detail) throw new NotFoundError('That lead no longer exists.');
    const card: LeadDetailCard = {
      type: 'lead_detail',
      lead: {
        ...leadCardItem({ ...detail, ownerName: detail.ownerName }),
        linkedinUrl: detail.linkedinUrl,
        seniority: detail.seniority,
        source: detail.source,
        createdAt: detail.createdAt.toISOString(),
      },
      activities: detail.activities.map((a) => ({ at: a.createdAt.toISOString(), type: a.type, text: activityText(a) })),
      enrichments: detail.enrichments.map((e) => ({
        at: e.createdAt.toISOString(),
        source: e.source,
        fields: Object.keys((e.changes as Record<string, unknown>) ?? {}),
        costUsd: Number(e.costUsd),
      })),
    };
    const last = detail.activities[0];
    return {
      summary: `${describeLead(detail)} — ${detail.status}, score ${detail.score}${detail.ownerName ? `, owned by ${detail.ownerName}` : ', unassigned'}${last ? `; last activity ${last.createdAt.toISOString().slice(0, 10)}` : ''}.`,
      data: { lead: { ...leadForModel(detail), city: detail.city ?? undefined, techStack: detail.techStack, companySize: detail.companySize ?? undefined } },
      cards: [card],
    };
  },
});
