// Uncontacted leads most like the seeds (e.g. customers), numbered, each with why.
import type { LookalikesCard } from '../../cards.ts';
import { lookalikeFigures } from './pattern-text.ts';
import type { ViewCard } from '../elements.ts';
import { headline } from '../format.ts';

export function lookalikesView(card: LookalikesCard): ViewCard {
  const names = card.leads.slice(0, 5).map((l) => l.fullName);
  return {
    title: `${card.title} · compared with ${card.seeds} lead${card.seeds === 1 ? '' : 's'}`,
    children: card.leads.length
      ? [{ type: 'list', start: 1, items: card.leads.map((lead) => ({ text: [headline(lead)], note: [lookalikeFigures(lead)] })) }]
      : [],
    summary: `${card.title}: ${names.join(', ')}${card.leads.length > 5 ? ` and ${card.leads.length - 5} more` : ''}`,
  };
}
