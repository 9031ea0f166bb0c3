// Card → Adaptive Card attachment, and a finished reply → the activity Teams shows (text + cards).
import type { Reply } from '../../../core/agent/types.ts';
import type { Card } from '../../../core/cards.ts';
import type { AdaptiveCard } from './elements.ts';
import { confirmationText, renderConfirmationCard } from './render-confirmation.ts';
import { digestText, renderDigestCard } from './render-digest.ts';
import { emailDraftText, renderEmailDraftCard } from './render-email-draft.ts';
import { emailRoastText, renderEmailRoastCard } from './render-email-roast.ts';
import { enrichmentText, renderEnrichmentCard } from './render-enrichment.ts';
import { errorText, renderErrorCard } from './render-error.ts';
import { leadDetailText, renderLeadDetailCard } from './render-lead-detail.ts';
import { leadListText, renderLeadListCard } from './render-lead-list.ts';
import { leadUpdatedText, renderLeadUpdatedCard } from './render-lead-updated.ts';
import { renderUsageCard, usageText } from './render-usage.ts';
import { patternsText, renderPatternsCard } from './render-patterns.ts';
import { lookalikesText, renderLookalikesCard } from './render-lookalikes.ts';
import { renderRescoreCard, rescoreText } from './render-rescore.ts';
import { viewOf } from '../../../core/view/cards/index.ts';
import { toAdaptiveCard } from './convert.ts';
import { stripInvisible, unspoofLinks } from '../../../core/safe-text.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

export function renderAdaptiveCard(c: Card): AdaptiveCard {
  const view = viewOf(c);
  if (view) return toAdaptiveCard(view);
  switch (c.type) {
    case 'lead_list':
      return renderLeadListCard(c);
    case 'lead_detail':
      return renderLeadDetailCard(c);
    case 'enrichment':
      return renderEnrichmentCard(c);
    case 'email_roast':
      return renderEmailRoastCard(c);
    case 'email_draft':
      return renderEmailDraftCard(c);
    case 'usage':
      return renderUsageCard(c);
    case 'confirmation':
      return renderConfirmationCard(c);
    case 'lead_updated':
      return renderLeadUpdatedCard(c);
    case 'digest':
      return renderDigestCard(c);
    case 'patterns':
      return renderPatternsCard(c);
    case 'lookalikes':
      return renderLookalikesCard(c);
    case 'rescore':
      return renderRescoreCard(c);
    case 'error':
      return renderErrorCard(c);
  }
}

/** The card as plain text, for clients without Adaptive Card support and for notifications. */
export function cardText(c: Card): string {
  const view = viewOf(c);
  if (view) return view.summary;
  switch (c.type) {
    case 'lead_list':
      return leadListText(c);
    case 'lead_detail':
      return leadDetailText(c);
    case 'enrichment':
      return enrichmentText(c);
    case 'email_roast':
      return emailRoastText(c);
    case 'email_draft':
      return emailDraftText(c);
    case 'usage':
      return usageText(c);
    case 'confirmation':
      return confirmationText(c);
    case 'lead_updated':
      return leadUpdatedText(c);
    case 'digest':
      return digestText(c);
    case 'patterns':
      return patternsText(c);
    case 'lookalikes':
      return lookalikesText(c);
    case 'rescore':
      return rescoreText(c);
    case 'error':
      return errorText(c);
  }
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
