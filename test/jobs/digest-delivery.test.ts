// Digests through the real scheduler and worker (Redis), the real database, the fake Slack Web API and
// the fake Bot Connector: delivery, exactly once, retries with backoff, unreachable identities, DST.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatSenders } from '../../app/chat-senders.ts';
import { buildDigestServices, startDigestBackground } from '../../app/digest-background.ts';
import { periodFor, runDigest } from '../../core/digest/run-digest.ts';
import { DIGEST_QUEUE, type DigestJobData } from '../../core/jobs/queues.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { createManager, dropPrefix, REDIS_URL, uniquePrefix, until } from './digest-fixtures.ts';

const prefix = uniquePrefix('delivery');
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let c: TestContainer;
let background: { close(): Promise<void> };
let queue: Queue<DigestJobData>;
let redis: Redis;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  connector = await startFakeBotConnector();
  c = await createTestContainer({
    REDIS_URL,
    SLACK_BOT_TOKEN: 'xoxb-digest',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  });
  background = await startDigestBackground(c, buildChatSenders(c), {
    prefix,
    pollMs: 100,
    concurrency: 4,
    // Fire every second instead of at 08:30: the period (and its key) still comes from the local date.
    repeat: () => ({ every: 1000 }),
    jobOptions: { attempts: 4, backoff: { type: 'fixed', delay: 300 } },
    // Failed deliveries: backoff from 300 ms, and a retry budget of 3 s instead of hours.
    retry: { baseMs: 300, capMs: 600, budgetMs: 3000 },
    // "Due" follows the cron pattern, which this file replaces with `repeat`; digest-reconcile.test.ts covers it.
    reconcileDue: false,
  });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection: redis, prefix });
}, 60_000);

afterAll(async () => {
  await background?.close();
  await queue?.close();
  redis?.disconnect();
  await dropPrefix(prefix);
  await c?.db.drop();
  await slack?.close();
  await connector?.close();
});

const postsTo = (channel: string) => slack.callsTo('chat.postMessage').filter((call) => call.body.channel === channel).length;
const runOf = (managerId: string) => c.db.prisma.digestRun.findFirst({ where: { managerId }, include: { deliveries: { orderBy: { platform: 'asc' } } } });
const finished = (managerId: string) =>
  until('the digest run to finish', async () => {
    const run = await runOf(managerId);
    return run && run.status !== 'running' ? run : undefined;
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduled digests', () => {
  it('the scheduler fires and the manager gets the digest blocks as a Slack DM, once for the period', async () => {
    const m = await createManager(c.db.prisma, { slack: true });
    const channel = `D${m.slackUserId}`;
    const post = await slack.waitForCall('chat.postMessage', (call) => call.body.channel === channel, 10_000);
    expect(post.token).toBe('xoxb-digest');
    expect(post.body.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringContaining(m.teamName) } });
    expect(JSON.stringify(post.body.blocks)).toContain('Hot leads not contacted yet');
    const opened = slack.callsTo('conversations.open').find((call) => call.body.users === m.slackUserId);
    expect(opened).toBeDefined();
    // The DM channel is remembered for next time.
    const identity = await c.db.prisma.platformIdentity.findFirstOrThrow({ where: { userId: m.id, platform: 'slack' } });
    expect(identity.address).toEqual({ channel });
    // The scheduler keeps firing every second; the period is the same, so nothing more is sent.
    await sleep(2500);
    expect(postsTo(channel)).toBe(1);
    const run = await finished(m.id);
    expect(run.status).toBe('sent');
    expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', attempts: 1 }]);
  });

  it('a Teams-only manager gets the digest as a proactive Adaptive Card', async () => {
    const m = await createManager(c.db.prisma, { teams: { serviceUrl: connector.serviceUrl } });
    const sent = await connector.waitFor((a) => a.conversationId === m.teamsConversationId, 10_000);
    const attachment = sent.activity.attachments[0];
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachment.content)).toContain(m.teamName);
    await sleep(1500);
    expect(connector.activities.filter((a) => a.conversationId === m.teamsConversationId)).toHaveLength(1);
    expect((await finished(m.id)).deliveries).toMatchObject([{ platform: 'teams', status: 'sent' }]);
  });

  it('a paused digest has no job scheduler and sends nothing', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    await sleep(1500);
    expect(await queue.getJobScheduler(`digest:${m.id}`)).toBeUndefined();
    expect(postsTo(`D${m.slackUserId}`)).toBe(0);
    expect(await runOf(m.id)).toBeNull();
  });
});

