// What an enrichment found: each changed field before → after, what it cost, and the enricher's notes.
import type { EnrichmentCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { fieldName, usd, value } from './format.ts';
import { renderTable } from './table.ts';
import { clean, hang } from './text.ts';

export function renderEnrichment(card: EnrichmentCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const name = clean(card.lead.fullName);
  const via = card.source === 'agent' ? 'the enrichment agent' : 'the built-in enricher';
  if (card.skippedReason) {
    return [...hang('', `Did not enrich ${name}`, width).map(style.bold), ...hang('  ', clean(card.skippedReason), width).map(style.dim)];
  }
  const lines = hang('', `Enriched ${name} via ${via}`, width).map(style.bold);
  if (card.changes.length) {
    const rows = card.changes.map((c) => [fieldName(c.field, true), value(c.before), '→', value(c.after)]);
    lines.push(
      '',
      ...renderTable(
        [
          { header: 'Field', min: 8 },
          { header: 'Before', min: 6 },
          { header: '', min: 1 },
          { header: 'After', min: 8, paint: (s) => style.green(s) },
        ],
        rows,
        { width, style, indent: 2 },
      ),
    );
  } else {
    lines.push(...hang('  ', 'Nothing new found: every field already had the latest value.', width).map(style.dim));
  }
  lines.push('', ...hang('', `Cost: ${usd(card.costUsd)}`, width));
  const notes = card.notes.map(clean).filter(Boolean);
  if (notes.length) lines.push('', style.bold('Notes'), ...notes.flatMap((n) => hang('  • ', n, width)));
  return lines;
}
