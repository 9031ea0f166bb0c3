// Every domain card built into the neutral view model, once; each platform converts the result.
import type { Card } from '../../cards.ts';
import type { ViewCard } from '../elements.ts';
import { confirmationView } from './confirmation.ts';
import { enrichmentView } from './enrichment.ts';
import { errorView } from './error.ts';
import { leadDetailView } from './lead-detail.ts';
import { leadListView } from './lead-list.ts';
import { leadUpdatedView } from './lead-updated.ts';

export function viewOf(card: Card): ViewCard | undefined {
  switch (card.type) {
    case 'lead_list':
      return leadListView(card);
    case 'lead_detail':
      return leadDetailView(card);
    case 'enrichment':
      return enrichmentView(card);
    case 'confirmation':
      return confirmationView(card);
    case 'lead_updated':
      return leadUpdatedView(card);
    case 'error':
      return errorView(card);
    default:
      return undefined;
  }
}
