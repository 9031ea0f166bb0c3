// Card → Adaptive Card attachment (its neutral view through the one Adaptive Card converter), and a finished
// reply → the activity Teams shows (text + cards).
import type { Reply } from '../../../core/agent/types.ts';
import type { Card } from '../../../core/cards.ts';
import type { AdaptiveCard } from './elements.ts';
import { viewOf } from '../../../core/view/cards/index.ts';
import { toAdaptiveCard } from './convert.ts';
import { stripInvisible, unspoofLinks } from '../../../core/safe-text.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

export function renderAdaptiveCard(c: Card): AdaptiveCard {
  return toAdaptiveCard(viewOf(c));
}

/** The card as plain text, for clients without Adaptive Card support and for notifications. */
export function cardText(c: Card): string {
  return viewOf(c).summary;
}

export function cardAttachment(c: Card): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderAdaptiveCard(c) };
}

export interface MessageContent {
  type: 'message';
  text?: string;
  textFormat: 'markdown';
  attachments?: CardAttachment[];
  attachmentLayout?: 'list';
}

/** Teams renders text and attachments of one activity together; with no text, the cards' text is the summary. */
export function renderReply(reply: Pick<Reply, 'text' | 'cards'>): MessageContent {
  const text = reply.text.trim();
  const out: MessageContent = { type: 'message', textFormat: 'markdown' };
  // The model's Markdown may repeat text planted in a lead: links show their address, nothing invisible stays.
  if (text) out.text = unspoofLinks(stripInvisible(text));
  else if (!reply.cards.length) out.text = 'Done.';
  if (reply.cards.length) {
    out.attachments = reply.cards.map(cardAttachment);
    out.attachmentLayout = 'list';
  }
  return out;
}
