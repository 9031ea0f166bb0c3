// What went wrong, in words the rep can act on, and its error code to quote to whoever runs SalesOS (the same
// code is in the audit trail); the stack stays in the log.
import type { ErrorCard } from '../../cards.ts';
import { context, text, type ViewCard } from '../elements.ts';

export function errorView(card: ErrorCard): ViewCard {
  const message = card.message.trim() || 'Something went wrong.';
  return {
    children: [text(message, { mark: 'fail', tone: 'attention' }), ...(card.code ? [context(`Code: ${card.code}`)] : [])],
    summary: message,
  };
}
