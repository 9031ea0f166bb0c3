// Enrichment result: what changed (before → after), the source and its cost, or why nothing was done.
import type { EnrichmentCard } from '../../../core/cards.ts';
import { formatValue, leadHeadline } from './lead-text.ts';
import { context, esc, header, section, usd, type Block, type RenderedCard } from './limits.ts';

export function renderEnrichment(card: EnrichmentCard): RenderedCard {
  const blocks: Block[] = [header(`Enrichment: ${card.lead.fullName}`), section(leadHeadline(card.lead))];
  let text: string;
  if (card.skippedReason) {
    blocks.push(section(`Nothing to do: ${esc(card.skippedReason)}`));
    text = `Enrichment of ${card.lead.fullName} skipped: ${card.skippedReason}`;
  } else if (card.changes.length === 0) {
    blocks.push(section('No new information was found.'));
    text = `Enrichment of ${card.lead.fullName}: no new information`;
  } else {
    const lines = card.changes.map((c) => `• *${esc(c.field)}*: ${esc(formatValue(c.before))} → ${esc(formatValue(c.after))}`);
    blocks.push(section(lines.join('\n')));
    text = `Enriched ${card.lead.fullName}: ${card.changes.map((c) => c.field).join(', ')} updated`;
  }
  if (card.notes.length) blocks.push(section(card.notes.map((n) => `_${esc(n)}_`).join('\n')));
  blocks.push(context(`Source: ${card.source === 'agent' ? 'enrichment agent' : 'built-in rules'} · cost ${usd(card.costUsd)}`));
  return { blocks, text };
}
