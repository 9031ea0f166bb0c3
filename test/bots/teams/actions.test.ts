import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, executeInvoke, messageActivity, person, registerMember, startTeamsHarness, type Person, type TeamsHarness } from './harness.ts';
import { adaptiveCardProblems } from './validate-card.ts';

let h: TeamsHarness;
let rep: Person;
const leadIds: Record<string, string> = {};

beforeAll(async () => {
  h = await startTeamsHarness();
  rep = person('Alex Action');
  registerMember(h.connector, rep);
  for (const [key, email, name] of [
    ['jane', 'jane.doe@acme-payments.de', 'Jane Doe'],
    ['max', 'max@bank-ag.de', 'Max Mustermann'],
    ['ola', 'ola@nordpay.no', 'Ola Nordmann'],
  ] as const) {
    const lead = await h.container.leads.create({
      email,
      fullName: name,
      title: 'Chief Technology Officer',
      company: `${name} Corp`,
      industry: 'Fintech',
      country: 'Germany',
      score: 70,
    });
    leadIds[key] = lead.id;
  }
}, 60_000);
afterAll(async () => h?.close());

/** Sends a message in a fresh 1:1 chat and returns the card message the bot answered with. */
async function leadListCard() {
  const conv = conversation({ kind: 'personal' });
  await h.post(messageActivity(h.connector, rep, conv, 'find leads in Germany'));
  const message = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message' && !!a.activity.attachments?.length);
  return { conv, message, content: message.activity.attachments[0].content };
}

/** The `data` of the button with this title under the lead's name in a lead-list card. */
function buttonData(content: unknown, title: string, leadId: string): unknown {
  const found: unknown[] = [];
  JSON.stringify(content, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.Execute' && v.title === title && JSON.stringify(v.data).includes(leadId)) found.push(v.data);
    return v;
  });
  if (!found.length) throw new Error(`no "${title}" button for ${leadId}`);
  return found[0];
}

describe('Teams card actions (Action.Execute) through POST /api/messages', () => {
  it('Enrich on a lead-list card runs enrichLead and the invoke response replaces the card with the result', async () => {
    const { conv, message, content } = await leadListCard();
    const res = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, buttonData(content, 'Enrich', leadIds.jane!)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body.value)).toContain('Enrichment: Jane Doe');
    expect(adaptiveCardProblems(res.body.value)).toEqual([]);
    expect(await h.db.prisma.enrichmentHistory.count({ where: { leadId: leadIds.jane! } })).toBe(1);
  });

  it('a double click on the same button runs the tool once; the second click gets a message, not a new card', async () => {
    const { conv, message, content } = await leadListCard();
    const data = buttonData(content, 'Draft email', leadIds.max!);
    const [a, b] = await Promise.all([
      h.post(executeInvoke(h.connector, rep, conv, message.activityId, data)),
      h.post(executeInvoke(h.connector, rep, conv, message.activityId, data)),
    ]);
    const types = [a.body.type, b.body.type].sort();
    expect(types).toEqual(['application/vnd.microsoft.activity.message', 'application/vnd.microsoft.card.adaptive']);
    expect(await h.db.prisma.emailReview.count({ where: { leadId: leadIds.max! } })).toBe(1);
  });

  it('Mark contacted asks for confirmation; Confirm changes the lead and the card shows the outcome without buttons', async () => {
    const { conv, message, content } = await leadListCard();
    const asked = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, buttonData(content, 'Mark contacted', leadIds.ola!)));
    const confirmCard = asked.body.value;
    expect(JSON.stringify(confirmCard)).toContain('Please confirm');
    expect((await h.container.leads.getById(leadIds.ola!))?.status).toBe('new');

    const confirm = confirmCard.body
      .flatMap((el: any) => el.items ?? [el])
      .flatMap((el: any) => el.actions ?? [])
      .find((x: any) => x.title === 'Confirm');
    const done = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, confirm.data));
    expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(done.body.value)).toContain('Confirmed: ');
    expect(JSON.stringify(done.body.value)).not.toContain('"title":"Confirm"');
    expect((await h.container.leads.getById(leadIds.ola!))?.status).toBe('contacted');
  });

  it('Cancel on a confirmation leaves the lead unchanged', async () => {
    const { conv, message, content } = await leadListCard();
    const asked = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, buttonData(content, 'Mark contacted', leadIds.jane!)));
    const cancel = asked.body.value.body
      .flatMap((el: any) => el.items ?? [el])
      .flatMap((el: any) => el.actions ?? [])
      .find((x: any) => x.title === 'Cancel');
    const done = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, cancel.data));
    expect(JSON.stringify(done.body.value)).toContain('Cancelled');
    expect((await h.container.leads.getById(leadIds.jane!))?.status).toBe('new');
  });

  it('an Action.Submit (message with value) runs the action and updates the card in place', async () => {
    const { conv, message, content } = await leadListCard();
    const submit = messageActivity(h.connector, rep, conv, '', { replyToId: message.activityId, value: buttonData(content, 'Draft email', leadIds.jane!) });
    expect((await h.post(submit)).status).toBe(202);
    const update = await h.connector.waitFor((a) => a.method === 'PUT' && a.activityId === message.activityId);
    expect(JSON.stringify(update.activity.attachments[0].content)).toContain('Draft for Jane Doe');
  });

  it('an invoke that is not a SalesOS action is refused with 400 and runs nothing', async () => {
    const conv = conversation({ kind: 'personal' });
    const res = await h.post(executeInvoke(h.connector, rep, conv, 'activity-x', { salesos: { kind: 'tool', tool: 'enrichLead' } }));
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });
});
