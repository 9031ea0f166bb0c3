import { z } from 'zod';
import type { LeadUpdatedCard } from '../core/cards.ts';
import { LEAD_STATUSES } from '../core/leads/filter.ts';
import { confirmation, joinConfirmations, q, type ConfirmationText } from './confirmation-text.ts';
import { defineTool } from './tool.ts';
import { describeLead, leadCardItem, leadForModel } from './lead-card.ts';
import { leadRefDescription, resolveLead } from './lead-reference.ts';

const inputSchema = z
  .object({
    lead: z.string().trim().min(1).max(200).describe(leadRefDescription),
    status: z.enum(LEAD_STATUSES).optional().describe('The new status: new, contacted, replied, qualified, disqualified or customer.'),
    note: z.string().trim().min(1).max(5000).optional().describe('A note to add to the lead’s activity.'),
  })
  .refine((i) => i.status !== undefined || i.note !== undefined, { message: 'give a status, a note, or both', path: ['status'] });

function plan(input: z.infer<typeof inputSchema>, lead: { fullName: string; company?: string | null }): ConfirmationText {
  const name = q(lead.fullName, 60);
  const company = q(lead.company, 60);
  const parts: ConfirmationText[] = [];
  if (input.status) parts.push(lead.company ? confirmation`Mark ${name} at ${company} as ${input.status}` : confirmation`Mark ${name} as ${input.status}`);
  if (input.note)
    parts.push(
      parts.length
        ? confirmation`add the note ${q(input.note, 120)}`
        : lead.company
          ? confirmation`Add the note ${q(input.note, 120)} to ${name} at ${company}`
          : confirmation`Add the note ${q(input.note, 120)} to ${name}`,
    );
  return joinConfirmations(parts);
}

export const updateLead = defineTool({
  name: 'updateLead',
  description: 'Change a lead’s status and/or add a note. This writes to the CRM, so the rep is asked to confirm before it happens.',
  inputSchema,
  permission: 'leads:write',
  statusText: 'Updating the lead…',
  redactInAudit: [],
  capability: 'change a lead’s status or add a note (the rep confirms before anything is written)',
  async confirm(input, ctx) {
    return plan(input, await resolveLead(input.lead, ctx));
  },
  async execute(input, ctx) {
    const found = await resolveLead(input.lead, ctx);
    const updated = await ctx.services.leads.update(found.id, { status: input.status, note: input.note }, ctx.actor.id);
    const changes = input.status && input.status !== found.status ? [{ field: 'status', before: found.status, after: input.status }] : [];
    const card: LeadUpdatedCard = { type: 'lead_updated', lead: leadCardItem({ ...updated, ownerName: found.ownerName }), changes, note: input.note };
    const what = [
      changes.length ? `status ${found.status} → ${input.status}` : input.status ? `status was already ${input.status}` : '',
      input.note ? 'note added' : '',
    ]
      .filter(Boolean)
      .join('; ');
    return { summary: `Updated ${describeLead(updated)}: ${what}.`, data: { lead: leadForModel(updated) }, cards: [card] };
  },
});
