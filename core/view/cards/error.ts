// What went wrong, in words the rep can act on; the code and the stack stay in the log and the audit trail.
import type { ErrorCard } from '../../cards.ts';
import { text, type ViewCard } from '../elements.ts';

export function errorView(card: ErrorCard): ViewCard {
  const message = card.message.trim() || 'Something went wrong.';
  return { children: [text(message, { mark: 'fail', tone: 'attention' })], summary: message };
}
