// A page of leads: one item per lead with its buttons, numbered across pages, and Show more for the next page.
import type { LeadListCard } from '../../cards.ts';
import { bold, text, type Item, type ViewCard } from '../elements.ts';
import { int, leadPlain, place } from '../format.ts';
import { leadButtons, leadFactsLine, roleSuffix, scoreCell, statusCell } from './lead.ts';

function titleLine(card: LeadListCard): string {
  const n = card.leads.length;
  const title = card.title.trim() || 'Leads';
  if (n === 0) return `${title} — no leads`;
  if (card.offset <= 1 && !card.next) return `${title} — ${n === 1 ? '1 lead' : `${n} leads`}`;
  return `${title} — leads ${int(card.offset)}–${int(card.offset + n - 1)}`;
}

export function leadListView(card: LeadListCard): ViewCard {
  const first = card.offset;
  const last = card.offset + card.leads.length - 1;
  const items: Item[] = card.leads.map((lead, i) => {
    const n = first + i;
    return {
      id: `lead_${n}`,
      cells: [
        String(n),
        lead.fullName,
        lead.title ?? '',
        lead.company ?? '',
        place(lead),
        lead.companySize ? int(lead.companySize) : '',
        scoreCell(lead.score),
        statusCell(lead.status),
      ],
      headline: [`${n}. `, bold(lead.fullName), roleSuffix(lead)],
      detail: [leadFactsLine(lead), ...(lead.email ? [`\n${lead.email}`] : [])],
      brief: [`${n}. `, bold(lead.fullName), `${roleSuffix(lead)} · score ${lead.score} · ${lead.status}`],
      buttons: leadButtons(lead, String(n)),
    };
  });
  const range = card.leads.length ? `Leads ${first}–${last}` : 'No leads matched';
  return {
    title: titleLine(card),
    children: card.leads.length
      ? [
          {
            type: 'items',
            // Cells narrower than these stop being readable; a narrow terminal drops a column rather than go below them.
            columns: [
              { header: '#', align: 'right' },
              { header: 'Name', min: 14 },
              { header: 'Title', min: 10, drop: 3 },
              { header: 'Company', min: 10 },
              { header: 'Location', min: 10, drop: 4 },
              { header: 'Size', align: 'right', drop: 5 },
              { header: 'Score', align: 'right' },
              { header: 'Status', min: 12, drop: 2 },
            ],
            items,
          },
        ]
      : [text('Nothing matches. Try a wider search, e.g. drop the country or the title.', { tone: 'muted' })],
    actions: card.next
      ? {
          type: 'actions',
          id: 'lead_list_more',
          buttons: [{ label: 'Show more', action: { kind: 'tool', tool: 'findLeads', input: card.next.input }, slot: `more_${last}` }],
          hint: 'More results: say "show more".',
        }
      : undefined,
    summary: [`${card.title || 'Leads'}: ${range}`, ...card.leads.map((l, i) => `${first + i}. ${leadPlain(l)}`)].join('\n'),
  };
}
