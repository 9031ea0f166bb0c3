// A write waiting for the rep's yes/no. Once decided the card is re-rendered with the outcome and no buttons,
// which is how a second click becomes harmless to look at as well as to execute.
import type { ConfirmationCard } from '../../../core/cards.ts';
import { card, execute, heading, text, when, type AdaptiveCard, type Element } from './elements.ts';

const OUTCOME = {
  confirmed: { line: 'Confirmed.', color: 'Good' },
  cancelled: { line: 'Cancelled: nothing was changed.', color: 'Warning' },
  expired: { line: 'Expired: nothing was changed. Ask again if you still want it.', color: 'Warning' },
} as const;

export function renderConfirmationCard(c: ConfirmationCard): AdaptiveCard {
  const state = c.state ?? 'pending';
  const body: Element[] = [...heading('Please confirm'), text(c.summary, { max: 1000 })];
  if (state === 'pending') {
    body.push(text(`Expires ${when(c.expiresAt)}`, { subtle: true, size: 'Small' }));
    return card(body, confirmationText(c), [
      execute('Confirm', { kind: 'confirm', actionId: c.actionId }, 'positive'),
      execute('Cancel', { kind: 'cancel', actionId: c.actionId }, 'destructive'),
    ]);
  }
  body.push(text(OUTCOME[state].line, { color: OUTCOME[state].color }));
  return card(body, confirmationText(c));
}

export function confirmationText(c: ConfirmationCard): string {
  const state = c.state ?? 'pending';
  return state === 'pending' ? `Please confirm: ${c.summary} (reply in the card; expires ${when(c.expiresAt)})` : `${c.summary}: ${state}.`;
}
