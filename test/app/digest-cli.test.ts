// `salesos digest` and `salesos worker` as a user runs them: real child processes, the real database,
// real Redis, and the fake Slack Web API.
import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_QUEUE, type DigestJobData } from '../../core/jobs/queues.ts';
import { BIN, childEnv, ROOT, runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { createManager, dropPrefix, REDIS_URL, uniquePrefix, until, type ManagerFixture } from '../jobs/digest-fixtures.ts';

let db: TestDatabase;
let slack: FakeSlackApi;
let m: ManagerFixture;
const prefix = uniquePrefix('cli');

beforeAll(async () => {
  db = await createTestDatabase();
  slack = await startFakeSlackApi();
  m = await createManager(db.prisma, { slack: true });
  // One rep's (Berlin) work on Tuesday 17 and Saturday 21 November 2026, so the digests have figures to show.
  // Every digest below is for a fixed date (--at): nothing here depends on the day the tests run.
  const rep = await db.prisma.user.findFirstOrThrow({ where: { teamId: { not: null }, role: 'rep', email: { startsWith: 'a' } } });
  const lead = await db.prisma.lead.findFirstOrThrow({ where: { ownerId: rep.id } });
  await db.prisma.lead.updateMany({ where: { owner: { teamId: rep.teamId } }, data: { createdAt: new Date('2026-11-10T09:00:00Z') } });
  for (const createdAt of [new Date('2026-11-17T10:00:00Z'), new Date('2026-11-21T10:00:00Z')]) {
    await db.prisma.leadActivity.create({
      data: { leadId: lead.id, actorId: rep.id, type: 'status_change', fromStatus: 'new', toStatus: 'contacted', createdAt },
    });
    await db.prisma.emailReview.create({ data: { userId: rep.id, kind: 'roast', score: 72, grade: 'B', createdAt } });
  }
}, 180_000);

afterAll(async () => {
  await dropPrefix(prefix);
  await db?.drop();
  await slack?.close();
});

const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: db.url, SALESOS_SEED_DEMO: 'false', NO_COLOR: '1', ...extra });
const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url });

describe('salesos digest', () => {
  it('--print shows the team digest in the terminal without Redis', async () => {
    // Wednesday 18 November: the daily digest covers Tuesday.
    const r = await runCli(['digest', '--manager', m.email, '--print', '--width', '100', '--at', '2026-11-18'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${m.teamName} · Tue 17 Nov 2026`);
    expect(r.stdout).toMatch(/Daily digest for Manager/);
    expect(r.stdout).toMatch(/Rep A\S*\s+0\s+0\s+1\/0 ↑1\s+72\s+\$0\.00 \/ \$5\.00\s+contacted 1/);
    expect(r.stdout).toContain('Hot leads not contacted yet (2)');
    expect(r.stdout).toContain('Inactive reps: Rep B');
  });

  it('--at covers the days since the previous scheduled day: Monday the weekend and Friday, Sunday Friday and Saturday', async () => {
    const monday = await runCli(['digest', '--manager', m.email, '--print', '--width', '100', '--at', '2026-11-23'], env());
    expect(monday.code).toBe(0);
    expect(monday.stdout).toContain(`${m.teamName} · Fri 20 Nov – Sun 22 Nov 2026`);
    // Three days of budget; Tuesday's roast is in the previous three days, so no change arrow.
    expect(monday.stdout).toMatch(/Rep A\S*\s+0\s+0\s+1\/0\s+72\s+\$0\.00 \/ \$15\.00\s+contacted 1/);
    const sunday = await runCli(['digest', '--manager', m.email, '--print', '--width', '100', '--at', '2026-11-22T20:00:00+01:00'], env());
    expect(sunday.code).toBe(0);
    expect(sunday.stdout).toContain(`${m.teamName} · Fri 20 Nov – Sat 21 Nov 2026`);
    expect(sunday.stdout).toMatch(/Rep A\S*\s+0\s+0\s+1\/0 ↑1\s+72\s+\$0\.00 \/ \$10\.00\s+contacted 1/);
    // Late on Saturday in Berlin is already Sunday's digest: --at is read in the manager's time zone.
    const lateSaturday = await runCli(['digest', '--manager', m.email, '--print', '--at', '2026-11-21T23:30:00Z'], env());
    expect(lateSaturday.stdout).toContain(`${m.teamName} · Fri 20 Nov – Sat 21 Nov 2026`);
  });

  it('--send delivers to Slack now, and a second --send for the same period sends nothing', async () => {
    const first = await runCli(['digest', '--manager', m.email, '--send', '--at', '2026-11-18'], env(slackEnv()));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Digest 2026-11-18: sent\.\n {2}slack: sent/);
    const post = slack.callsTo('chat.postMessage').find((c) => c.body.channel === `D${m.slackUserId}`);
    expect(JSON.stringify(post?.body.blocks)).toContain(m.teamName);

    const again = await runCli(['digest', '--manager', m.email, '--send', '--at', '2026-11-18T16:00:00Z'], env(slackEnv()));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already sent \(sent\); it goes out once per period/);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === `D${m.slackUserId}`)).toHaveLength(1);
  });

  it('names what is missing or wrong', async () => {
    const none = await runCli(['digest'], env());
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Name the manager');
    const unknown = await runCli(['digest', '--manager', 'nobody@t.io'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No SalesOS user has the email nobody@t.io');
    const period = await runCli(['digest', '--manager', m.email, '--period', 'monthly'], env());
    expect(period.stderr).toContain('--period must be daily or weekly (got "monthly")');
    const nowhere = await runCli(['digest', '--manager', m.email, '--send'], env());
    expect(nowhere.stderr).toContain('Neither Slack nor Teams is configured');
  });

  it('refuses an --at that is not a date or a zoned date-time', async () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-11-18T08:30']) {
      const at = await runCli(['digest', '--manager', m.email, '--at', bad], env());
      expect(at.code).toBe(2);
      expect(at.stderr).toContain(`--at must be an ISO 8601 date or date-time with a zone`);
    }
  });
});

describe('salesos worker', () => {
  it('refuses to start without REDIS_URL, saying so', async () => {
    const r = await runCli(['worker'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REDIS_URL: required by `salesos worker`');
  });

  it('schedules each manager, runs digest jobs until SIGTERM, and stops cleanly', async () => {
    const child = spawn(process.execPath, [BIN, 'worker', '--prefix', prefix], { cwd: ROOT, env: childEnv(env({ ...slackEnv(), REDIS_URL })) });
    let logs = '';
    child.stderr.on('data', (d) => (logs += d));
    child.stdout.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection: redis, prefix });
    try {
      await until('the worker to start', async () => logs.includes('digest scheduler running') || undefined, 90_000);
      expect(await queue.getJobScheduler(`digest:${m.id}`)).toMatchObject({ pattern: '30 8 * * 1-5', tz: 'Europe/Berlin' });
      const other = await createManager(db.prisma, { slack: true });
      // A fixed Sunday fire time: what the job does must not depend on the real date.
      await queue.add('digest', { managerId: other.id, fireAt: '2026-11-29T07:30:00.000Z' });
      await slack.waitForCall('chat.postMessage', (c) => c.body.channel === `D${other.slackUserId}`, 15_000);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await queue.close();
      redis.disconnect();
    }
    expect(logs).toContain('salesos worker stopped cleanly');
  }, 180_000);
});
