// Which kinds of leads reach a good outcome: the headline, one entry per pattern, the model against today's score.
import type { PatternsCard } from '../../../core/cards.ts';
import { modelText, patternFigures, patternsHeadline, patternVerdict } from '../../../core/pattern-text.ts';
import type { RenderContext } from './context.ts';
import { clean, hang } from './text.ts';

export function renderPatterns(card: PatternsCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const lines = hang('', clean(card.title), width).map(style.bold);
  lines.push(...hang('', patternsHeadline(card), width));
  card.patterns.forEach((p, i) => {
    lines.push('', ...hang(`${i + 1}. `, clean(p.label), width).map((l) => (p.significant ? style.green(l) : l)));
    lines.push(...hang('   ', `${patternFigures(p, card.goal)} · ${patternVerdict(p)}`, width).map(style.dim));
  });
  const model = modelText(card);
  for (const note of [...(model ? [model] : []), ...card.notes]) lines.push('', ...hang('', clean(note), width).map(style.dim));
  return lines;
}
