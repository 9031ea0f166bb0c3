// A write waiting for the user's yes: Confirm / Cancel while pending, the outcome once decided.
import type { ConfirmationCard } from '../../../core/cards.ts';
import { actionButton, actions, context, dateTime, esc, section, type Block, type RenderedCard } from './limits.ts';

const OUTCOME = { confirmed: ':white_check_mark: Confirmed', cancelled: ':no_entry_sign: Cancelled', expired: ':hourglass: Expired' };

export function renderConfirmation(card: ConfirmationCard): RenderedCard {
  const state = card.state ?? 'pending';
  const blocks: Block[] = [section(`*Please confirm:* ${esc(card.summary)}`)];
  if (state === 'pending') {
    const row = actions(
      [
        actionButton('Confirm', { kind: 'confirm', actionId: card.actionId }, card.actionId, 'primary'),
        actionButton('Cancel', { kind: 'cancel', actionId: card.actionId }, card.actionId),
      ],
      `confirm_${card.actionId}`.slice(0, 255),
    );
    if (row) blocks.push(row);
    blocks.push(context(`Expires ${dateTime(card.expiresAt)}`));
    return { blocks, text: `Please confirm: ${card.summary}` };
  }
  blocks[0] = section(`${OUTCOME[state]}: ${esc(card.summary)}`);
  return { blocks, text: `${OUTCOME[state].replace(/^:[a-z_]+: /, '')}: ${card.summary}` };
}