describe('exactly once and retries', () => {
  // A fixed Monday morning: the period (Friday to Sunday) and everything else must not depend on today.
  const fireAt = '2026-11-23T07:30:00.000Z';

  it('a duplicated job sends one message', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    await queue.addBulk([
      { name: 'digest', data: { managerId: m.id, fireAt }, opts: { jobId: `dup-1-${m.id}`, attempts: 5, backoff: { type: 'fixed', delay: 200 } } },
      { name: 'digest', data: { managerId: m.id, fireAt }, opts: { jobId: `dup-2-${m.id}`, attempts: 5, backoff: { type: 'fixed', delay: 200 } } },
      { name: 'digest', data: { managerId: m.id, fireAt }, opts: { jobId: `dup-3-${m.id}`, attempts: 5, backoff: { type: 'fixed', delay: 200 } } },
    ]);
    await finished(m.id);
    const states = () => Promise.all([1, 2, 3].map(async (i) => (await queue.getJob(`dup-${i}-${m.id}`))?.getState()));
    await until('all three jobs to complete', async () => (await states()).every((s) => s === 'completed') || undefined);
    await sleep(300);
    expect(postsTo(`D${m.slackUserId}`)).toBe(1);
    expect(await c.db.prisma.digestRun.count({ where: { managerId: m.id } })).toBe(1);
  });

  it('two runs of the same period at the same moment send one message', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    const services = buildDigestServices(c, buildChatSenders(c));
    const req = { managerId: m.id, fireAt: new Date(fireAt), scheduled: false };
    const outcomes = await Promise.all([runDigest(services, req), runDigest(services, req), runDigest(services, req)]);
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(1);
    // The others either found the row locked or found it already sent.
    for (const o of outcomes.filter((x) => x.status !== 'sent')) expect(['in_progress', 'already_done']).toContain(o.status);
    expect(postsTo(`D${m.slackUserId}`)).toBe(1);
  });

  it('a job whose delivery fails twice is retried with growing, jittered backoff and sends one message', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    const channel = `D${m.slackUserId}`;
    slack.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks_format' }, 2);
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    expect(run.status).toBe('sent');
    expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', attempts: 3, error: null }]);
    const calls = slack.callsTo('chat.postMessage').filter((call) => call.body.channel === channel);
    expect(calls).toHaveLength(3);
    // Backoff: at least half of 300 ms, then at least half of 600 ms.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(140);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(290);
  });

  it("a 429 is retried no earlier than Slack's Retry-After", async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    const channel = `D${m.slackUserId}`;
    slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', attempts: 2 }]);
    const calls = slack.callsTo('chat.postMessage').filter((call) => call.body.channel === channel);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('a 500 after Slack stored the message is not posted twice: the retry finds the run id in the DM history', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    const channel = `D${m.slackUserId}`;
    slack.failNext('chat.postMessage', { kind: 'http_500', stored: true });
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    expect(run.status).toBe('sent');
    expect(slack.messagesIn(channel)).toHaveLength(1);
    expect(slack.messagesIn(channel)[0]!.metadata).toEqual({ event_type: 'salesos_digest', event_payload: { run_id: run.id } });
    expect(slack.callsTo('conversations.history').filter((call) => call.body.channel === channel)).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').filter((call) => call.body.channel === channel)).toHaveLength(1);
    expect(run.deliveries[0]).toMatchObject({ status: 'sent', attempts: 2, ref: slack.messagesIn(channel)[0]!.ts });
  });

  it('a 500 before Slack stored anything is posted again after the history shows no such message', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    const channel = `D${m.slackUserId}`;
    slack.failNext('chat.postMessage', { kind: 'http_500' });
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    expect(run.status).toBe('sent');
    expect(slack.callsTo('conversations.history').filter((call) => call.body.channel === channel)).toHaveLength(1);
    expect(slack.messagesIn(channel)).toHaveLength(1);
  });

  it('a delivery that keeps failing is recorded as failed, truthfully, when the retry budget is spent', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    slack.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks_format' }, 100);
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await until(
      'the run to give up',
      async () => {
        const r = await runOf(m.id);
        return r?.status === 'failed' ? r : undefined;
      },
      15_000,
    );
    slack.reset();
    expect(run.reason).toMatch(/^gave up after \d+ attempts over \d+ min: slack: .*invalid_blocks_format/);
    expect(run.reason).not.toMatch(/will be retried/);
    expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'failed', error: expect.stringContaining('invalid_blocks_format') }]);
    // Retried while the 3 s budget lasted (how many times depends on the jittered backoff and the machine).
    expect(run.deliveries[0]!.attempts).toBeGreaterThanOrEqual(2);
  });

  it('an unreachable Slack identity is skipped with a record and Teams still gets the digest', async () => {
    const m = await createManager(c.db.prisma, { slack: true, teams: { serviceUrl: connector.serviceUrl }, paused: true });
    slack.failNext('conversations.open', { kind: 'error', error: 'user_not_found' });
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    expect(run.status).toBe('partial');
    expect(run.deliveries).toMatchObject([
      { platform: 'slack', status: 'skipped', error: expect.stringContaining('user_not_found') },
      { platform: 'teams', status: 'sent' },
    ]);
    const identity = await c.db.prisma.platformIdentity.findFirstOrThrow({ where: { userId: m.id, platform: 'slack' } });
    expect(identity.unreachableReason).toMatch(/user_not_found/);
    expect(connector.activities.filter((a) => a.conversationId === m.teamsConversationId)).toHaveLength(1);
  });

  it('a Teams 429 is retried no earlier than its Retry-After, sends one card, and records the activity id', async () => {
    const m = await createManager(c.db.prisma, { teams: { serviceUrl: connector.serviceUrl }, paused: true });
    connector.fail({ status: 429, retryAfterSeconds: 1, pathIncludes: m.teamsConversationId!, times: 1 });
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    const sent = connector.activities.filter((a) => a.conversationId === m.teamsConversationId);
    expect(sent).toHaveLength(1);
    expect(run.deliveries).toMatchObject([{ platform: 'teams', status: 'sent', ref: sent[0]!.activityId }]);
    const tries = connector.requests.filter((r) => r.path.includes(m.teamsConversationId!));
    expect(tries.map((r) => r.status)).toEqual([429, 201]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('waiting for a delivery another worker holds spends no retry budget: the job sends once it is free', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    const services = buildDigestServices(c, buildChatSenders(c));
    const at = new Date('2026-12-08T07:30:00Z');
    // Another worker holds the Slack delivery (a fresh claim) for longer than the 3 s retry budget.
    const period = await periodFor(services, m.id, 'Europe/Berlin', 'daily', '30 8 * * 1-5', at);
    const run = await services.runs.ensure(m.id, period);
    await services.runs.claim(run.id, null, ['slack']);
    await queue.add('digest', { managerId: m.id, fireAt: at.toISOString() });
    await sleep(4000);
    expect(postsTo(`D${m.slackUserId}`)).toBe(0);
    // It lets go without sending (its attempt failed, for sure not delivered): the waiting job takes over and sends.
    await services.runs.settle(run.id, [{ platform: 'slack', status: 'failed', error: 'the other worker gave way', uncertain: false }], false);
    const done = await finished(m.id);
    expect(done.status).toBe('sent');
    expect(done.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', attempts: 2 }]);
    expect(postsTo(`D${m.slackUserId}`)).toBe(1);
  }, 30_000);

  it('a manager with no chat identity gets a skipped run, not an error', async () => {
    const m = await createManager(c.db.prisma, { paused: true });
    await queue.add('digest', { managerId: m.id, fireAt });
    const run = await finished(m.id);
    expect(run.status).toBe('skipped');
    expect(run.deliveries).toEqual([]);
  });
});

describe('daylight-saving changes', () => {
  it('the two 02:30s of the autumn change in Berlin give one digest', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true });
    await queue.add('digest', { managerId: m.id, fireAt: '2026-10-25T00:30:00Z' });
    await queue.add('digest', { managerId: m.id, fireAt: '2026-10-25T01:30:00Z' });
    await finished(m.id);
    await sleep(500);
    expect(postsTo(`D${m.slackUserId}`)).toBe(1);
    const runs = await c.db.prisma.digestRun.findMany({ where: { managerId: m.id } });
    expect(runs.map((r) => r.periodKey)).toEqual(['2026-10-25']);
  });

  it('a New York manager gets one digest on each side of the spring change', async () => {
    const m = await createManager(c.db.prisma, { slack: true, paused: true, timeZone: 'America/New_York' });
    // 02:30 does not exist on 8 Mar 2026; the scheduler fires at 03:30 EDT (07:30Z) instead.
    for (const fireAt of ['2026-03-07T07:30:00Z', '2026-03-08T07:30:00Z', '2026-03-09T06:30:00Z']) await queue.add('digest', { managerId: m.id, fireAt });
    await until('three runs', async () => (await c.db.prisma.digestRun.count({ where: { managerId: m.id, status: 'sent' } })) === 3 || undefined);
    const runs = await c.db.prisma.digestRun.findMany({ where: { managerId: m.id }, orderBy: { periodKey: 'asc' } });
    expect(runs.map((r) => r.periodKey)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(postsTo(`D${m.slackUserId}`)).toBe(3);
  });

  it("BullMQ's scheduler moves a 02:30 Berlin digest to 03:30 on the spring-forward day", async () => {
    await queue.upsertJobScheduler(
      'dst-probe',
      { pattern: '30 2 * * *', tz: 'Europe/Berlin', startDate: '2027-03-27T12:00:00Z' },
      { name: 'probe', data: { managerId: 'none' } },
    );
    const scheduler = await queue.getJobScheduler('dst-probe');
    expect(new Date(scheduler!.next!).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    await queue.removeJobScheduler('dst-probe');
  });
});
