// Dispatch a card to its Block Kit renderer.
import type { Card } from '../../../core/cards.ts';
import { viewOf } from '../../../core/view/cards/index.ts';
import { toBlockKit } from './convert.ts';
import { LIMITS, type RenderedCard } from './limits.ts';
import { renderConfirmation } from './render-confirmation.ts';
import { renderDigest } from './render-digest.ts';
import { renderEmailDraft } from './render-email-draft.ts';
import { renderEmailRoast } from './render-email-roast.ts';
import { renderEnrichment } from './render-enrichment.ts';
import { renderError } from './render-error.ts';
import { renderLeadDetail } from './render-lead-detail.ts';
import { renderLeadList } from './render-lead-list.ts';
import { renderLeadUpdated } from './render-lead-updated.ts';
import { renderUsage } from './render-usage.ts';
import { renderPatterns } from './render-patterns.ts';
import { renderLookalikes } from './render-lookalikes.ts';
import { renderRescore } from './render-rescore.ts';

export function renderCard(card: Card, budget: number = LIMITS.blocksPerMessage): RenderedCard {
  const rendered = renderOne(card, budget);
  return { blocks: rendered.blocks.slice(0, budget), text: rendered.text };
}

function renderOne(card: Card, budget: number): RenderedCard {
  const view = viewOf(card);
  if (view) return toBlockKit(view, budget);
  switch (card.type) {
    case 'lead_list':
      return renderLeadList(card, budget);
    case 'lead_detail':
      return renderLeadDetail(card);
    case 'enrichment':
      return renderEnrichment(card);
    case 'email_roast':
      return renderEmailRoast(card);
    case 'email_draft':
      return renderEmailDraft(card);
    case 'usage':
      return renderUsage(card);
    case 'confirmation':
      return renderConfirmation(card);
    case 'lead_updated':
      return renderLeadUpdated(card);
    case 'digest':
      return renderDigest(card);
    case 'patterns':
      return renderPatterns(card, budget);
    case 'lookalikes':
      return renderLookalikes(card, budget);
    case 'rescore':
      return renderRescore(card);
    case 'error':
      return renderError(card);
  }
}
