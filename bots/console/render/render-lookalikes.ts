// Uncontacted leads most like the seeds, numbered, each with why.
import type { LookalikesCard } from '../../../core/cards.ts';
import { lookalikeFigures } from '../../../core/pattern-text.ts';
import type { RenderContext } from './context.ts';
import { headline } from './format.ts';
import { clean, hang } from './text.ts';

export function renderLookalikes(card: LookalikesCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const lines = hang('', `${clean(card.title)} · compared with ${card.seeds} lead${card.seeds === 1 ? '' : 's'}`, width).map(style.bold);
  card.leads.forEach((lead, i) => {
    lines.push(...hang(`${i + 1}. `, headline(lead), width));
    lines.push(...hang('   ', clean(lookalikeFigures(lead)), width).map(style.dim));
  });
  return lines;
}
