// A lead after a write: what changed.
import type { LeadUpdatedCard } from '../../../core/cards.ts';
import { card, compact, heading, leadLine, text, valueText, type AdaptiveCard, type Element } from './elements.ts';

export function renderLeadUpdatedCard(c: LeadUpdatedCard): AdaptiveCard {
  const body: Element[] = [...heading(`Updated: ${c.lead.fullName}`, { subtle: leadLine(c.lead) })];
  if (c.changes.length)
    body.push({
      type: 'FactSet',
      facts: c.changes.slice(0, 20).map((ch) => ({ title: ch.field, value: `${valueText(ch.before)} → ${valueText(ch.after)}`.slice(0, 300) })),
    });
  else body.push(text('No fields changed.', { subtle: true }));
  if (c.note) body.push(text(`Note: ${c.note}`, { max: 1000 }));
  return card(body, leadUpdatedText(c));
}

export function leadUpdatedText(c: LeadUpdatedCard): string {
  return compact([`Updated ${leadLine(c.lead)}`, ...c.changes.map((ch) => `${ch.field}: ${valueText(ch.before)} → ${valueText(ch.after)}`), c.note]).join('\n');
}
