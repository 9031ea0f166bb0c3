// PostgreSQL as the source of truth: after Redis loses its data the reconciler re-creates every job
// scheduler and enqueues each due period; a period due too long ago is recorded as missed and named in
// the next digest; moving the time earlier than now sends the due period at once. The clock is fixed
// (Wednesday 25 November 2026 in Berlin); the job schedulers get a pattern that never fires during the test.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatSenders } from '../../app/chat-senders.ts';
import { buildDigestServices, startDigestBackground } from '../../app/digest-background.ts';
import { periodFor } from '../../core/digest/run-digest.ts';
import { DigestRepository } from '../../core/db/digest-repository.ts';
import type { DigestScheduler } from '../../core/jobs/digest-scheduler.ts';
import { lastDueFire } from '../../core/jobs/digest-reconciler.ts';
import { DIGEST_QUEUE, type DigestJobData } from '../../core/jobs/queues.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { createManager, dropPrefix, REDIS_URL, uniquePrefix, until, type ManagerFixture } from './digest-fixtures.ts';

const prefix = uniquePrefix('reconcile');
let slack: FakeSlackApi;
let c: TestContainer;
let background: { close(): Promise<void>; scheduler?: DigestScheduler };
let queue: Queue<DigestJobData>;
let redis: Redis;
// The reconciler's clock; each test moves it.
let clock = new Date('2026-11-25T09:00:00Z');

/** A manager whose rows all date from 1 November, so their schedule was in force for every period below. */
async function manager(): Promise<ManagerFixture> {
  const m = await createManager(c.db.prisma, { slack: true });
  const pool = c.db.pool;
  await pool.query(`UPDATE users SET "updatedAt" = '2026-11-01T00:00:00Z' WHERE id = $1::uuid`, [m.id]);
  await pool.query(`UPDATE teams SET "updatedAt" = '2026-11-01T00:00:00Z' WHERE "managerId" = $1::uuid`, [m.id]);
  return m;
}

const runsOf = (managerId: string) => c.db.prisma.digestRun.findMany({ where: { managerId }, orderBy: { periodEnd: 'asc' }, include: { deliveries: true } });
const runFor = (managerId: string, periodKey: string, status = 'sent') =>
  until(
    `the ${periodKey} run to be ${status}`,
    async () => {
      const run = await c.db.prisma.digestRun.findUnique({ where: { managerId_periodKey: { managerId, periodKey } }, include: { deliveries: true } });
      return run?.status === status ? run : undefined;
    },
    20_000,
  );
const postsTo = (m: ManagerFixture) => slack.messagesIn(`D${m.slackUserId}`);

