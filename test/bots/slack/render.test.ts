import { describe, expect, it } from 'vitest';
import type { Card } from '../../../core/cards.ts';
import { LIMITS, parseActionValue, type Block } from '../../../bots/slack/blocks/limits.ts';
import { renderCard } from '../../../bots/slack/blocks/render-card.ts';
import { renderReply } from '../../../bots/slack/blocks/render-reply.ts';
import { leadList, numberedLead, sampleCards } from '../../core/view/card-fixtures.ts';

/** Every string Slack limits, checked against Slack's documented maxima. */
function assertWithinLimits(blocks: Block[]) {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  for (const b of blocks as any[]) {
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(LIMITS.contextText);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (b.type === 'actions') {
      const ids = b.elements.map((e: any) => e.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(e.action_id.length).toBeLessThanOrEqual(LIMITS.actionId);
        expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      }
    }
  }
}

function buttons(blocks: Block[]): { text: string; action_id: string; value: string }[] {
  return (blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.map((e: any) => ({ text: e.text.text, action_id: e.action_id, value: e.value })));
}

const allText = (blocks: Block[]) => JSON.stringify(blocks);

describe('Block Kit rendering', () => {
  it.each(sampleCards.map((c) => [c.type, c] as const))('renders a %s card within Slack limits with fallback text', (_type, card) => {
    const r = renderCard(card as Card);
    expect(r.blocks.length).toBeGreaterThan(0);
    expect(r.text.trim().length).toBeGreaterThan(0);
    assertWithinLimits(r.blocks);
  });

  it('gives each listed lead Enrich, Draft email and Mark contacted buttons carrying tool actions', () => {
    const card = leadList(2);
    const b = buttons(renderCard(card).blocks);
    const actions = b.map((x) => ({ text: x.text, action: parseActionValue(x.value) }));
    expect(actions).toContainEqual({ text: 'Enrich', action: { kind: 'tool', tool: 'enrichLead', input: { lead: card.leads[0]!.id } } });
    expect(actions).toContainEqual({ text: 'Draft email', action: { kind: 'tool', tool: 'draftEmail', input: { lead: card.leads[1]!.id } } });
    expect(actions).toContainEqual({
      text: 'Mark contacted',
      action: { kind: 'tool', tool: 'updateLead', input: { lead: card.leads[0]!.id, status: 'contacted' } },
    });
  });

  it('numbers leads across pages from the card offset', () => {
    const r = renderCard(leadList(2, { offset: 11 }));
    expect(allText(r.blocks)).toContain('11. *Lead Number 11*');
    expect(allText(r.blocks)).toContain('12. *Lead Number 12*');
    expect(r.text).toContain('Leads 11–12');
  });

  it('offers Show more running findLeads with the card next input', () => {
    const card = leadList(5, { next: true });
    const more = buttons(renderCard(card).blocks).find((b) => b.text === 'Show more');
    expect(parseActionValue(more?.value)).toEqual({ kind: 'tool', tool: 'findLeads', input: card.next!.input });
  });

  it('keeps a 60-lead list under 50 blocks, listing every lead and keeping Show more', () => {
    const card = leadList(60, { next: true });
    const r = renderCard(card);
    assertWithinLimits(r.blocks);
    expect(allText(r.blocks)).toContain('Lead Number 60');
    expect(buttons(r.blocks).some((b) => b.text === 'Show more')).toBe(true);
  });

  it('shortens overlong lead data instead of exceeding section limits', () => {
    const r = renderCard({ ...leadList(1), leads: [numberedLead(1, { fullName: 'N'.repeat(5000), title: 'T'.repeat(5000) })] });
    assertWithinLimits(r.blocks);
  });

  it('escapes mrkdwn control characters in lead data so they cannot form mentions or links', () => {
    const r = renderCard({ ...leadList(1), leads: [numberedLead(1, { fullName: '<!channel> & <http://evil|x>' })] });
    expect(allText(r.blocks)).toContain('&lt;!channel&gt; &amp; &lt;http://evil|x&gt;');
  });

  it('shows failed roast checks with their evidence, and the rewrite', () => {
    const roast = sampleCards.find((c) => c.type === 'email_roast')!;
    const text = allText(renderCard(roast).blocks);
    expect(text).toContain('48/100 (D)');
    expect(text).toContain('Spam words');
    expect(text).toContain('> FREE');
    expect(text).toContain('> act now');
    expect(text).toContain('*Rewrite* — 86/100 (B)');
    expect(text).toContain('Hi Jane');
  });

  it('renders a pending confirmation with Confirm and Cancel carrying its action id', () => {
    const card = sampleCards.find((c) => c.type === 'confirmation')!;
    const b = buttons(renderCard(card).blocks);
    expect(b.map((x) => [x.text, parseActionValue(x.value)])).toEqual([
      ['Confirm', { kind: 'confirm', actionId: 'pa_1' }],
      ['Cancel', { kind: 'cancel', actionId: 'pa_1' }],
    ]);
  });

  it('renders a decided confirmation as its outcome without buttons', () => {
    const card = { ...sampleCards.find((c) => c.type === 'confirmation')!, state: 'confirmed' } as Card;
    const r = renderCard(card);
    expect(buttons(r.blocks)).toEqual([]);
    expect(r.text).toBe('Confirmed: Mark Lead Number 1 (Acme 1) as contacted');
  });

  it('splits a reply whose cards exceed 50 blocks into several messages, each card whole', () => {
    const messages = renderReply({ text: 'Here are two lists.', cards: [leadList(20), leadList(20, { offset: 21 })] });
    expect(messages.length).toBe(2);
    for (const m of messages) assertWithinLimits(m.blocks);
    expect(allText(messages[1]!.blocks)).toContain('Lead Number 21');
  });

  it('splits long reply text across sections rather than cutting it', () => {
    const long = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const [m] = renderReply({ text: long, cards: [] });
    assertWithinLimits(m!.blocks);
    expect(allText(m!.blocks)).toContain('line 199');
  });

  it('converts Markdown bold and links to Slack mrkdwn, a link always showing its address', () => {
    const [m] = renderReply({ text: '**Top lead** is [Acme](https://acme.io), see [https://acme.io](https://acme.io)', cards: [] });
    expect((m!.blocks[0] as any).text.text).toBe('*Top lead* is Acme (<https://acme.io>), see <https://acme.io>');
  });

  it('never lets text form a mass mention or a link with a false label, in blocks or the notification text', () => {
    const [m] = renderReply({ text: '<!channel> @everyone log in at <http://evil.example|Your bank>', cards: [] });
    expect((m!.blocks[0] as any).text.text).toBe('&lt;!channel&gt; ＠everyone log in at &lt;http://evil.example|Your bank&gt;');
    expect(m!.text).toBe('&lt;!channel&gt; ＠everyone log in at &lt;http://evil.example|Your bank&gt;');
  });
});

describe('dates in the reader’s time zone', () => {
  it('writes dates as Slack date tokens (each reader’s profile time zone) with a UTC fallback', () => {
    const detail = sampleCards.find((c) => c.type === 'lead_detail')!;
    const added = JSON.stringify(renderCard(detail).blocks);
    // 2026-01-02T00:00:00Z: still 1 January for a rep in New York, which only the token can show.
    expect(added).toContain(`Added <!date^${Date.UTC(2026, 0, 2) / 1000}^{date_short}|2026-01-02>`);
  });

  it('says when a confirmation expires as day and time in the reader’s zone, UTC in the fallback', () => {
    const confirmation = sampleCards.find((c) => c.type === 'confirmation')!;
    const blocks = JSON.stringify(renderCard(confirmation).blocks);
    expect(blocks).toContain(`Expires <!date^${Date.UTC(2026, 2, 1, 12) / 1000}^{date_short_pretty} at {time}|2026-03-01 12:00 UTC>`);
  });
});
