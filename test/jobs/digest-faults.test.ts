// The digest fault drill, end to end with real processes: two `salesos worker`s on one queue against a
// fake Slack that answers 30% of chat.postMessage calls with 429 (Retry-After: 1), 5% with 500 (half of
// them after storing the message) and 50–500 ms late; one worker is killed with SIGKILL mid-run and
// started again; the Redis this test started on its own port is restarted without persistence. Then
// every reachable manager has exactly one digest for the period, and the unreachable ones are marked.
// The managers' schedule fires daily an hour before the test's own start, so a period is always due
// (reconciliation enqueues it at worker start); no assertion depends on which day that is.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DIGEST_QUEUE } from '../../core/jobs/queues.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, ROOT } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { createManager, until, type ManagerFixture } from './digest-fixtures.ts';

const MANAGERS = 24;
const UNREACHABLE = 3;

let db: TestDatabase;
let slack: FakeSlackApi;
let redisPort: number;
let redisDir: string;
let redisServer: ChildProcess | undefined;
const workers: ChildProcess[] = [];
const managers: ManagerFixture[] = [];
const logs: string[] = [];

/** A deterministic PRNG (mulberry32): the error mix is the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** redis-server on our own port, with no persistence at all: a restart loses every key. */
async function startRedis(): Promise<void> {
  redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], {
    stdio: 'ignore',
  });
  const probe = new Redis({ port: redisPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  await until(
    'redis to answer',
    async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG' || undefined;
      } catch {
        probe.disconnect();
        return undefined;
      }
    },
    15_000,
  );
  probe.disconnect();
}

async function stopRedis(): Promise<void> {
  const server = redisServer;
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

/** Each worker has its own bot token, so the fake Slack can tell whose call it is answering. */
function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', '5', '--lock-seconds', '3'], {
    cwd: ROOT,
    env: childEnv({
      DATABASE_URL: db.url,
      SALESOS_SEED_DEMO: 'false',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SLACK_BOT_TOKEN: `xoxb-${name}`,
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.url,
      DIGEST_DELIVERY_LEASE_SECONDS: '3',
      DIGEST_RECONCILE_SECONDS: '2',
      LOG_LEVEL: 'info',
    }),
  });
  child.stderr!.on('data', (d) => logs.push(`[${name}] ${d}`));
  child.stdout!.on('data', (d) => logs.push(`[${name}] ${d}`));
  workers.push(child);
  return child;
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

const stored = (m: ManagerFixture) => slack.messagesIn(`D${m.slackUserId}`);
const reachable = () => managers.slice(UNREACHABLE);

