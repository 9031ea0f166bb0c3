// Which kinds of leads reach a good outcome, best first, with the model's AUC next to today's score.
import type { PatternsCard } from '../../../core/cards.ts';
import { modelText, patternFigures, patternsHeadline, patternVerdict } from '../../../core/pattern-text.ts';
import { context, esc, header, section, type Block, type RenderedCard } from './limits.ts';

export function renderPatterns(card: PatternsCard, budget: number): RenderedCard {
  const blocks: Block[] = [header(card.title), section(esc(patternsHeadline(card)))];
  const room = Math.max(0, budget - 4);
  for (const p of card.patterns.slice(0, room)) {
    const mark = p.significant ? '✅' : '◽';
    blocks.push(section(`${mark} *${esc(p.label)}*\n${esc(patternFigures(p, card.goal))} · _${patternVerdict(p)}_`));
  }
  const model = modelText(card);
  const notes = [...(model ? [model] : []), ...card.notes].map(esc);
  if (notes.length) blocks.push(context(...notes.slice(0, 10)));
  const best = card.patterns.find((p) => p.significant);
  const text = `${card.title}: ${patternsHeadline(card)}${best ? ` Best: ${best.label} (${best.lift.toFixed(1)}×).` : ' Nothing significant.'}`;
  return { blocks, text };
}
