// A write waiting for the rep's yes: Confirm / Cancel while pending; once decided, the outcome and no buttons,
// so a second click is harmless to look at as well as to execute.
import type { ConfirmationCard } from '../../cards.ts';
import { at, bold, context, text, type ViewCard } from '../elements.ts';

const OUTCOME = {
  confirmed: text('Confirmed: ', { mark: 'pass', tone: 'good' }),
  cancelled: text('Cancelled: ', { mark: 'fail', tone: 'attention' }),
  expired: text('Expired: ', { tone: 'muted' }),
} as const;

export function confirmationView(card: ConfirmationCard): ViewCard {
  const state = card.state ?? 'pending';
  if (state !== 'pending') {
    const outcome = OUTCOME[state];
    return {
      children: [{ ...outcome, text: [...outcome.text, card.summary] }],
      summary: `${state.charAt(0).toUpperCase()}${state.slice(1)}: ${card.summary}`,
    };
  }
  return {
    children: [text([bold('Please confirm:'), ' ', card.summary]), context('Expires ', at(card.expiresAt, 'dateTime'))],
    actions: {
      type: 'actions',
      id: `confirm_${card.actionId}`,
      buttons: [
        { label: 'Confirm', action: { kind: 'confirm', actionId: card.actionId }, slot: card.actionId, style: 'primary' },
        { label: 'Cancel', action: { kind: 'cancel', actionId: card.actionId }, slot: card.actionId },
      ],
      hint: '[y]es / [n]o',
    },
    summary: `Please confirm: ${card.summary}`,
  };
}
