// A digest that follows a missed period says so on every platform: Slack blocks, the Teams card, the terminal.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../bots/console/render/index.ts';
import { renderCard as renderSlack } from '../../../bots/slack/blocks/render-card.ts';
import { renderAdaptiveCard } from '../../../bots/teams/cards/render-reply.ts';
import type { DigestCard } from '../../../core/cards.ts';

const card = (missed?: DigestCard['missed']): DigestCard => ({
  type: 'digest',
  managerName: 'Mia',
  teamName: 'Berlin',
  period: { label: 'Thu 26 Nov 2026', start: '2026-11-25T23:00:00.000Z', end: '2026-11-26T23:00:00.000Z', cadence: 'daily' },
  reps: [],
  attention: { staleLeads: [], hotUncontacted: [], inactiveReps: [] },
  topLeads: [],
  totals: { spendUsd: 0, budgetUsd: 10, leadsAdded: 0, leadsEnriched: 0 },
  ...(missed ? { missed } : {}),
});
const missed = [{ label: 'Wed 25 Nov 2026', reason: 'due at 2026-11-25T07:30:00.000Z but not sent within 6 h' }];

describe('the missed-period notice', () => {
  it('is in the Slack blocks, the Teams card and the terminal when a period was missed', () => {
    expect(JSON.stringify(renderSlack(card(missed)).blocks)).toContain('Missed (not sent in time): Wed 25 Nov 2026');
    expect(JSON.stringify(renderAdaptiveCard(card(missed)))).toContain('Missed (not sent in time): Wed 25 Nov 2026');
    expect(renderCard(card(missed), { width: 100, color: false, timeZone: 'Europe/Berlin' })).toContain('Missed (not sent in time): Wed 25 Nov 2026');
  });

  it('is absent when nothing was missed', () => {
    expect(JSON.stringify(renderSlack(card()).blocks)).not.toMatch(/missed/i);
    expect(JSON.stringify(renderAdaptiveCard(card()))).not.toMatch(/missed/i);
    expect(renderCard(card(), { width: 100, color: false, timeZone: 'Europe/Berlin' })).not.toMatch(/missed/i);
  });
});
