// Uncontacted leads most like the seeds, each with why, as an Adaptive Card.
import type { LookalikesCard } from '../../../core/cards.ts';
import { lookalikeFigures } from '../../../core/pattern-text.ts';
import { card, container, heading, leadLine, text, type AdaptiveCard, type Element } from './elements.ts';

export function renderLookalikesCard(c: LookalikesCard): AdaptiveCard {
  const body: Element[] = [...heading(c.title, { subtle: `Compared with ${c.seeds} lead${c.seeds === 1 ? '' : 's'}` })];
  c.leads.slice(0, 25).forEach((lead, i) => {
    body.push(container([text(`${i + 1}. ${leadLine(lead)}`), text(lookalikeFigures(lead), { subtle: true, size: 'Small' })], { separator: true }));
  });
  return card(body, lookalikesText(c));
}

export function lookalikesText(c: LookalikesCard): string {
  return `${c.title}: ${c.leads
    .slice(0, 5)
    .map((l) => l.fullName)
    .join(', ')}${c.leads.length > 5 ? ` and ${c.leads.length - 5} more` : ''}.`;
}
