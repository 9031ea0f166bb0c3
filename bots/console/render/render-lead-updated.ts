// A lead after a change: "Updated Jane Doe: status new → contacted", plus the note that came with it.
import type { LeadUpdatedCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { fieldName, value } from './format.ts';
import { clean, hang } from './text.ts';

export function renderLeadUpdated(card: LeadUpdatedCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const name = clean(card.lead.fullName);
  const changes = card.changes.map((c) => `${fieldName(c.field)} ${value(c.before)} → ${value(c.after)}`);
  const headline = changes.length === 1 ? `Updated ${name}: ${changes[0]}` : `Updated ${name}:${changes.length ? '' : ' nothing changed'}`;
  const lines = hang('', headline, width).map(style.bold);
  if (changes.length > 1) lines.push(...changes.flatMap((c) => hang('  • ', c, width)));
  const note = clean(card.note);
  if (note) lines.push(...hang('  Note: ', note, width));
  return lines;
}
