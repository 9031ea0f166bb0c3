import { describe, expect, it } from 'vitest';
import type { CardType } from '../../../core/cards.ts';
import { cardAttachment, cardText, renderReply } from '../../../bots/teams/cards/render-reply.ts';
import { renderWelcomeCard } from '../../../bots/teams/cards/render-welcome.ts';
import { edgeCards, realisticLead } from '../../core/view/card-fixtures.ts';
import { adaptiveCardProblems } from './validate-card.ts';

const ALL_TYPES: CardType[] = [
  'lead_list',
  'lead_detail',
  'enrichment',
  'email_roast',
  'email_draft',
  'usage',
  'confirmation',
  'lead_updated',
  'digest',
  'patterns',
  'lookalikes',
  'rescore',
  'error',
];

describe('Adaptive Cards', () => {
  it('the validator reports an element Adaptive Cards does not know', () => {
    const problems = adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] });
    expect(problems).toEqual([expect.stringContaining('Bogus')]);
  });

  it('the fixtures cover every card type', () => {
    expect(new Set(edgeCards().map((f) => f.card.type))).toEqual(new Set(ALL_TYPES));
  });

  for (const { name, card } of edgeCards()) {
    it(`${name} renders a valid Adaptive Card 1.5 with a text fallback`, () => {
      const attachment = cardAttachment(card);
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.content.version).toBe('1.5');
      expect(adaptiveCardProblems(attachment.content)).toEqual([]);
      expect(attachment.content.fallbackText.length).toBeGreaterThan(0);
      expect(cardText(card).length).toBeGreaterThan(0);
      // Teams rejects cards over ~28 KB.
      expect(JSON.stringify(attachment.content).length).toBeLessThan(28_000);
    });
  }

  it('the welcome card validates', () => {
    expect(adaptiveCardProblems(renderWelcomeCard({ name: 'Jane Doe', inChannel: false }))).toEqual([]);
  });

  it('a lead list gives each lead Enrich / Draft email buttons carrying a tool CardAction, and Mark contacted only for new leads', () => {
    const content = cardAttachment({
      type: 'lead_list',
      title: 'T',
      offset: 1,
      leads: [realisticLead({ id: 'a', status: 'new' }), realisticLead({ id: 'b', status: 'contacted' })],
    }).content;
    const json = JSON.stringify(content);
    expect(json).toContain(JSON.stringify({ salesos: { kind: 'tool', tool: 'enrichLead', input: { lead: 'a' } } }));
    expect(json).toContain(JSON.stringify({ salesos: { kind: 'tool', tool: 'draftEmail', input: { lead: 'b' } } }));
    expect(json).toContain(JSON.stringify({ salesos: { kind: 'tool', tool: 'updateLead', input: { lead: 'a', status: 'contacted' } } }));
    expect(json).not.toContain(JSON.stringify({ lead: 'b', status: 'contacted' }));
  });

  it('a pending confirmation has Confirm/Cancel actions; a decided one has none', () => {
    const pending = cardAttachment({
      type: 'confirmation',
      actionId: 'pa_9',
      tool: 'updateLead',
      summary: 'Mark X',
      expiresAt: '2026-11-25T20:00:00Z',
    }).content;
    expect(pending.actions?.map((a) => (a as { data: unknown }).data)).toEqual([
      { salesos: { kind: 'confirm', actionId: 'pa_9' } },
      { salesos: { kind: 'cancel', actionId: 'pa_9' } },
    ]);
    const done = cardAttachment({
      type: 'confirmation',
      actionId: 'pa_9',
      tool: 'updateLead',
      summary: 'Mark X',
      expiresAt: '2026-11-25T20:00:00Z',
      state: 'cancelled',
    }).content;
    expect(done.actions).toBeUndefined();
    expect(JSON.stringify(done.body)).toContain('Cancelled');
  });

  it('markdown characters in names are shown literally', () => {
    const content = cardAttachment({ type: 'lead_list', title: 'T', offset: 1, leads: [realisticLead({ fullName: 'A*B_C' })] }).content;
    expect(JSON.stringify(content)).toContain('A\\\\*B\\\\_C');
  });

  it('a reply with text and cards becomes one message with card attachments', () => {
    const activity = renderReply({ text: 'Found 2 leads.', cards: [{ type: 'error', message: 'x' }] });
    expect(activity.text).toBe('Found 2 leads.');
    expect(activity.attachments).toHaveLength(1);
  });
});
