// A card as Block Kit: its neutral view (core/view/cards) through the one Block Kit converter.
import type { Card } from '../../../core/cards.ts';
import { viewOf } from '../../../core/view/cards/index.ts';
import { toBlockKit } from './convert.ts';
import { LIMITS, type RenderedCard } from './limits.ts';

export function renderCard(card: Card, budget: number = LIMITS.blocksPerMessage): RenderedCard {
  return toBlockKit(viewOf(card), budget);
}
