// Slack's ChatSender outside digests: a proactive message goes to the user's DM, opened once and then
// kept as the identity's address; a user Slack says is gone is marked unreachable and not written to
// again; a failed post says whether it may have landed. Real database, fake Slack Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackSender } from '../../../bots/slack/sender.ts';
import { DigestRepository } from '../../../core/db/digest-repository.ts';
import { log } from '../../../core/log.ts';
import { DeliveryFailure, type ChatSender, type Recipient } from '../../../core/platforms/sender.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';

let db: TestDatabase;
let slack: FakeSlackApi;
let sender: ChatSender;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  slack = await startFakeSlackApi();
  sender = createSlackSender({ botToken: 'xoxb-test', apiUrl: slack.url, identities: new DigestRepository(db.prisma), log, timeoutMs: 2000 });
  userId = (await db.prisma.user.create({ data: { email: 'rep@t.io', name: 'Rep', role: 'rep', timeZone: 'UTC' } })).id;
});

afterAll(async () => {
  await slack?.close();
  await db?.drop();
});

async function recipient(externalUserId: string): Promise<Recipient> {
  const identity = await db.prisma.platformIdentity.create({ data: { userId, platform: 'slack', tenantId: 'T0FAKE', externalUserId } });
  return { id: identity.id, externalUserId, address: identity.address, unreachableAt: identity.unreachableAt };
}

const reload = (id: string) => db.prisma.platformIdentity.findUniqueOrThrow({ where: { id } });

describe('Slack sender, proactive messages', () => {
  it('opens the DM once, keeps it as the address, and posts there', async () => {
    const to = await recipient('UPRO1');
    const first = await sender.sendProactive(to, 'Your import finished: 12 leads.');
    expect(first.status).toBe('sent');
    expect((await reload(to.id)).address).toEqual({ channel: 'DUPRO1' });
    const stored = await reload(to.id);
    const second = await sender.sendProactive({ ...to, address: stored.address }, { type: 'error', message: 'The enrichment agent is down.' });
    expect(second.status).toBe('sent');
    expect(slack.callsTo('conversations.open').filter((c) => c.body.users === 'UPRO1')).toHaveLength(1);
    const posted = slack.messagesIn('DUPRO1');
    expect(posted.map((m) => m.text)).toEqual([expect.stringContaining('12 leads'), expect.stringContaining('enrichment agent')]);
    expect(first).toEqual({ status: 'sent', ref: posted[0]!.ts });
  });

  it('marks a user Slack says is gone unreachable and then sends nothing more', async () => {
    const to = await recipient('UGONE');
    slack.removeUser('UGONE');
    const result = await sender.sendProactive(to, 'hello');
    expect(result).toEqual({ status: 'unreachable', reason: 'Slack refused the DM (user_not_found)' });
    const marked = await reload(to.id);
    expect(marked.unreachableReason).toBe('Slack refused the DM (user_not_found)');
    const posts = slack.callsTo('chat.postMessage').length;
    expect(await sender.sendProactive({ ...to, unreachableAt: marked.unreachableAt }, 'again')).toEqual({
      status: 'skipped',
      reason: 'identity is marked unreachable',
    });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('throws a failure that says the message may have landed when Slack answers 500 to the post', async () => {
    const to = await recipient('UFAIL');
    slack.failNext('chat.postMessage', { kind: 'http_500', stored: true });
    const err = await sender.sendProactive(to, 'maybe').catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryFailure);
    expect(err).toMatchObject({ uncertain: true, userMessage: 'Slack did not accept the message.' });
  });

  it('throws a failure that says nothing was posted when the DM could not be opened (rate limited)', async () => {
    const to = await recipient('URATE');
    slack.failNext('conversations.open', { kind: 'rate_limited', retryAfterSeconds: 2 });
    const err = await sender.sendProactive(to, 'later').catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryFailure);
    expect(err).toMatchObject({ uncertain: false, retryAfterMs: 2000 });
    expect(slack.messagesIn('DURATE')).toHaveLength(0);
  });
});
