// The same buttons on every platform, by construction: for every card fixture, the buttons in the Block Kit
// message and in the Adaptive Card are the ones the neutral view defines (same labels, same actions, same
// order), and the terminal shows the words it takes instead wherever a view gives them.
import { describe, expect, it } from 'vitest';
import type { CardAction } from '../../../core/agent/types.ts';
import type { Card } from '../../../core/cards.ts';
import { viewOf } from '../../../core/view/cards/index.ts';
import { buttonsOf } from '../../../core/view/elements.ts';
import { renderCard as renderTerminal } from '../../../bots/console/render/index.ts';
import { parseActionValue } from '../../../bots/slack/blocks/limits.ts';
import { renderCard as renderSlack } from '../../../bots/slack/blocks/render-card.ts';
import { renderAdaptiveCard } from '../../../bots/teams/cards/render-reply.ts';
import { allFixtureCards, leadList, sampleCards } from './card-fixtures.ts';

type Offered = { label: string; action: CardAction | undefined };

const fixtures = allFixtureCards();

function slackButtons(card: Card): Offered[] {
  return (renderSlack(card).blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.map((e: any) => ({ label: e.text.text, action: parseActionValue(e.value) })));
}

function teamsButtons(card: Card): Offered[] {
  const content = renderAdaptiveCard(card);
  const walk = (els: any[]): Offered[] =>
    els.flatMap((e) => {
      if (e.type === 'ActionSet') return e.actions.map((a: any) => ({ label: a.title, action: a.data.salesos }));
      return [...walk(e.items ?? []), ...walk((e.rows ?? []).flatMap((r: any) => r.cells ?? []))];
    });
  return [...walk(content.body), ...(content.actions ?? []).map((a: any) => ({ label: a.title, action: a.data.salesos }))];
}

const neutral = (card: Card): Offered[] => buttonsOf(viewOf(card)).map((b) => ({ label: b.label, action: b.action }));

describe('every platform offers the same buttons', () => {
  it('the fixtures include cards with buttons on a lead list, a lead detail and a confirmation', () => {
    const types = new Set(fixtures.filter((f) => neutral(f.card).length).map((f) => f.card.type));
    expect(types).toEqual(new Set(['lead_list', 'lead_detail', 'confirmation']));
  });

  // Lists within both platforms' limits: every button everywhere.
  for (const { name, card } of fixtures.filter((f) => f.card.type !== 'lead_list' || f.card.leads.length <= 10)) {
    it(`${name}: Slack and Teams offer exactly the view's buttons`, () => {
      expect(slackButtons(card)).toEqual(neutral(card));
      expect(teamsButtons(card)).toEqual(neutral(card));
    });
  }

  it('a list past a platform limit loses buttons from its end only, never a different button, and keeps Show more', () => {
    const card = leadList(40, { next: true });
    const all = neutral(card);
    for (const shown of [slackButtons(card), teamsButtons(card)]) {
      const perLead = shown.slice(0, -1);
      expect(perLead).toEqual(all.slice(0, perLead.length));
      expect(perLead.length).toBeGreaterThanOrEqual(3 * 10);
      expect(shown.at(-1)).toEqual(all.at(-1));
      expect(shown.at(-1)!.label).toBe('Show more');
    }
  });

  it('the terminal, which has nothing to click, says what to type instead', () => {
    const pending = sampleCards.find((c) => c.type === 'confirmation')!;
    expect(renderTerminal(pending, { width: 80, color: false })).toContain('[y]es / [n]o');
    expect(renderTerminal(leadList(3, { next: true }), { width: 80, color: false })).toContain('say "show more"');
  });
});
