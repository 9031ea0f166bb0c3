// A failure in words the rep can act on; the code stays in the log, not in front of the user.
import type { ErrorCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { cleanBlock, hang } from './text.ts';

export function renderError(card: ErrorCard, ctx: RenderContext): string[] {
  const message = cleanBlock(card.message).trim() || 'Something went wrong.';
  return hang('✗ ', message, ctx.width).map((l, i) => (i === 0 ? ctx.style.red(l) : l));
}
