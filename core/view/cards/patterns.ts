// Which kinds of leads reach a good outcome, best first, with the model's AUC next to today's fit score.
import type { PatternsCard } from '../../cards.ts';
import { modelText, patternFigures, patternsHeadline, patternVerdict } from './pattern-text.ts';
import { bold, context, text, type Element, type ViewCard } from '../elements.ts';

export function patternsView(card: PatternsCard): ViewCard {
  const children: Element[] = [text(patternsHeadline(card))];
  if (card.patterns.length)
    children.push({
      type: 'list',
      start: 1,
      items: card.patterns.map((p) => ({
        text: [bold(p.label)],
        ...(p.significant ? { tone: 'good' as const } : {}),
        note: [`${patternFigures(p, card.goal)} · ${patternVerdict(p)}`],
      })),
    });
  const model = modelText(card);
  for (const note of [...(model ? [model] : []), ...card.notes]) children.push(context(note));
  const best = card.patterns.find((p) => p.significant);
  return {
    title: card.title,
    children,
    summary: `${card.title}: ${patternsHeadline(card)}${best ? ` Best: ${best.label} (${best.lift.toFixed(1)}×).` : ' Nothing significant.'}`,
  };
}
