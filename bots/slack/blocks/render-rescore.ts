// Fit scores recomputed from the fitted model: the distribution of scores before and after.
import type { RescoreCard } from '../../../core/cards.ts';
import { distributionRows, rescoreHeadline } from '../../../core/pattern-text.ts';
import { esc, header, section, type RenderedCard } from './limits.ts';

export function renderRescore(card: RescoreCard): RenderedCard {
  const rows = distributionRows(card, 10).map((r) => `${r.band.padEnd(6)} ${r.before.padEnd(16)} → ${r.after}`);
  const blocks = [header(card.title), section(esc(rescoreHeadline(card))), section('```Score  Before           → After\n' + rows.join('\n') + '```')];
  return { blocks, text: `${card.title}: ${rescoreHeadline(card)}` };
}
