// Fit scores recomputed from the fitted model: the headline and the distribution before and after, as bars.
import type { RescoreCard } from '../../cards.ts';
import { distributionRows, rescoreHeadline } from './pattern-text.ts';
import { text, type ViewCard } from '../elements.ts';

const BAR_WIDTH = 10;

export function rescoreView(card: RescoreCard): ViewCard {
  return {
    title: card.title,
    children: [
      text(rescoreHeadline(card)),
      {
        type: 'table',
        columns: [{ header: 'Band' }, { header: 'Before' }, { header: 'After' }],
        rows: distributionRows(card, BAR_WIDTH).map((r) => [`Score ${r.band}`, r.before, r.after]),
      },
    ],
    summary: `${card.title}: ${rescoreHeadline(card)}`,
  };
}
