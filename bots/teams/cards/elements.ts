// Small builders for Adaptive Card 1.5 JSON used by the converter (convert.ts) and the action-result card. Plain objects: the cards
// travel as JSON in activities, and the `adaptivecards` package validates them in tests.
import type { CardAction } from '../../../core/agent/types.ts';
import { stripInvisible, unspoofLinks } from '../../../core/safe-text.ts';

export type Element = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  fallbackText: string;
  body: Element[];
  actions?: Element[];
  msteams?: { width: 'Full' };
}

/** Data every SalesOS button carries; `salesos` is what handler.ts looks for in invokes and submits. */
export interface SalesOsActionData {
  salesos: CardAction;
}

/**
 * Every text of a card passes here. Teams shows at most ~25 KB per card comfortably; long texts are cut
 * rather than rejected by Teams. Lead data is untrusted: bidi overrides and zero-width characters are
 * dropped and a Markdown link always shows its real address, so "[your bank](http://evil)" cannot hide it.
 */
export function clip(text: string, max = 2000): string {
  const clean = unspoofLinks(stripInvisible(text.replace(/\r\n/g, '\n')));
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** Adaptive Card markdown treats these as formatting; names and emails must show literally. */
export function plain(text: string): string {
  return text.replace(/([\\*_\[\]`~>#])/g, '\\$1');
}

export function card(body: Element[], fallbackText: string, actions: Element[] = []): AdaptiveCard {
  const out: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: clip(fallbackText, 4000),
    body,
    msteams: { width: 'Full' },
  };
  if (actions.length) out.actions = actions;
  return out;
}

export function text(value: string, opts: { subtle?: boolean; color?: 'Good' | 'Warning' | 'Attention'; size?: 'Small'; max?: number } = {}): Element {
  const el: Element = { type: 'TextBlock', text: clip(value, opts.max ?? 2000), wrap: true };
  if (opts.subtle) el.isSubtle = true;
  if (opts.color) el.color = opts.color;
  if (opts.size) el.size = opts.size;
  return el;
}

export function container(items: Element[], opts: { separator?: boolean; style?: 'emphasis' | 'good' | 'warning' | 'attention' } = {}): Element {
  const el: Element = { type: 'Container', items: items.length ? items : [text(' ')] };
  if (opts.separator) el.separator = true;
  if (opts.style) el.style = opts.style;
  return el;
}

/** A button that runs a CardAction through assistant.handleAction (Action.Execute: Teams universal actions). */
export function execute(title: string, action: CardAction, style?: 'positive' | 'destructive'): Element {
  const el: Element = { type: 'Action.Execute', title: clip(title, 40), verb: 'salesos', data: { salesos: action } satisfies SalesOsActionData };
  if (style) el.style = style;
  return el;
}

export function actionSet(actions: Element[]): Element {
  return { type: 'ActionSet', actions };
}
