// Which kinds of leads reach a good outcome, as an Adaptive Card (and as text for clients without cards).
import type { PatternsCard } from '../../../core/cards.ts';
import { modelText, patternFigures, patternsHeadline, patternVerdict } from '../../../core/pattern-text.ts';
import { card, container, heading, text, type AdaptiveCard, type Element } from './elements.ts';

export function renderPatternsCard(c: PatternsCard): AdaptiveCard {
  const body: Element[] = [...heading(c.title, { subtle: patternsHeadline(c) })];
  for (const p of c.patterns.slice(0, 20)) {
    body.push(
      container(
        [
          text(p.label, { color: p.significant ? 'Good' : undefined }),
          text(`${patternFigures(p, c.goal)} · ${patternVerdict(p)}`, { subtle: true, size: 'Small' }),
        ],
        { separator: true },
      ),
    );
  }
  const model = modelText(c);
  for (const note of [...(model ? [model] : []), ...c.notes]) body.push(text(note, { subtle: true, size: 'Small' }));
  return card(body, patternsText(c));
}

export function patternsText(c: PatternsCard): string {
  const best = c.patterns
    .filter((p) => p.significant)
    .slice(0, 3)
    .map((p) => `${p.label} (${p.lift.toFixed(1)}×)`);
  return `${c.title}: ${patternsHeadline(c)} ${best.length ? `Best: ${best.join('; ')}.` : 'Nothing significant.'}`;
}
