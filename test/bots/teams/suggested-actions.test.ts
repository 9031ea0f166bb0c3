import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
  for (let i = 0; i < 14; i++)
    await h.container.leads.create({
      email: `cto${i}@bank${i}.de`,
      fullName: `Carla Cto${i}`,
      title: 'Chief Technology Officer',
      company: `Bank ${i} AG`,
      industry: 'Fintech',
      country: 'Germany',
      score: 90 - i,
    });
}, 60_000);
afterAll(async () => h?.close());

describe('suggested actions in 1:1 chats', () => {
  it('a lead list in a 1:1 chat offers the next steps; tapping one works like typing it', async () => {
    const rep = person('Sugi Suggest');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    await h.post(messageActivity(h.connector, rep, conv, 'find CTOs in fintech in Germany'));
    const list = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(list.activity.suggestedActions).toEqual({
      to: [rep.id],
      actions: [
        { type: 'imBack', title: 'Enrich #1', value: 'enrich #1' },
        { type: 'imBack', title: 'Draft an email to #1', value: 'draft an email to #1' },
        { type: 'imBack', title: 'Show more', value: 'show more' },
      ],
    });
    await h.bot.drain();

    // imBack sends the value as the user's own message.
    const expected: Record<string, RegExp> = {
      'Enrich #1': /Enrichment: Carla Cto0/,
      'Draft an email to #1': /Draft for Carla Cto0/,
      'Show more': /Carla Cto1[0-3]/,
    };
    for (const action of list.activity.suggestedActions.actions) {
      const before = h.connector.activities.filter((a) => a.conversationId === conv.id && a.activity.type === 'message').length;
      await h.post(messageActivity(h.connector, rep, conv, action.value));
      await h.bot.drain();
      const replies = h.connector.activities.filter((a) => a.conversationId === conv.id && a.activity.type === 'message');
      expect(replies.length).toBe(before + 1);
      expect(JSON.stringify(replies.at(-1)!.activity)).toMatch(expected[action.title]!);
    }
  });

  it('a group chat gets no suggested actions (Teams shows them only in 1:1 chats)', async () => {
    const rep = person('Gus Group');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'groupChat' });
    await h.post(messageActivity(h.connector, rep, conv, 'find CTOs in fintech in Germany'));
    const list = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(JSON.stringify(list.activity.attachments)).toContain('Carla Cto0');
    expect(list.activity.suggestedActions).toBeUndefined();
  });
});
