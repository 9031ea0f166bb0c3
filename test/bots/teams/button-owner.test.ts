import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEnrichmentAgent, type FakeEnrichmentAgent } from '../../support/fake-enrichment-agent.ts';
import { conversation, executeInvoke, messageActivity, person, registerMember, startTeamsHarness, type Person, type TeamsHarness } from './harness.ts';

let h: TeamsHarness;
let agent: FakeEnrichmentAgent;
let rep: Person;
let colleague: Person;
const leadIds: Record<string, string> = {};

beforeAll(async () => {
  agent = await startFakeEnrichmentAgent({ token: 'agent-token' });
  h = await startTeamsHarness({ env: { ENRICHMENT_AGENT_URL: agent.url, ENRICHMENT_AGENT_TOKEN: 'agent-token', ENRICHMENT_TIMEOUT_MS: '300' } });
  rep = person('Olivia Owner');
  colleague = person('Carlos Colleague');
  registerMember(h.connector, rep);
  registerMember(h.connector, colleague);
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
afterAll(async () => {
  await h?.close();
  await agent?.close();
});

/** The rep asks in a group chat; returns the chat and the lead-list card message the bot answered with. */
async function leadListCard() {
  const conv = conversation({ kind: 'groupChat' });
  await h.post(messageActivity(h.connector, rep, conv, 'find leads in Germany'));
  const message = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message' && !!a.activity.attachments?.length);
  return { conv, message, content: message.activity.attachments[0].content };
}

function buttonData(content: unknown, title: string, leadId?: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  JSON.stringify(content, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.Execute' && v.title === title && (!leadId || JSON.stringify(v.data).includes(leadId)))
      found.push(v.data);
    return v;
  });
  if (!found.length) throw new Error(`no "${title}" button`);
  return found[0]!;
}

const MESSAGE = 'application/vnd.microsoft.activity.message';
const CARD = 'application/vnd.microsoft.card.adaptive';

describe('Teams buttons belong to their owner (group chat, Action.Execute)', () => {
  it("a colleague's click is refused privately and does not spend the button; the owner's click then works", async () => {
    const { conv, message, content } = await leadListCard();
    const draft = buttonData(content, 'Draft email', leadIds.max!);
    expect(draft.salesosOwner).toBe(rep.id);

    const foreign = await h.post(executeInvoke(h.connector, colleague, conv, message.activityId, draft));
    expect(foreign.body).toMatchObject({ statusCode: 200, type: MESSAGE });
    expect(foreign.body.value).toMatch(/only they can use them/);
    expect(await h.db.prisma.emailReview.count({ where: { leadId: leadIds.max! } })).toBe(0);
    // The card was not touched for everyone else.
    expect(h.connector.activities.filter((a) => a.method === 'PUT' && a.activityId === message.activityId)).toEqual([]);

    const own = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, draft));
    expect(own.body.type).toBe(CARD);
    expect(JSON.stringify(own.body.value)).toContain('Draft for Max Mustermann');
    expect(await h.db.prisma.emailReview.count({ where: { leadId: leadIds.max! } })).toBe(1);
    // And the owner's double click still runs once.
    const again = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, draft));
    expect(again.body.type).toBe(MESSAGE);
    expect(await h.db.prisma.emailReview.count({ where: { leadId: leadIds.max! } })).toBe(1);
  });

  it("a colleague's Confirm is refused (also with the owner stamp removed) and the owner's Confirm after it changes the lead", async () => {
    const { conv, message, content } = await leadListCard();
    const asked = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, buttonData(content, 'Mark contacted', leadIds.ola!)));
    const confirm = buttonData(asked.body.value, 'Confirm');
    expect(confirm.salesosOwner).toBe(rep.id);

    const foreign = await h.post(executeInvoke(h.connector, colleague, conv, message.activityId, confirm));
    expect(foreign.body.type).toBe(MESSAGE);
    // A client that strips the owner from the button is still refused: the confirmation is bound to its requester.
    const { salesosOwner: _dropped, ...unstamped } = confirm;
    const forged = await h.post(executeInvoke(h.connector, colleague, conv, message.activityId, unstamped));
    expect(forged.body.type).toBe(MESSAGE);
    expect(forged.body.value).toMatch(/requested by someone else/);
    expect((await h.container.leads.getById(leadIds.ola!))?.status).toBe('new');

    const own = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, confirm));
    expect(own.body.type).toBe(CARD);
    expect(JSON.stringify(own.body.value)).toContain('Confirmed: ');
    expect((await h.container.leads.getById(leadIds.ola!))?.status).toBe('contacted');
  });

  it('a click that fails (enrichment agent down) keeps the card, says why, and the same button works once the agent is back', async () => {
    const { conv, message, content } = await leadListCard();
    const enrich = buttonData(content, 'Enrich', leadIds.jane!);
    await agent.setMode('down');
    const failed = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, enrich));
    expect(failed.body.type).toBe(MESSAGE);
    expect(await h.db.prisma.enrichmentHistory.count({ where: { leadId: leadIds.jane! } })).toBe(0);

    await agent.setMode('normal');
    const retried = await h.post(executeInvoke(h.connector, rep, conv, message.activityId, enrich));
    expect(retried.body.type).toBe(CARD);
    expect(JSON.stringify(retried.body.value)).toContain('Enrichment: Jane Doe');
    expect(await h.db.prisma.enrichmentHistory.count({ where: { leadId: leadIds.jane! } })).toBe(1);
  });
});
