// Uncontacted leads most like the seeds, each with the attributes it shares with them.
import type { LookalikesCard } from '../../../core/cards.ts';
import { lookalikeFigures } from '../../../core/pattern-text.ts';
import { context, esc, header, section, type Block, type RenderedCard } from './limits.ts';
import { leadHeadline } from './lead-text.ts';

export function renderLookalikes(card: LookalikesCard, budget: number): RenderedCard {
  const blocks: Block[] = [header(card.title), context(`Compared with ${card.seeds} lead${card.seeds === 1 ? '' : 's'}`)];
  card.leads.slice(0, Math.max(0, budget - 2)).forEach((lead, i) => {
    blocks.push(section(`*${i + 1}.* ${leadHeadline(lead)}\n${esc(lookalikeFigures(lead))}`));
  });
  return {
    blocks,
    text: `${card.title}: ${card.leads
      .map((l) => l.fullName)
      .slice(0, 5)
      .join(', ')}`,
  };
}
