// A lead after a write: the fields that changed.
import type { LeadUpdatedCard } from '../../../core/cards.ts';
import { formatValue, leadHeadline } from './lead-text.ts';
import { context, esc, section, type Block, type RenderedCard } from './limits.ts';

export function renderLeadUpdated(card: LeadUpdatedCard): RenderedCard {
  const lines = card.changes.map((c) => `• *${esc(c.field)}*: ${esc(formatValue(c.before))} → ${esc(formatValue(c.after))}`);
  const blocks: Block[] = [section(`:pencil2: Updated ${leadHeadline(card.lead)}\n${lines.join('\n') || 'No fields changed.'}`)];
  if (card.note) blocks.push(context(esc(card.note)));
  const text = `Updated ${card.lead.fullName}: ${card.changes.map((c) => `${c.field} ${formatValue(c.before)} → ${formatValue(c.after)}`).join('; ') || 'no changes'}`;
  return { blocks, text };
}
