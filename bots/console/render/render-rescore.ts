// Fit scores recomputed from the fitted model: the headline and the distribution before and after, as bars.
import type { RescoreCard } from '../../../core/cards.ts';
import { distributionRows, rescoreHeadline } from '../../../core/pattern-text.ts';
import type { RenderContext } from './context.ts';
import { renderTable } from './table.ts';
import { clean, hang } from './text.ts';

export function renderRescore(card: RescoreCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const lines = hang('', clean(card.title), width).map(style.bold);
  lines.push(...hang('', rescoreHeadline(card), width), '');
  const rows = distributionRows(card, Math.max(4, Math.min(12, Math.floor((width - 24) / 2)))).map((r) => [r.band, r.before, r.after]);
  lines.push(...renderTable([{ header: 'Score' }, { header: 'Before' }, { header: 'After' }], rows, { width, style }));
  return lines;
}
