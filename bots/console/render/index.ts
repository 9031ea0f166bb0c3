// Every card as terminal text. Pure: the same card and options give the same text on any machine.
import type { Card } from '../../../core/cards.ts';
import { ValidationError } from '../../../core/errors.ts';
import type { RenderContext } from './context.ts';
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
  return toTerminal(viewOf(card), ctx)
    .map((l) => clampLine(l, ctx.width))
    .join('\n');
}
