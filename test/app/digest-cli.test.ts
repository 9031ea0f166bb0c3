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
  // Yesterday's work by one rep (Berlin), so the digest has figures to show.
  const rep = await db.prisma.user.findFirstOrThrow({ where: { teamId: { not: null }, role: 'rep', email: { startsWith: 'a' } } });
  const lead = await db.prisma.lead.findFirstOrThrow({ where: { ownerId: rep.id } });
  const yesterday = new Date(Date.now() - 86_400_000);
  await db.prisma.leadActivity.create({ data: { leadId: lead.id, actorId: rep.id, type: 'status_change', fromStatus: 'new', toStatus: 'contacted', createdAt: yesterday } });
  await db.prisma.emailReview.create({ data: { userId: rep.id, kind: 'roast', score: 72, grade: 'B', createdAt: yesterday } });
}, 60_000);

afterAll(async () => {
  await dropPrefix(prefix);
  await db?.drop();
  await slack?.close();
});

const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: db.url, SALESOS_SEED_DEMO: 'false', NO_COLOR: '1', ...extra });
const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url });

describe('salesos digest', () => {
  it('--print shows the team digest in the terminal without Redis', async () => {
    const r = await runCli(['digest', '--manager', m.email, '--print', '--width', '100'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(m.teamName);
    expect(r.stdout).toMatch(/Daily digest for Manager/);
    expect(r.stdout).toMatch(/Rep A\S*\s+0\s+0\s+1\/0 ↑1\s+72\s+\$0\.00 \/ \$5\.00\s+contacted 1/);
    expect(r.stdout).toContain('Hot leads not contacted yet (2)');
    expect(r.stdout).toContain('Inactive reps: Rep B');
  });

  it('--send delivers to Slack now, and a second --send for the same period sends nothing', async () => {
    const first = await runCli(['digest', '--manager', m.email, '--send'], env(slackEnv()));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Digest daily:\d{4}-\d\d-\d\d: sent\.\n {2}slack: sent/);
    const post = slack.callsTo('chat.postMessage').find((c) => c.body.channel === `D${m.slackUserId}`);
    expect(JSON.stringify(post?.body.blocks)).toContain(m.teamName);

    const again = await runCli(['digest', '--manager', m.email, '--send'], env(slackEnv()));
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
      await until('the worker to start', async () => logs.includes('digest scheduler running') || undefined, 30_000);
      expect(await queue.getJobScheduler(`digest:${m.id}`)).toMatchObject({ pattern: '30 8 * * 1-5', tz: 'Europe/Berlin' });
      const other = await createManager(db.prisma, { slack: true });
      await queue.add('digest', { managerId: other.id, fireAt: new Date().toISOString() });
      await slack.waitForCall('chat.postMessage', (c) => c.body.channel === `D${other.slackUserId}`, 15_000);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await queue.close();
      redis.disconnect();
    }
    expect(logs).toContain('salesos worker stopped cleanly');
  }, 60_000);
});
