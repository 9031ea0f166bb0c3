// A lead after a write: "Updated Jana Doe: status new → contacted", plus the note that came with it.
import type { LeadUpdatedCard } from '../../cards.ts';
import { context, type Element, type ViewCard } from '../elements.ts';
import { fieldName, value } from '../format.ts';

export function leadUpdatedView(card: LeadUpdatedCard): ViewCard {
  const name = card.lead.fullName;
  const changes = card.changes.map((c) => `${fieldName(c.field)} ${value(c.before)} → ${value(c.after)}`);
  const children: Element[] = [];
  if (changes.length > 1) children.push({ type: 'list', items: changes.map((c) => ({ text: [c] })) });
  if (card.note) children.push(context(`Note: ${card.note}`));
  return {
    title: changes.length === 1 ? `Updated ${name}: ${changes[0]}` : `Updated ${name}:${changes.length ? '' : ' nothing changed'}`,
    children,
    summary: `Updated ${name}: ${changes.join('; ') || 'no changes'}`,
  };
}
