// Lead list: one section per lead with Enrich / Draft email / Mark contacted, numbered across pages, and a
// "Show more" button that runs findLeads with the card's `next` input. Within a block budget, leads past what
// fits with buttons are listed as text so the message never exceeds Slack's limits.
import type { LeadListCard } from '../../../core/cards.ts';
import { leadFacts, leadHeadline, leadPlain } from './lead-text.ts';
import { actionButton, actions, context, esc, header, LIMITS, section, type Block, type RenderedCard } from './limits.ts';

export function renderLeadList(card: LeadListCard, budget: number = LIMITS.blocksPerMessage): RenderedCard {
  const blocks: Block[] = [header(card.title || 'Leads')];
  const first = card.offset;
  const last = card.offset + card.leads.length - 1;
  const range = card.leads.length ? `Leads ${first}–${last}` : 'No leads matched';
  blocks.push(context(`${range}${card.next ? ' · more available' : ''}`));

  const more = card.next
    ? actions([actionButton('Show more', { kind: 'tool', tool: 'findLeads', input: card.next.input }, `more_${last}`)])
    : undefined;
  // Reserve room for the Show more row and, if needed, the row listing leads without buttons.
  const reserved = blocks.length + (more ? 1 : 0) + 2;
  const withButtons = Math.max(0, Math.min(card.leads.length, Math.floor((budget - reserved) / 2)));

  card.leads.slice(0, withButtons).forEach((lead, i) => {
    const n = first + i;
    blocks.push(section(`${n}. ${leadHeadline(lead)}\n${leadFacts(lead)}${lead.email ? `\n${esc(lead.email)}` : ''}`));
    const row = actions(
      [
        actionButton('Enrich', { kind: 'tool', tool: 'enrichLead', input: { lead: lead.id } }, `${n}`),
        actionButton('Draft email', { kind: 'tool', tool: 'draftEmail', input: { lead: lead.id } }, `${n}`),
        lead.status === 'contacted'
          ? undefined
          : actionButton('Mark contacted', { kind: 'tool', tool: 'updateLead', input: { lead: lead.id, status: 'contacted' } }, `${n}`),
      ],
      `lead_${n}`,
    );
    if (row) blocks.push(row);
  });

  const rest = card.leads.slice(withButtons);
  if (rest.length) {
    const lines = rest.map((lead, i) => `${first + withButtons + i}. ${leadHeadline(lead)} · ${leadFacts(lead)}`);
    blocks.push(section(lines.join('\n')));
    blocks.push(context('Buttons are on the first leads only; ask about any lead by name.'));
  }
  if (more) blocks.push(more);

  const text = [
    `${card.title || 'Leads'}: ${range}`,
    ...card.leads.map((l, i) => `${first + i}. ${leadPlain(l)}`),
  ].join('\n');
  return { blocks: blocks.slice(0, budget), text };
}
