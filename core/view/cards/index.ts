// Every domain card built into the neutral view model, once; each platform converts the result.
import type { Card } from '../../cards.ts';
import { ValidationError } from '../../errors.ts';
import type { ViewCard } from '../elements.ts';
import { confirmationView } from './confirmation.ts';
import { digestView } from './digest.ts';
import { emailDraftView } from './email-draft.ts';
import { emailRoastView } from './email-roast.ts';
import { enrichmentView } from './enrichment.ts';
import { errorView } from './error.ts';
import { leadDetailView } from './lead-detail.ts';
import { leadListView } from './lead-list.ts';
import { leadUpdatedView } from './lead-updated.ts';
import { lookalikesView } from './lookalikes.ts';
import { patternsView } from './patterns.ts';
import { rescoreView } from './rescore.ts';
import { usageView } from './usage.ts';

/** One builder per card type: a new type fails to compile here until it has its view. */
const VIEWS: { [T in Card['type']]: (card: Extract<Card, { type: T }>) => ViewCard } = {
  lead_list: leadListView,
  lead_detail: leadDetailView,
  enrichment: enrichmentView,
  email_roast: emailRoastView,
  email_draft: emailDraftView,
  usage: usageView,
  confirmation: confirmationView,
  lead_updated: leadUpdatedView,
  digest: digestView,
  patterns: patternsView,
  lookalikes: lookalikesView,
  rescore: rescoreView,
  error: errorView,
};

export function viewOf(card: Card): ViewCard {
  const build = VIEWS[card.type] as ((c: Card) => ViewCard) | undefined;
  // Cards are stored with messages: one written by another version may be of a type this one does not know.
  if (!build) throw new ValidationError(`Cannot render a card of type "${String((card as { type?: unknown }).type)}".`);
  return build(card);
}
