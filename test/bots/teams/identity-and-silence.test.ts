import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT, conversation, messageActivity, person, registerMember, startTeamsHarness, TENANT, type Person, type TeamsHarness } from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
}, 60_000);
afterAll(async () => h?.close());

/** One 1:1 message; `aad: false` leaves the AAD object id out, as Teams does when it cannot fill it in. */
async function say(p: Person, text: string, opts: { aad: boolean }) {
  const conv = conversation({ kind: 'personal' });
  const activity = messageActivity(h.connector, p, conv, text);
  if (!opts.aad) activity.from = { id: p.id, name: p.name };
  await h.post(activity);
  await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
  await h.bot.drain();
}

const usersNamed = (name: string) => h.db.prisma.user.findMany({ where: { name }, include: { identities: true } });

describe('one person, one user', () => {
  it('a first message without the AAD id (member lookup failed) and a later one with it are the same user, with the real email', async () => {
    const p = person('Amir Later');
    await say(p, 'how much budget do I have left?', { aad: false });
    const [placeholder] = await usersNamed(p.name);
    expect(placeholder!.email).toMatch(/@teams\.invalid$/);

    registerMember(h.connector, p);
    await say(p, 'how much budget do I have left?', { aad: true });
    const after = await usersNamed(p.name);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(placeholder!.id);
    expect(after[0]!.email).toBe(p.email);
    expect(after[0]!.identities.map((i) => [i.tenantId, i.externalUserId, i.teamsUserId])).toEqual([[TENANT, p.aadObjectId, p.id]]);

    // And a later message without the AAD id (lookup failing again) still finds them.
    h.connector.members.delete(p.id);
    await say(p, 'how much budget do I have left?', { aad: false });
    expect(await usersNamed(p.name)).toHaveLength(1);
  });

  it('a first message with the AAD id and a later one without it (lookup failed) are the same user', async () => {
    const p = person('Bea Before');
    registerMember(h.connector, p);
    await say(p, 'how much budget do I have left?', { aad: true });
    h.connector.members.delete(p.id);
    await say(p, 'how much budget do I have left?', { aad: false });
    const users = await usersNamed(p.name);
    expect(users).toHaveLength(1);
    expect(users[0]!.identities).toHaveLength(1);
  });

  it('without the AAD id in the activity, the member lookup supplies it and the user is keyed by it', async () => {
    const p = person('Cem Lookup');
    registerMember(h.connector, p);
    await say(p, 'how much budget do I have left?', { aad: false });
    expect(await h.container.users.resolveIdentity('teams', TENANT, p.aadObjectId)).toMatchObject({ email: p.email });
  });
});

describe('messages with nothing to act on get a helpful reply', () => {
  it('a file without text: explains that only text can be read and what to do', async () => {
    const p = person('Fil Files');
    registerMember(h.connector, p);
    const conv = conversation({ kind: 'personal' });
    const file = {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: 'pitch.pdf',
      content: { downloadUrl: 'https://contoso.sharepoint.com/pitch.pdf', fileType: 'pdf' },
    };
    await h.post(messageActivity(h.connector, p, conv, '', { attachments: [file] }));
    const reply = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(reply.activity.text).toMatch(/can only read text.*Paste the text/);
  });

  it('an image with only the HTML copy of an empty message: the same hint', async () => {
    const p = person('Ina Image');
    registerMember(h.connector, p);
    const conv = conversation({ kind: 'personal' });
    const attachments = [
      { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/amer/v3/attachments/abc/views/original' },
      { contentType: 'text/html', content: '<div><img src="x"></div>' },
    ];
    await h.post(messageActivity(h.connector, p, conv, '', { attachments }));
    const reply = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(reply.activity.text).toMatch(/can't open that file/);
  });

  it('a bare @mention in a channel: a greeting with examples, in the reply chain, once', async () => {
    const p = person('Max Mention');
    registerMember(h.connector, p);
    const conv = conversation({ kind: 'channel', replyChain: '1700000000555' });
    const activity = messageActivity(h.connector, p, conv, '<at>SalesOS</at>&nbsp;', {
      entities: [{ type: 'mention', text: '<at>SalesOS</at>', mentioned: BOT }],
    });
    await Promise.all([h.post(activity), h.post(activity)]);
    const reply = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(reply.activity.text).toMatch(/^Hi Max! Ask me about your leads, for example "find CTOs/);
    await h.bot.drain();
    expect(h.connector.activities.filter((a) => a.conversationId === conv.id && a.activity.type === 'message')).toHaveLength(1);
  });
});
