// The domain cards, built once into the neutral view model: what each card shows and which buttons it offers,
// independent of any platform.
import { describe, expect, it } from 'vitest';
import type { Card, ConfirmationCard, DigestCard, LeadListCard } from '../../../core/cards.ts';
import { ValidationError } from '../../../core/errors.ts';
import { viewOf } from '../../../core/view/cards/index.ts';
import { buttonsOf, plainText, type Element, type ViewCard } from '../../../core/view/elements.ts';
import { LEAD_STATUSES } from '../../../core/leads/filter.ts';
import { allFixtureCards, leadList, numberedLead, sampleCards } from './card-fixtures.ts';

const fixtures: Card[] = allFixtureCards().map((f) => f.card);

/** Every text a view holds, flattened, to look for words without caring which element carries them. */
function words(view: ViewCard): string {
  const el = (e: Element): string[] => {
    switch (e.type) {
      case 'text':
      case 'context':
        return [plainText(e.text)];
      case 'fields':
        return e.fields.map((f) => `${f.label}: ${plainText(f.value)}`);
      case 'table':
        return [e.columns.map((c) => c.header).join(' '), ...e.rows.map((r) => r.map((c) => (typeof c === 'string' ? c : c.text)).join(' '))];
      case 'items':
        return e.items.map((i) => plainText(i.headline));
      case 'list':
        return e.items.map((i) => [i.label ?? '', plainText(i.text), plainText(i.note ?? []), ...(i.quotes ?? [])].join(' '));
      case 'verbatim':
        return [plainText(e.heading ?? []), e.text];
      case 'section':
        return [plainText(e.title), ...e.children.flatMap(el), e.children.length ? '' : (e.empty ?? '')];
      case 'actions':
        return e.buttons.map((b) => b.label);
      default:
        return [];
    }
  };
  return [view.title ?? '', plainText(view.subtitle ?? []), ...view.children.flatMap(el)].join('\n');
}

const labels = (view: ViewCard) => buttonsOf(view).map((b) => b.label);

describe('every card type has one view', () => {
  it.each(fixtures.map((c) => [c.type, c] as const))('%s has a view with a plain-text summary', (_type, card) => {
    const view = viewOf(card);
    expect(view.summary.trim().length).toBeGreaterThan(0);
    expect(view.title || view.children.length).toBeTruthy();
  });

  it('refuses a card type it does not know (one stored by another version) with a validation error', () => {
    expect(() => viewOf({ type: 'hologram' } as unknown as Card)).toThrow(ValidationError);
  });
});

describe('lead buttons: the one rule every platform follows', () => {
  it.each(LEAD_STATUSES.map((s) => [s]))('a %s lead in a list and in detail', (status) => {
    const l = numberedLead(1, { status });
    const expected = status === 'new' ? ['Enrich', 'Draft email', 'Mark contacted'] : ['Enrich', 'Draft email'];
    expect(labels(viewOf({ type: 'lead_list', title: 'T', offset: 1, leads: [l] }))).toEqual(expected);
    expect(labels(viewOf({ type: 'lead_detail', lead: { ...l, createdAt: '2026-01-02T00:00:00Z' }, activities: [], enrichments: [] }))).toEqual(expected);
  });

  it('each button carries the tool action for its own lead', () => {
    const card = leadList(2);
    const actions = buttonsOf(viewOf(card)).map((b) => b.action);
    expect(actions).toContainEqual({ kind: 'tool', tool: 'enrichLead', input: { lead: card.leads[1]!.id } });
    expect(actions).toContainEqual({ kind: 'tool', tool: 'updateLead', input: { lead: card.leads[0]!.id, status: 'contacted' } });
  });
});

describe('lead list', () => {
  it('numbers leads from the offset and offers Show more with the next input only when there is more', () => {
    const card: LeadListCard = leadList(2, { offset: 11, next: true });
    const view = viewOf(card);
    expect(view.title).toBe('CTOs · Fintech · Germany — leads 11–12');
    expect(words(view)).toContain('11. Lead Number 11');
    expect(view.actions?.buttons).toEqual([{ label: 'Show more', action: { kind: 'tool', tool: 'findLeads', input: card.next!.input }, slot: 'more_12' }]);
    expect(viewOf(leadList(2)).actions).toBeUndefined();
  });

  it('says when nothing matched, with no buttons', () => {
    const view = viewOf(leadList(0));
    expect(view.title).toBe('CTOs · Fintech · Germany — no leads');
    expect(buttonsOf(view)).toEqual([]);
  });
});

describe('confirmation', () => {
  const pending = sampleCards.find((c) => c.type === 'confirmation') as ConfirmationCard;

  it('offers Confirm and Cancel for its action id while pending, and the terminal words for them', () => {
    const view = viewOf(pending);
    expect(buttonsOf(view).map((b) => [b.label, b.action])).toEqual([
      ['Confirm', { kind: 'confirm', actionId: 'pa_1' }],
      ['Cancel', { kind: 'cancel', actionId: 'pa_1' }],
    ]);
    expect(view.actions?.hint).toBe('[y]es / [n]o');
    expect(words(view)).toContain(`Please confirm: ${pending.summary}`);
  });

  it.each(['confirmed', 'cancelled', 'expired'] as const)('once %s shows the outcome and never a button', (state) => {
    const view = viewOf({ ...pending, state });
    expect(buttonsOf(view)).toEqual([]);
    expect(view.summary).toBe(`${state.charAt(0).toUpperCase()}${state.slice(1)}: ${pending.summary}`);
  });
});

describe('the other cards say what they are about', () => {
  const of = (type: Card['type']) => viewOf(fixtures.find((c) => c.type === type)!);

  it('a roast heads with score and grade and lists every check, the problems with their evidence', () => {
    const view = of('email_roast');
    expect(view.title).toBe('Email roast: 48/100 (D)');
    expect(words(view)).toContain('Spam words 2 · target 0 Drop hype words. FREE act now');
    expect(words(view)).toMatch(/Rewrite — 86\/100 \(B\) · 48 → 86, \+38/);
  });

  it('a skipped enrichment gives the reason and no table of changes', () => {
    const card = fixtures.find((c) => c.type === 'enrichment' && c.skippedReason)!;
    const view = viewOf(card);
    expect(view.children.some((e) => e.type === 'table')).toBe(false);
    expect(words(view)).toContain('Nothing to do:');
  });

  it('a digest names a missed period only when there was one', () => {
    const digest = fixtures.find((c) => c.type === 'digest') as DigestCard;
    expect(words(viewOf({ ...digest, missed: [{ label: 'Wed 25 Nov 2026', reason: null }] }))).toContain('Missed (not sent in time): Wed 25 Nov 2026');
    expect(words(viewOf({ ...digest, missed: undefined }))).not.toMatch(/missed/i);
  });

  it('no card but the lead cards and the confirmation offers a button', () => {
    const withButtons = new Set(fixtures.filter((c) => buttonsOf(viewOf(c)).length).map((c) => c.type));
    expect([...withButtons].sort()).toEqual(['confirmation', 'lead_detail', 'lead_list']);
  });
});
