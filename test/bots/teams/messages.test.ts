import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../app/http-server.ts';
import { createTeamsBot } from '../../../bots/teams/bot.ts';
import { loadConfig } from '../../../core/config.ts';
import { log } from '../../../core/log.ts';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';
import { adaptiveCardProblems } from './validate-card.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
  await h.container.leads.create({
    email: 'jane.doe@acme-payments.de',
    fullName: 'Jane Doe',
    title: 'Chief Technology Officer',
    company: 'Acme Payments',
    industry: 'Fintech',
    country: 'Germany',
    city: 'Berlin',
    score: 80,
  });
  await h.container.leads.create({
    email: 'max@bank.de',
    fullName: 'Max Mustermann',
    title: 'Chief Technology Officer',
    company: 'Bank AG',
    industry: 'Fintech',
    country: 'Germany',
    score: 60,
  });
}, 60_000);
afterAll(async () => h?.close());

describe('Teams messages through POST /api/messages (emulator mode, real assistant)', () => {
  it('a 1:1 message is acknowledged at once and answered with a lead-list card at the connector, streamed', async () => {
    const rep = person('Rita Rep');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    const res = await h.post(messageActivity(h.connector, rep, conv, 'find CTOs in fintech in Germany'));
    expect(res.status).toBe(202);

    const final = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    const card = final.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain('Jane Doe');
    expect(adaptiveCardProblems(card.content)).toEqual([]);
    // 1:1 streaming: an informative update first, the final message tied to its stream id.
    const informative = h.connector.activities.find((a) => a.conversationId === conv.id && a.activity.type === 'typing');
    expect(informative?.activity.channelData).toMatchObject({ streamType: 'informative', streamSequence: 1 });
    const updates = h.connector.activities.filter((a) => a.conversationId === conv.id && a.activity.type === 'typing').slice(1);
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) expect(u.activity.channelData).toMatchObject({ streamId: informative!.activityId });
    expect(final.activity.channelData).toMatchObject({ streamType: 'final', streamId: informative!.activityId });
  });

  it('an unknown Teams user is provisioned as a rep with the name and email from Teams and linked to their AAD id', async () => {
    const rep = person('Nora New');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    await h.post(messageActivity(h.connector, rep, conv, 'how much budget do I have left?'));
    await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    const user = await h.container.users.resolveIdentity('teams', 'tenant-contoso', rep.aadObjectId);
    expect(user).toMatchObject({ email: rep.email, name: rep.name, role: 'rep' });
  });

  it('a channel message that @mentions the bot is answered in its reply chain with the mention stripped', async () => {
    const rep = person('Carl Channel');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'channel', replyChain: '1700000000001' });
    const activity = messageActivity(h.connector, rep, conv, '<at>SalesOS</at> find CTOs in fintech in Germany', {
      entities: [{ type: 'mention', text: '<at>SalesOS</at>', mentioned: { id: '28:salesos-bot', name: 'SalesOS' } }],
    });
    expect((await h.post(activity)).status).toBe(202);
    const final = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(JSON.stringify(final.activity.attachments)).toContain('Jane Doe');
    // Not 1:1: a typing indicator, no streaming entities.
    expect(h.connector.activities.some((a) => a.conversationId === conv.id && a.activity.type === 'typing' && !a.activity.entities)).toBe(true);
    expect(final.activity.channelData?.streamType).toBeUndefined();
    // Memory is per reply chain, keyed by the chain's conversation id.
    const stored = await h.db.prisma.conversation.findFirst({
      where: { key: `teams:tenant-contoso:${conv.id}` },
      include: { messages: { where: { role: 'user' } } },
    });
    expect(stored?.messages.map((m) => m.text)).toEqual(['find CTOs in fintech in Germany']);
  });

  it('a retried activity (same id) gets exactly one reply', async () => {
    const rep = person('Rob Retry');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'groupChat' });
    const activity = messageActivity(h.connector, rep, conv, 'find CTOs in fintech in Germany');
    const [a, b] = await Promise.all([h.post(activity), h.post(activity)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    await h.connector.waitFor((x) => x.conversationId === conv.id && x.activity.type === 'message');
    await h.bot.drain();
    expect(h.connector.activities.filter((x) => x.conversationId === conv.id && x.activity.type === 'message')).toHaveLength(1);
  });

  it('when Teams refuses the stream in a 1:1 chat, the reply still arrives as one plain final message', async () => {
    const rep = person('Fay Fallback');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    h.connector.fail({ status: 403, pathIncludes: `${conv.id}/activities`, times: 1 });
    await h.post(messageActivity(h.connector, rep, conv, 'find CTOs in fintech in Germany'));
    const final = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(JSON.stringify(final.activity.attachments)).toContain('Jane Doe');
    expect(final.activity.channelData?.streamType).toBeUndefined();
  });

  it('with SLACK_UNKNOWN_USERS=deny, a person without an account gets an error card and no account is created; one with an account is linked', async () => {
    const config = loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SLACK_UNKNOWN_USERS: 'deny' });
    const bot = createTeamsBot({ config, assistant: h.container.assistant, users: h.container.users, log });
    const server = createHttpServer();
    server.route('POST', '/api/messages', bot.handleRequest);
    const port = await server.listen(0, '127.0.0.1');
    try {
      const stranger = person('Stan Stranger');
      registerMember(h.connector, stranger);
      const conv = conversation({ kind: 'personal' });
      await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(h.connector, stranger, conv, 'find leads')),
      });
      const final = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
      expect(JSON.stringify(final.activity.attachments)).toContain('You do not have a SalesOS account yet');
      expect(await h.container.users.getByEmail(stranger.email)).toBeUndefined();

      // Someone an admin already added (same email) is linked, as in Slack: one rule for every platform.
      const added = person('Ada Added');
      registerMember(h.connector, added);
      const user = await h.container.users.create({ email: added.email, name: 'Ada Added', role: 'manager', timeZone: 'UTC' });
      const hers = conversation({ kind: 'personal' });
      await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(h.connector, added, hers, 'find leads')),
      });
      const answer = await h.connector.waitFor((a) => a.conversationId === hers.id && a.activity.type === 'message');
      expect(JSON.stringify(answer.activity)).not.toContain('You do not have a SalesOS account yet');
      expect((await h.container.users.identitiesOf(user.id)).map((i) => i.platform)).toEqual(['teams']);
    } finally {
      await bot.drain();
      await server.close(100);
    }
  });

  it('a body that is not an activity is a 400, not a crash', async () => {
    const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":' });
    expect(res.status).toBe(400);
  });
});
