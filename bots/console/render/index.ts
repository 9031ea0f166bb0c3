// Every card as terminal text. Pure: the same card and options give the same text on any machine.
import type { Card } from '../../../core/cards.ts';
import { ValidationError } from '../../../core/errors.ts';
import type { RenderContext } from './context.ts';
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
import { viewOf } from '../../../core/view/cards/index.ts';
import { toTerminal } from './convert.ts';
import { createStyle } from './style.ts';
import { clampLine } from './text.ts';

export interface RenderOptions {
  /** Terminal columns; no line of the result is wider. */
  width: number;
  /** ANSI styling on or off; the caller decides (TTY, NO_COLOR). */
  color: boolean;
  /** IANA zone for dates and times; UTC when not given. */
  timeZone?: string;
}

function lines(card: Card, ctx: RenderContext): string[] {
  const view = viewOf(card);
  if (view) return toTerminal(view, ctx);
  switch (card.type) {
    case 'lead_list':
      return renderLeadList(card, ctx);
    case 'lead_detail':
      return renderLeadDetail(card, ctx);
    case 'enrichment':
      return renderEnrichment(card, ctx);
    case 'email_roast':
      return renderEmailRoast(card, ctx);
    case 'email_draft':
      return renderEmailDraft(card, ctx);
    case 'usage':
      return renderUsage(card, ctx);
    case 'confirmation':
      return renderConfirmation(card, ctx);
    case 'lead_updated':
      return renderLeadUpdated(card, ctx);
    case 'digest':
      return renderDigest(card, ctx);
    case 'patterns':
      return renderPatterns(card, ctx);
    case 'lookalikes':
      return renderLookalikes(card, ctx);
    case 'rescore':
      return renderRescore(card, ctx);
    case 'error':
      return renderError(card, ctx);
    default: {
      const unknown: never = card;
      throw new ValidationError(`Cannot render a card of type "${(unknown as { type?: unknown }).type}".`);
    }
  }
}

function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw new ValidationError(`Unknown time zone "${timeZone}" for rendering cards; use an IANA name such as "Europe/Berlin".`);
  }
}

/** The card as lines of text joined by "\n", without a trailing newline. */
export function renderCard(card: Card, opts: RenderOptions): string {
  if (!Number.isInteger(opts.width) || opts.width < 1)
    throw new ValidationError(`Terminal width must be a positive whole number of columns, got ${String(opts.width)}.`);
  const ctx: RenderContext = { width: opts.width, style: createStyle(opts.color), timeZone: checkTimeZone(opts.timeZone ?? 'UTC') };
  // Layout keeps within the width; the clamp only guards terminals too narrow for any sensible layout.
  return lines(card, ctx)
    .map((l) => clampLine(l, ctx.width))
    .join('\n');
}
