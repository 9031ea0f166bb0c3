// What an enrichment found: each changed field before → after, what it cost and the enricher's notes, or why
// nothing was done.
import type { EnrichmentCard } from '../../cards.ts';
import { context, section, text, type Element, type ViewCard } from '../elements.ts';
import { fieldName, usd, value } from '../format.ts';

export function enrichmentView(card: EnrichmentCard): ViewCard {
  const name = card.lead.fullName;
  const title = `Enrichment: ${name}`;
  if (card.skippedReason)
    return {
      title,
      children: [text(`Nothing to do: ${card.skippedReason}`, { tone: 'muted' })],
      summary: `Enrichment of ${name} skipped: ${card.skippedReason}`,
    };
  const via = card.source === 'agent' ? 'the enrichment agent' : 'the built-in enricher';
  const children: Element[] = [
    card.changes.length
      ? {
          type: 'table',
          columns: [
            { header: 'Field', min: 8 },
            { header: 'Before', min: 6 },
            { header: '', min: 1 },
            { header: 'After', min: 8 },
          ],
          rows: card.changes.map((c) => [fieldName(c.field, true), value(c.before), '→', { text: value(c.after), tone: 'good' }]),
        }
      : context('Nothing new found: every field already had the latest value.'),
    text(`Cost: ${usd(card.costUsd)}`),
  ];
  const notes = card.notes.map((n) => n.trim()).filter(Boolean);
  if (notes.length) children.push(section('Notes', [{ type: 'list', items: notes.map((n) => ({ text: [n] })) }]));
  return {
    title,
    subtitle: [`Via ${via}`],
    children,
    summary: card.changes.length ? `Enriched ${name}: ${card.changes.map((c) => c.field).join(', ')} updated` : `Enrichment of ${name}: no new information`,
  };
}
