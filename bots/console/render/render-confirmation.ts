// A write that waits for the rep's yes/no, or, once decided, what became of it.
import type { ConfirmationCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { time } from './format.ts';
import { clean, hang } from './text.ts';

export function renderConfirmation(card: ConfirmationCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const summary = clean(card.summary);
  switch (card.state ?? 'pending') {
    case 'confirmed':
      return hang('✓ Confirmed: ', summary, width).map((l, i) => (i === 0 ? style.green(l) : l));
    case 'cancelled':
      return hang('✗ Cancelled: ', summary, width).map((l, i) => (i === 0 ? style.red(l) : l));
    case 'expired':
      return hang('Expired: ', summary, width).map(style.dim);
    case 'pending': {
      const expires = `expires ${time(card.expiresAt, ctx.timeZone)} ${ctx.timeZone}`;
      return [...hang('Confirm: ', summary, width).map(style.bold), ...hang('', `[y]es / [n]o · ${expires}`, width).map(style.dim)];
    }
  }
}
