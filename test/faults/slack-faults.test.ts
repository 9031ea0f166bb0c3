// Slack's Web API failing on chat.postMessage (500, 429, no answer), through the real endpoint, bot and
// assistant: the rep still gets an answer or a clear apology, the turn is audited, and the next mention works.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fake-slack-api.ts';
import { startSlackHarness, type SlackHarness } from '../bots/slack/harness.ts';

let h: SlackHarness;
let n = 0;
const ts = () => `1700000100.${String(++n).padStart(6, '0')}`;

beforeAll(async () => {
  h = await startSlackHarness({ streaming: false, apiTimeoutMs: 300 });
  h.fake.addUser({ id: 'U7', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com', tz: 'Europe/Berlin' });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

const okPostsIn = (thread: string) => (c: SlackCall) => c.body.thread_ts === thread;

async function mention(thread: string, text = 'help'): Promise<void> {
  const res = await h.sendEvent({ type: 'app_mention', user: 'U7', channel: 'C7', ts: thread, text: `<@UBOT> ${text}` });
  expect(res.status).toBe(200);
}

async function turnsAudited(): Promise<number> {
  return h.db.prisma.auditEntry.count({ where: { kind: 'model' } });
}

async function expectNextMentionAnswered(): Promise<void> {
  h.fake.reset();
  const next = ts();
  await mention(next);
  const post = await h.fake.waitForCall('chat.postMessage', okPostsIn(next), 15_000);
  expect(String(post.body.text)).toContain('SalesOS');
}

describe('Slack failing chat.postMessage', () => {
  it('HTTP 500: the rep gets the answer or a clear apology, never silence', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'http_500' }, 1);
    const audited = await turnsAudited();
    const thread = ts();
    await mention(thread);
    const delivered = await h.fake.waitForCall('chat.postMessage', (c) => okPostsIn(thread)(c) && h.fake.callsTo('chat.postMessage').indexOf(c) > 0, 15_000);
    expect(String(delivered.body.text)).toMatch(/SalesOS|couldn't post my whole answer/);
    expect(await turnsAudited()).toBeGreaterThan(audited);
    await expectNextMentionAnswered();
  }, 30_000);

  it('HTTP 429 with Retry-After: waited for and retried, the answer arrives', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 1);
    const thread = ts();
    await mention(thread);
    const second = await h.fake.waitForCall('chat.postMessage', (c) => okPostsIn(thread)(c) && h.fake.callsTo('chat.postMessage').filter(okPostsIn(thread)).indexOf(c) === 1, 15_000);
    expect(String(second.body.text)).toContain('SalesOS');
    await expectNextMentionAnswered();
  }, 30_000);

  it('no answer at all: each attempt times out (never a hung turn), and the rep still gets the answer or an apology', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'hang' }, 3);
    const thread = ts();
    await mention(thread);
    const delivered = await h.fake.waitForCall('chat.postMessage', (c) => okPostsIn(thread)(c) && h.fake.callsTo('chat.postMessage').filter(okPostsIn(thread)).indexOf(c) >= 3, 25_000);
    expect(String(delivered.body.text)).toMatch(/SalesOS|couldn't post my whole answer/);
    await expectNextMentionAnswered();
  }, 40_000);
});
