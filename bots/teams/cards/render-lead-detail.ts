// One lead in full: facts, recent activity, enrichment history, and the same actions as in a list.
import type { LeadDetailCard } from '../../../core/cards.ts';
import { actionSet, card, compact, container, facts, heading, leadFacts, leadLine, text, usd, when, type AdaptiveCard, type Element } from './elements.ts';
import { leadActions } from './render-lead-list.ts';

const MAX_ROWS = 8;

export function renderLeadDetailCard(c: LeadDetailCard): AdaptiveCard {
  const lead = c.lead;
  const body: Element[] = [
    ...heading(lead.fullName, { subtle: compact([lead.title, lead.company]).join(' · ') || undefined }),
    ...compact(leadFacts(lead)),
    ...compact([
      facts([
        ['Seniority', lead.seniority],
        ['LinkedIn', lead.linkedinUrl],
        ['Source', lead.source],
        ['Created', when(lead.createdAt)],
      ]),
    ]),
    container(
      [
        text('**Recent activity**'),
        ...(c.activities.length
          ? c.activities
              .slice(0, MAX_ROWS)
              .map((a) => text(`${when(a.at)} · ${a.type}${a.actorName ? ` · ${a.actorName}` : ''}: ${a.text}`, { size: 'Small', max: 400 }))
          : [text('No activity yet.', { subtle: true, size: 'Small' })]),
      ],
      { separator: true },
    ),
    container(
      [
        text('**Enrichment history**'),
        ...(c.enrichments.length
          ? c.enrichments
              .slice(0, MAX_ROWS)
              .map((e) => text(`${when(e.at)} · ${e.source} · ${e.fields.join(', ') || 'no changes'} · ${usd(e.costUsd)}`, { size: 'Small', max: 400 }))
          : [text('Never enriched.', { subtle: true, size: 'Small' })]),
      ],
      { separator: true },
    ),
    actionSet(leadActions(lead)),
  ];
  return card(body, leadDetailText(c));
}

export function leadDetailText(c: LeadDetailCard): string {
  const l = c.lead;
  return compact([
    leadLine(l),
    `${l.email} · score ${l.score} · ${l.status}`,
    c.activities.length
      ? `Recent activity: ${c.activities
          .slice(0, 3)
          .map((a) => `${a.type}: ${a.text}`)
          .join('; ')}`
      : 'No activity yet.',
  ]).join('\n');
}
