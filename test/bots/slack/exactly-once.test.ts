// Exactly one reply, through the real POST /slack/events against the fake Web API: a post whose answer is
// lost or never comes (SLACK_API_TIMEOUT_MS) is looked up in the thread by its metadata before it is sent
// again; the WebClient never re-sends a post by itself; a reply that cannot be delivered is logged and audited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPLY_EVENT_TYPE } from '../../../bots/slack/post-once.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import { nextEventId, startSlackHarness, type SlackHarness } from './harness.ts';

let h: SlackHarness;
let n = 0;
const ts = () => `1700003000.${String(++n).padStart(6, '0')}`;
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 20, streaming: false, env: { SLACK_API_TIMEOUT_MS: '1500' } });
  h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

async function mention(thread: string) {
  const eventId = nextEventId();
  await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: thread, text: '<@UBOT> help' }, { eventId });
  return eventId;
}
const inThread = (thread: string) => h.fake.messages.filter((m) => m.channel === 'C1' && m.thread_ts === thread);

describe('exactly one reply', () => {
  it('marks every reply message with its turn and part (message metadata)', async () => {
    const thread = ts();
    const eventId = await mention(thread);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(post.body.metadata).toEqual({ event_type: REPLY_EVENT_TYPE, event_payload: { turn: eventId, part: 0 } });
  });

  it('does not post again when Slack stored the message and the answer was lost', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'lost_response' });
    await mention(thread);
    const check = await h.fake.waitForCall('conversations.replies');
    expect(check.body).toMatchObject({ channel: 'C1', ts: thread, include_all_metadata: 'true' });
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(inThread(thread)).toHaveLength(1);
  });

  it('gives up on a post that never answers after SLACK_API_TIMEOUT_MS, finds it in the thread, and posts nothing more', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'hang', stored: true });
    await mention(thread);
    await h.fake.waitForCall('conversations.replies', undefined, 10_000);
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(inThread(thread)).toHaveLength(1);
  });

  it('posts once more when the thread shows the lost post never arrived, so the rep still gets one answer', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'hang', stored: false });
    await mention(thread);
    await h.fake.waitForCall('chat.postMessage', () => h.fake.callsTo('chat.postMessage').length === 2, 10_000);
    await settle();
    const methods = h.fake.calls.map((c) => c.method).filter((m) => m !== 'users.info');
    // Looked up between the two attempts, never two posts in a row.
    expect(methods).toEqual(['chat.postMessage', 'conversations.replies', 'chat.postMessage']);
    expect(inThread(thread)).toHaveLength(1);
  });

  it('never lets the WebClient re-send a post after a 5xx by itself', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'http_500' });
    await mention(thread);
    await h.fake.waitForCall('chat.postMessage', () => h.fake.callsTo('chat.postMessage').length === 2, 10_000);
    const methods = h.fake.calls.map((c) => c.method).filter((m) => m !== 'users.info');
    expect(methods.slice(0, 3)).toEqual(['chat.postMessage', 'conversations.replies', 'chat.postMessage']);
  });

  it('checks a DM without a thread through conversations.history', async () => {
    const eventId = nextEventId();
    h.fake.failNext('chat.postMessage', { kind: 'lost_response' });
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: 'help' }, { eventId });
    const check = await h.fake.waitForCall('conversations.history');
    expect(check.body).toMatchObject({ channel: 'D1', include_all_metadata: 'true' });
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.messages.filter((m) => m.channel === 'D1')).toHaveLength(1);
  });

  it('does not post again when the thread cannot be read back (a duplicate is worse than a reported gap)', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'lost_response' });
    h.fake.failNext('conversations.replies', { kind: 'error', error: 'missing_scope' }, 5);
    const eventId = await mention(thread);
    await h.fake.waitForCall('conversations.replies');
    await settle(600);
    // The answer was stored once; the apology that follows is a different message (part 1), never the answer again.
    const answers = inThread(thread).filter((m) => m.metadata?.event_payload.part === 0);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.metadata!.event_payload.turn).toBe(eventId);
  });
});

describe('a reply that cannot be delivered', () => {
  it('is logged and audited (kind delivery) with the Web API failure, after a bounded wait', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'hang' }, 10);
    const eventId = await mention(thread);
    // The audit row must appear within 120 polls (~12 s): four deadlines of 1.5 s, not an open-ended hang.
    let row;
    for (let i = 0; i < 120 && !row; i++) {
      await settle(100);
      row = (await h.db.prisma.auditEntry.findMany({ where: { kind: 'delivery' } })).find((r) => JSON.stringify(r.input).includes(eventId));
    }
    expect(row).toBeDefined();
    expect(row).toMatchObject({ name: 'slack.reply', platform: 'slack', outcome: 'error', errorCode: 'timeout' });
    expect(row!.actorId).not.toBeNull();
    expect(row!.input).toMatchObject({ delivery: eventId, channel: 'C1', threadTs: thread, deliveredAs: 'failed' });
    expect(inThread(thread)).toHaveLength(0);
  });
});

describe('a slash command whose response_url never answers', () => {
  it('gives up after SLACK_API_TIMEOUT_MS and audits the undelivered answer', async () => {
    h.fake.failNext('response_url:slow', { kind: 'hang' }, 5);
    const triggerId = `trig.${nextEventId()}`;
    await h.sendCommand('help', { userId: 'U1', responseId: 'slow', triggerId });
    // The audit row must appear within 120 polls (~12 s): four deadlines of 1.5 s, not an open-ended hang.
    let row;
    for (let i = 0; i < 120 && !row; i++) {
      await settle(100);
      row = (await h.db.prisma.auditEntry.findMany({ where: { kind: 'delivery' } })).find((r) => JSON.stringify(r.input).includes(triggerId));
    }
    expect(row).toMatchObject({ name: 'slack.reply', outcome: 'error', errorCode: 'timeout' });
  });
});
