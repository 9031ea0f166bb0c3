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

  it('links a Slack user to the existing SalesOS user with the same email', async () => {
    const mia = await h.container.users.create({ email: 'mia@example.com', name: 'Mia Manager', role: 'manager', timeZone: 'UTC' });
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U8', channel: 'D8', ts: '1700002000.000002', text: 'help' });
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.body.text).not.toBe(ACCESS_DENIED_MESSAGE);
    expect(await h.container.users.resolveIdentity('slack', TEAM, 'U8')).toMatchObject({ id: mia.id, role: 'manager' });
  });
});
