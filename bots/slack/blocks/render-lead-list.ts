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

  const more = card.next ? actions([actionButton('Show more', { kind: 'tool', tool: 'findLeads', input: card.next.input }, `more_${last}`)]) : undefined;
  const leadBlocks = (withButtons: number): Block[] => {
    const out: Block[] = [];
    card.leads.slice(0, withButtons).forEach((lead, i) => {
      const n = first + i;
      out.push(section(`${n}. ${leadHeadline(lead)}\n${leadFacts(lead)}${lead.email ? `\n${esc(lead.email)}` : ''}`));
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
      if (row) out.push(row);
    });
    const rest = card.leads.slice(withButtons);
    if (rest.length) {
      const lines = rest.map((lead, i) => `${first + withButtons + i}. ${leadHeadline(lead)} · score ${lead.score} · ${esc(lead.status)}`);
      out.push(...packLines(lines));
      out.push(context('Buttons are on the first leads only; ask about any lead by name.'));
    }
    return out;
  };
  // Fewer leads get buttons until the whole page fits; the rest are still listed as text.
  const room = budget - blocks.length - (more ? 1 : 0);
  let withButtons = card.leads.length;
  let body = leadBlocks(withButtons);
  while (body.length > room && withButtons > 0) body = leadBlocks(--withButtons);
  blocks.push(...body);
  if (more) blocks.push(more);

  const text = [`${card.title || 'Leads'}: ${range}`, ...card.leads.map((l, i) => `${first + i}. ${leadPlain(l)}`)].join('\n');
  return { blocks: blocks.slice(0, budget), text };
}

/** Lines into as few sections as the 3000-character limit allows. */
function packLines(lines: string[]): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > LIMITS.sectionText) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}
