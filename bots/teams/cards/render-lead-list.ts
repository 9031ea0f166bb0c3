// Lead list: one block per lead with its own Enrich / Draft email / Mark contacted buttons, plus "More".
import type { LeadCardItem, LeadListCard } from '../../../core/cards.ts';
import { actionSet, card, compact, container, execute, heading, leadLine, plain, text, type AdaptiveCard, type Element } from './elements.ts';

/** Teams caps a card's size; ten leads with their buttons stay well inside it. */
const MAX_LEADS = 10;

export function leadActions(lead: LeadCardItem): Element[] {
  return compact([
    execute('Enrich', { kind: 'tool', tool: 'enrichLead', input: { lead: lead.id } }),
    execute('Draft email', { kind: 'tool', tool: 'draftEmail', input: { lead: lead.id } }),
    lead.status === 'new' && execute('Mark contacted', { kind: 'tool', tool: 'updateLead', input: { lead: lead.id, status: 'contacted' } }),
  ]);
}

export function renderLeadListCard(c: LeadListCard): AdaptiveCard {
  const shown = c.leads.slice(0, MAX_LEADS);
  const body: Element[] = [...heading(c.title || 'Leads', { subtle: c.leads.length ? `Showing ${c.offset}–${c.offset + shown.length - 1}` : undefined })];
  if (!shown.length) body.push(text('No leads match. Try fewer filters.', { subtle: true }));
  shown.forEach((lead, i) => {
    body.push(
      container(
        compact<Element>([
          text(`**${c.offset + i}. ${plain(leadLine(lead))}**`),
          text(compact([lead.email, compact([lead.city, lead.country]).join(', '), `score ${lead.score}`, lead.status]).join(' · '), {
            subtle: true,
            size: 'Small',
          }),
          actionSet(leadActions(lead)),
        ]),
        { separator: i > 0 },
      ),
    );
  });
  const actions = c.next ? [execute('More leads', { kind: 'tool', tool: c.next.tool, input: c.next.input })] : [];
  return card(body, leadListText(c), actions);
}

export function leadListText(c: LeadListCard): string {
  if (!c.leads.length) return `${c.title}: no leads match.`;
  const lines = c.leads.map((l, i) => `${c.offset + i}. ${leadLine(l)} <${l.email}> (score ${l.score}, ${l.status})`);
  return [`${c.title}`, ...lines, c.next ? '(more available)' : ''].filter(Boolean).join('\n');
}
