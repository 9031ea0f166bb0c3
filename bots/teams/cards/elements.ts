// Small builders for Adaptive Card 1.5 JSON shared by the per-card renderers. Plain objects: the cards
// travel as JSON in activities, and the `adaptivecards` package validates them in tests.
import type { CardAction } from '../../../core/agent/types.ts';
import type { LeadCardItem } from '../../../core/cards.ts';
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

export function heading(text: string, opts: { subtle?: string } = {}): Element[] {
  const out: Element[] = [{ type: 'TextBlock', text: clip(text, 200), size: 'Medium', weight: 'Bolder', wrap: true }];
  if (opts.subtle) out.push({ type: 'TextBlock', text: clip(opts.subtle, 400), isSubtle: true, spacing: 'None', wrap: true });
  return out;
}

export function text(value: string, opts: { subtle?: boolean; color?: 'Good' | 'Warning' | 'Attention'; size?: 'Small'; max?: number } = {}): Element {
  const el: Element = { type: 'TextBlock', text: clip(value, opts.max ?? 2000), wrap: true };
  if (opts.subtle) el.isSubtle = true;
  if (opts.color) el.color = opts.color;
  if (opts.size) el.size = opts.size;
  return el;
}

export function facts(pairs: [string, string | number | null | undefined][]): Element | undefined {
  const rows = pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([title, value]) => ({ title: clip(title, 60), value: clip(String(value), 300) }));
  return rows.length ? { type: 'FactSet', facts: rows } : undefined;
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

export function compact<T>(items: (T | undefined | null | false)[]): T[] {
  return items.filter((x): x is T => x !== undefined && x !== null && x !== false);
}

export function usd(value: number): string {
  return `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 4 : 2)}`;
}

export function when(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** "Jane Doe · CTO · Acme" */
export function leadLine(lead: LeadCardItem): string {
  return compact([lead.fullName, lead.title, lead.company]).join(' · ');
}

export function leadFacts(lead: LeadCardItem): (Element | undefined)[] {
  return [
    facts([
      ['Email', lead.email],
      ['Company', compact([lead.company, lead.companyDomain && `(${lead.companyDomain})`]).join(' ')],
      ['Industry', lead.industry],
      ['Size', lead.companySize ?? undefined],
      ['Location', compact([lead.city, lead.country]).join(', ')],
      ['Tech', lead.techStack.length ? lead.techStack.join(', ') : undefined],
      ['Status', lead.status],
      ['Score', lead.score],
      ['Owner', lead.ownerName],
      ['Enriched', when(lead.enrichedAt)],
    ]),
  ];
}
