// What went wrong, in the user's words; never a stack trace (that stays in the log).
import type { ErrorCard } from '../../../core/cards.ts';
import { card, text, type AdaptiveCard } from './elements.ts';

export function renderErrorCard(c: ErrorCard): AdaptiveCard {
  return card(
    [
      text('Something went wrong', { color: 'Attention' }),
      text(c.message, { max: 1000 }),
      ...(c.code ? [text(`Code: ${c.code}`, { subtle: true, size: 'Small' })] : []),
    ],
    errorText(c),
  );
}

export function errorText(c: ErrorCard): string {
  return `Error: ${c.message}`;
}
