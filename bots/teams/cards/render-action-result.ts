// What replaces a card after one of its buttons ran: the outcome text and every resulting card, merged into
// one Adaptive Card (an invoke response or an updateActivity carries exactly one card).
import type { Card } from '../../../core/cards.ts';
import { text as textElement } from '../../../core/view/elements.ts';
import { toAdaptiveCard } from './convert.ts';
import { actionSet, card, container, text, type AdaptiveCard, type Element } from './elements.ts';
import { cardText, renderAdaptiveCard } from './render-reply.ts';

export function renderActionResult(result: { text: string; cards: Card[] }): AdaptiveCard {
  const body: Element[] = [];
  if (result.text.trim()) body.push(text(result.text.trim(), { max: 3000 }));
  result.cards.forEach((c, i) => {
    const rendered = renderAdaptiveCard(c);
    const items = [...rendered.body, ...(rendered.actions?.length ? [actionSet(rendered.actions)] : [])];
    body.push(container(items, { separator: i > 0 || body.length > 0 }));
  });
  if (!body.length) body.push(text('Done.'));
  const fallback = [result.text.trim(), ...result.cards.map(cardText)].filter(Boolean).join('\n\n') || 'Done.';
  return card(body, fallback);
}

/** Shown in place of the card while a slow action finishes; the card is updated again when it does. */
export function renderWorkingCard(what: string): AdaptiveCard {
  return toAdaptiveCard({
    children: [textElement(`${what} — working on it. This card updates when it is done.`, { tone: 'muted' })],
    summary: `${what}: working on it.`,
  });
}
