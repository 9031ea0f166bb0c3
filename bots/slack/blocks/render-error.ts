// An error the user should see: the safe message only, never a stack trace.
import type { ErrorCard } from '../../../core/cards.ts';
import { context, esc, section, type Block, type RenderedCard } from './limits.ts';

export function renderError(card: ErrorCard): RenderedCard {
  const blocks: Block[] = [section(`:warning: ${esc(card.message)}`)];
  if (card.code) blocks.push(context(`code: ${esc(card.code)}`));
  return { blocks, text: card.message };
}