beforeAll(async () => {
  db = await createTestDatabase();
  slack = await startFakeSlackApi();
  redisPort = await freePort();
  redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-redis-'));
  await startRedis();
  // Every day, an hour before now (UTC): the last due period is always one hour late, well inside the window.
  const due = new Date(Date.now() - 3600_000);
  const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`;
  for (let i = 0; i < MANAGERS; i++) {
    const m = await createManager(db.prisma, { slack: true, timeZone: 'UTC' });
    await db.prisma.digestPreference.create({ data: { userId: m.id, enabled: true, cadence: 'daily', cron } });
    managers.push(m);
  }
  for (const m of managers.slice(0, UNREACHABLE)) slack.removeUser(m.slackUserId!);
  const random = prng(19);
  slack.failRandomly(
    'chat.postMessage',
    [
      { p: 0.3, failure: { kind: 'rate_limited', retryAfterSeconds: 1 } },
      { p: 0.025, failure: { kind: 'http_500', stored: true } },
      { p: 0.025, failure: { kind: 'http_500' } },
    ],
    random,
  );
  slack.setLatency(50, 500, random);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => stopWorker(w, 'SIGKILL')));
  await stopRedis();
  fs.rmSync(redisDir, { recursive: true, force: true });
  await db?.drop();
  await slack?.close();
});

describe('digests under faults', () => {
  it('a SIGKILLed worker, a Redis restarted empty and a rate-limiting, failing Slack still give every reachable manager exactly one digest', async () => {
    const a = startWorker('a');
    startWorker('b');
    // Kill worker a in the crash window: Slack has just stored one of its digests and has not answered yet
    // (every answer is at least 50 ms late), so the message is posted but a never records it.
    let caught: string | undefined;
    slack.onCall((call) => {
      if (caught || call.method !== 'chat.postMessage' || call.token !== 'xoxb-a') return;
      if (!slack.messagesIn(String(call.body.channel)).length) return;
      caught = String(call.body.channel);
      a.kill('SIGKILL');
    });
    await until('worker a to be killed mid-send', async () => a.signalCode === 'SIGKILL' || undefined, 90_000);
    // The worker was killed mid-send: its claim is left pending, with the message already in the DM.
    const orphan = managers.find((m) => `D${m.slackUserId}` === caught)!;
    expect(stored(orphan)).toHaveLength(1);
    startWorker('a2');
    await until(
      'the restarted worker to run',
      async () => logs.some((l) => l.startsWith('[a2]') && l.includes('digest scheduler running')) || undefined,
      90_000,
    );
    // Then Redis loses everything: job schedulers, queued and delayed jobs.
    await until('more digests to land', async () => managers.filter((m) => stored(m).length > 0).length >= 8 || undefined, 90_000);
    await stopRedis();
    await startRedis();

    const runs = await until(
      'every manager’s run to finish',
      async () => {
        const all = await db.prisma.digestRun.findMany({ where: { managerId: { in: managers.map((m) => m.id) } }, include: { deliveries: true } });
        return all.length === MANAGERS && all.every((r) => r.status !== 'running') ? all : undefined;
      },
      150_000,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n${logs.join('').slice(-4000)}`);
    });

    // Exactly one digest per reachable manager: one stored message, carrying its run's id.
    for (const m of reachable()) {
      const run = runs.find((r) => r.managerId === m.id)!;
      expect(run.status).toBe('sent');
      expect(stored(m)).toHaveLength(1);
      expect(stored(m)[0]!.metadata).toEqual({ event_type: 'salesos_digest', event_payload: { run_id: run.id } });
      expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'sent', ref: stored(m)[0]!.ts }]);
    }
    // One run per manager and period, never two.
    expect(new Set(runs.map((r) => r.managerId)).size).toBe(MANAGERS);
    // The unreachable ones: no message, the run and identity marked.
    for (const m of managers.slice(0, UNREACHABLE)) {
      const run = runs.find((r) => r.managerId === m.id)!;
      expect(stored(m)).toHaveLength(0);
      expect(run.status).toBe('skipped');
      expect(run.deliveries).toMatchObject([{ platform: 'slack', status: 'skipped', error: expect.stringContaining('user_not_found') }]);
      const identity = await db.prisma.platformIdentity.findFirstOrThrow({ where: { userId: m.id, platform: 'slack' } });
      expect(identity.unreachableReason).toMatch(/user_not_found/);
    }
    // The orphaned delivery was taken over after the lease and found in the DM's history, not posted again.
    expect(slack.callsTo('conversations.history').some((c) => c.body.channel === caught)).toBe(true);
    // The new, empty Redis got every job scheduler back from PostgreSQL, on reconnect.
    expect(logs.join('')).toContain('reconnected to Redis; reconciling schedulers and due digests');
    const connection = new Redis({ port: redisPort, host: '127.0.0.1', maxRetriesPerRequest: null });
    // The worker runs with no --prefix: BullMQ's default one.
    const queue = new Queue(DIGEST_QUEUE, { connection });
    try {
      const wanted = [...managers.map((m) => `digest:${m.id}`)].sort();
      await until(
        'every job scheduler to be back',
        async () => {
          const keys = (await queue.getJobSchedulers(0, -1)).map((s) => s.key).sort();
          return JSON.stringify(keys) === JSON.stringify(wanted) || undefined;
        },
        20_000,
      );
    } finally {
      await queue.close();
      connection.disconnect();
    }
    // The faults really happened: rate limits were met and retried.
    expect(slack.callsTo('chat.postMessage').length).toBeGreaterThan(reachable().length);
    // Every worker still alive stops cleanly.
    for (const w of workers.filter((x) => x.exitCode === null && x.signalCode === null)) await stopWorker(w, 'SIGTERM');
    expect(workers.filter((w) => w !== a).map((w) => w.exitCode ?? w.signalCode)).toEqual([0, 0]);
  }, 400_000);
});
