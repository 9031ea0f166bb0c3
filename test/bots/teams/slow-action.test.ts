import { afterAll, beforeAll, expect, it } from 'vitest';
import { conversation, executeInvoke, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  // A budget of 0 ms makes every button "slow": the invoke must answer before the tool finishes.
  h = await startTeamsHarness({ bot: () => ({ timing: { invokeBudgetMs: 0, streamIntervalMs: 0, typingIntervalMs: 60_000 } }) });
  await h.container.leads.create({ email: 'jane.doe@acme-payments.de', fullName: 'Jane Doe', company: 'Acme Payments', country: 'Germany' });
}, 60_000);
afterAll(async () => h?.close());

it('a card action slower than the invoke budget answers "working" at once and updates the card when done', async () => {
  const rep = person('Sam Slow');
  registerMember(h.connector, rep);
  const conv = conversation({ kind: 'personal' });
  await h.post(messageActivity(h.connector, rep, conv, 'find leads in Germany'));
  const card = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
  const enrich = JSON.stringify(card.activity.attachments[0].content).match(
    /"data":(\{"salesos":\{"kind":"tool","tool":"enrichLead"[^}]*\}\}(?:,"salesosOwner":"[^"]*")?\})/,
  )![1]!;

  const res = await h.post(executeInvoke(h.connector, rep, conv, card.activityId, JSON.parse(enrich)));
  expect(JSON.stringify(res.body.value)).toContain('working on it');
  const update = await h.connector.waitFor((a) => a.method === 'PUT' && a.activityId === card.activityId);
  expect(JSON.stringify(update.activity.attachments[0].content)).toContain('Enrichment: Jane Doe');
});
