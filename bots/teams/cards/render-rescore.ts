// Fit scores recomputed from the fitted model, with the score distribution before and after.
import type { RescoreCard } from '../../../core/cards.ts';
import { distributionRows, rescoreHeadline } from '../../../core/pattern-text.ts';
import { card, facts, heading, type AdaptiveCard, type Element } from './elements.ts';

export function renderRescoreCard(c: RescoreCard): AdaptiveCard {
  const rows = distributionRows(c, 10);
  const body: Element[] = [...heading(c.title, { subtle: rescoreHeadline(c) })];
  const table = facts(rows.map((r) => [`Score ${r.band}`, `${r.before} → ${r.after}`]));
  if (table) body.push(table);
  return card(body, rescoreText(c));
}

export function rescoreText(c: RescoreCard): string {
  return `${c.title}: ${rescoreHeadline(c)}`;
}