beforeAll(async () => {
  slack = await startFakeSlackApi();
  c = await createTestContainer({
    REDIS_URL,
    SLACK_BOT_TOKEN: 'xoxb-reconcile',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.url,
    DIGEST_RECONCILE_SECONDS: '1',
  });
  background = await startDigestBackground(c, buildChatSenders(c), {
    prefix,
    pollMs: 200,
    now: () => clock,
    // Schedulers exist (and must come back) but never fire here: 29 February, 00:00.
    repeat: () => ({ pattern: '0 0 29 2 *', tz: 'UTC' }),
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
});

describe('the last due fire of a schedule', () => {
  it('is the latest cron time at or before now, in the manager’s time zone', () => {
    expect(lastDueFire('30 8 * * 1-5', 'Europe/Berlin', new Date('2026-11-25T09:00:00Z'))).toEqual(new Date('2026-11-25T07:30:00Z'));
    expect(lastDueFire('30 8 * * 1-5', 'Europe/Berlin', new Date('2026-11-25T07:00:00Z'))).toEqual(new Date('2026-11-24T07:30:00Z'));
    // Sunday: the last weekday fire was Friday.
    expect(lastDueFire('30 8 * * 1-5', 'Europe/Berlin', new Date('2026-11-29T12:00:00Z'))).toEqual(new Date('2026-11-27T07:30:00Z'));
  });
});

describe('reconciliation with PostgreSQL', () => {
  it('sends the due period of every manager, once, and again only after Redis lost everything for the next period', async () => {
    clock = new Date('2026-11-25T09:00:00Z');
    const ms = [await manager(), await manager(), await manager()];
    for (const m of ms) await runFor(m.id, '2026-11-25');
    for (const m of ms) expect(postsTo(m)).toHaveLength(1);

    // Redis loses every key: job schedulers, jobs, everything.
    await dropPrefix(prefix);
    for (const m of ms) await until('the job scheduler to be re-created', async () => queue.getJobScheduler(`digest:${m.id}`), 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    for (const m of ms) expect(postsTo(m)).toHaveLength(1);

    // The next morning Redis is lost again before the digest fired: reconciliation sends it.
    await dropPrefix(prefix);
    clock = new Date('2026-11-26T08:00:00Z');
    for (const m of ms) {
      const run = await runFor(m.id, '2026-11-26');
      // It continues where Wednesday's stopped: Wednesday 25 November, local midnight to midnight.
      expect(run.periodStart).toEqual(new Date('2026-11-24T23:00:00Z'));
      expect(postsTo(m)).toHaveLength(2);
    }
  }, 90_000);

  it('records a period due longer ago than the lateness window as missed and names it in the next digest', async () => {
    clock = new Date('2026-11-25T06:00:00Z');
    const m = await manager();
    // Thursday evening: Thursday's 08:30 digest is 11.5 h late (the window is 6 h): missed, not sent.
    clock = new Date('2026-11-26T19:00:00Z');
    const missed = await runFor(m.id, '2026-11-26', 'missed');
    expect(missed.reason).toMatch(/not sent within 6 h/);
    expect(postsTo(m)).toHaveLength(0);
    // Friday morning: Friday's digest goes out, and says Thursday's was missed.
    clock = new Date('2026-11-27T08:00:00Z');
    const sent = await runFor(m.id, '2026-11-27');
    expect(sent.periodStart).toEqual(missed.periodEnd);
    expect((sent.content as { missed?: unknown }).missed).toEqual([{ label: 'Wed 25 Nov 2026', reason: missed.reason }]);
    expect(JSON.stringify(postsTo(m)[0]!.blocks)).toContain('Missed (not sent in time): Wed 25 Nov 2026');
    expect(postsTo(m)).toHaveLength(1);
  }, 60_000);

  it('moving the time earlier than now sends the period that is due under the new time at once', async () => {
    // 07:45 in Berlin: the 08:30 digest has not fired yet.
    clock = new Date('2026-11-25T06:45:00Z');
    const m = await manager();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await c.db.prisma.digestRun.count({ where: { managerId: m.id, periodKey: '2026-11-25' } })).toBe(0);
    await new DigestRepository(c.db.prisma).savePreference(m.id, { enabled: true, cadence: 'daily', cron: '30 7 * * 1-5' });
    await runFor(m.id, '2026-11-25');
    expect(postsTo(m)).toHaveLength(1);
  }, 60_000);

  it('an older period still running whose job Redis lost is taken up again; a paused manager’s is cancelled', async () => {
    // Both managers are set up before today's 08:30 (Berlin) is due, so the reconciler (every second) cannot
    // send the paused one today's digest in the moment before its pause is written.
    clock = new Date('2026-11-25T06:00:00Z');
    const services = buildDigestServices(c, buildChatSenders(c));
    const strand = async (m: ManagerFixture) => {
      // Monday's run failed once and was to be retried an hour ago; its job is gone with Redis.
      const period = await periodFor(services, m.id, 'Europe/Berlin', 'daily', '30 8 * * 1-5', new Date('2026-11-23T07:30:00Z'));
      const run = await services.runs.ensure(m.id, period);
      await services.runs.claim(run.id, null, ['slack']);
      await services.runs.settle(run.id, [{ platform: 'slack', status: 'failed', error: 'ratelimited', uncertain: false }], false);
      await c.db.pool.query(`UPDATE digest_runs SET "retryAt" = now() - interval '1 hour', "createdAt" = now() - interval '2 hours' WHERE id = $1::uuid`, [
        run.id,
      ]);
    };
    const active = await manager();
    const paused = await manager();
    await c.db.prisma.digestPreference.create({ data: { userId: paused.id, enabled: false } });
    await strand(active);
    await strand(paused);
    clock = new Date('2026-11-25T09:00:00Z');
    const resumed = await runFor(active.id, '2026-11-23');
    expect(resumed.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', attempts: 2 }]);
    expect(postsTo(active).filter((p) => JSON.stringify(p.blocks).includes('Fri 20 Nov – Sun 22 Nov 2026'))).toHaveLength(1);
    const cancelled = await runFor(paused.id, '2026-11-23', 'cancelled');
    expect(cancelled.reason).toBe('the manager paused the digest');
    expect(postsTo(paused)).toHaveLength(0);
  }, 60_000);

  it('an attempt in flight when the manager paused records a send, never a failure over the cancellation', async () => {
    clock = new Date('2026-11-25T06:00:00Z');
    const services = buildDigestServices(c, buildChatSenders(c));
    const inFlight = async (m: ManagerFixture, day: string) => {
      const period = await periodFor(services, m.id, 'Europe/Berlin', 'daily', '30 8 * * 1-5', new Date(`${day}T07:30:00Z`));
      const run = await services.runs.ensure(m.id, period);
      await services.runs.claim(run.id, null, ['slack']);
      await services.runs.cancelPending(m.id, 'the manager paused the digest');
      return run;
    };
    const m = await manager();
    await c.db.prisma.digestPreference.create({ data: { userId: m.id, enabled: false } });
    const failedLate = await inFlight(m, '2026-11-23');
    const settledFail = await services.runs.settle(failedLate.id, [{ platform: 'slack', status: 'failed', error: 'ratelimited', uncertain: false }], false);
    expect(settledFail.status).toBe('cancelled');
    expect(settledFail.deliveries).toMatchObject([{ platform: 'slack', status: 'cancelled' }]);
    const sentLate = await inFlight(m, '2026-11-24');
    const settledSent = await services.runs.settle(sentLate.id, [{ platform: 'slack', status: 'sent', uncertain: false, ref: 'ts-1' }], false);
    expect(settledSent.status).toBe('sent');
    expect(settledSent.deliveries).toMatchObject([{ platform: 'slack', status: 'sent' }]);
  }, 60_000);

  it('pausing ends a run that waits for a retry as cancelled, with its pending delivery', async () => {
    clock = new Date('2026-11-25T09:00:00Z');
    slack.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks_format' }, 1000);
    const m = await manager();
    await until(
      'a failed first attempt',
      async () => {
        const [run] = await runsOf(m.id);
        return run?.deliveries[0]?.status === 'failed' || undefined;
      },
      20_000,
    );
    await new DigestRepository(c.db.prisma).savePreference(m.id, { enabled: false, cadence: 'daily', cron: '30 8 * * 1-5' });
    const run = await runFor(m.id, '2026-11-25', 'cancelled');
    slack.reset();
    expect(run.reason).toBe('the manager paused the digest');
    expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'cancelled' }]);
  }, 60_000);
});
