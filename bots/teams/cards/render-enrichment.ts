// Enrichment result: what changed (before → after), cost and notes, or why nothing was done.
import type { EnrichmentCard } from '../../../core/cards.ts';
import { card, compact, container, heading, leadLine, text, usd, valueText, type AdaptiveCard, type Element } from './elements.ts';

export function renderEnrichmentCard(c: EnrichmentCard): AdaptiveCard {
  const body: Element[] = [
    ...heading(`Enrichment: ${c.lead.fullName}`, {
      subtle: `${leadLine(c.lead)} · ${c.source === 'agent' ? 'enrichment agent' : 'built-in'} · ${usd(c.costUsd)}`,
    }),
  ];
  if (c.skippedReason) body.push(text(c.skippedReason, { color: 'Warning' }));
  else if (!c.changes.length) body.push(text('Nothing new was found.', { subtle: true }));
  else
    body.push({
      type: 'FactSet',
      facts: c.changes.slice(0, 20).map((ch) => ({ title: ch.field, value: `${valueText(ch.before)} → ${valueText(ch.after)}`.slice(0, 300) })),
    });
  if (c.notes.length)
    body.push(
      container(
        c.notes.slice(0, 10).map((n) => text(`• ${n}`, { subtle: true, size: 'Small', max: 400 })),
        { separator: true },
      ),
    );
  return card(body, enrichmentText(c));
}

export function enrichmentText(c: EnrichmentCard): string {
  return compact([
    `Enrichment of ${leadLine(c.lead)} (${c.source}, ${usd(c.costUsd)})`,
    c.skippedReason,
    ...c.changes.map((ch) => `${ch.field}: ${valueText(ch.before)} → ${valueText(ch.after)}`),
    ...c.notes,
  ]).join('\n');
}
