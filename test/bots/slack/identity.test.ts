// SLACK_UNKNOWN_USERS=deny: people without a SalesOS account are told how to get access, and nothing runs;
// a Slack user whose email already belongs to a SalesOS user is linked to that user.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_MESSAGE } from '../../../bots/slack/identity.ts';
import { startSlackHarness, TEAM, type SlackHarness } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ unknownUsers: 'deny' });
  h.fake.addUser({ id: 'U7', name: 'stranger', email: 'stranger@example.com' });
  h.fake.addUser({ id: 'U8', name: 'mia', realName: 'Mia Manager', email: 'Mia@Example.com' });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

describe('Slack identity in deny mode', () => {
  it('tells an unknown user how to get access and creates no account', async () => {
    await h.sendEvent({ type: 'app_mention', user: 'U7', channel: 'C1', ts: '1700002000.000001', text: '<@UBOT> find leads' });
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.body.text).toBe(ACCESS_DENIED_MESSAGE);
    expect(post.body.thread_ts).toBe('1700002000.000001');
    expect(await h.container.users.getByEmail('stranger@example.com')).toBeUndefined();
  });

  it('tells an unknown user once: Slack retries of the refused event are not answered again', async () => {
    const ts = '1700002000.000003';
    const event = { type: 'app_mention', user: 'U7', channel: 'C1', ts, text: '<@UBOT> find leads' };
    await h.sendEvent(event, { eventId: 'EvDeniedRetry' });
    await h.fake.waitForCall('chat.postMessage');
    expect((await h.sendEvent(event, { eventId: 'EvDeniedRetry', retryNum: 1 })).status).toBe(200);
    expect((await h.sendEvent(event, { eventId: 'EvDeniedRetry', retryNum: 2 })).status).toBe(200);
    // The retries were acknowledged; wait for anything they might still post before counting.
    await new Promise((r) => setTimeout(r, 300));
    const posts = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(posts.map((c) => c.body.text)).toEqual([ACCESS_DENIED_MESSAGE]);
  });

  it('tells a person once when their turn fails before the assistant runs (Slack profile lookup fails), however often Slack retries', async () => {
    const ts = '1700002000.000004';
    h.fake.addUser({ id: 'U9', name: 'newbie', email: 'newbie@example.com' });
    h.fake.failNext('users.info', { kind: 'error', error: 'fatal_error' }, 10);
    const event = { type: 'app_mention', user: 'U9', channel: 'C1', ts, text: '<@UBOT> find leads' };
    await h.sendEvent(event, { eventId: 'EvFailedRetry' });
    await h.fake.waitForCall('chat.postMessage');
    await h.sendEvent(event, { eventId: 'EvFailedRetry', retryNum: 1 });
    await new Promise((r) => setTimeout(r, 300));
    const posts = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(posts).toHaveLength(1);
  });

  it('links a Slack user to the existing SalesOS user with the same email', async () => {
    const mia = await h.container.users.create({ email: 'mia@example.com', name: 'Mia Manager', role: 'manager', timeZone: 'UTC' });
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U8', channel: 'D8', ts: '1700002000.000002', text: 'help' });
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.body.text).not.toBe(ACCESS_DENIED_MESSAGE);
    expect(await h.container.users.resolveIdentity('slack', TEAM, 'U8')).toMatchObject({ id: mia.id, role: 'manager' });
  });
});
