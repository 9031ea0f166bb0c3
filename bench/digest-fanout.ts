// Digest fan-out: N managers (each with 3 reps, 3 leads per rep, activity, email reviews and spend) get
// their digest composed from the database and delivered as a Slack DM to the fake Slack Web API, through
// the real BullMQ queue and worker and the exactly-once run records. First delivery: every DM channel is
// opened with conversations.open and stored. Target: 10,000 managers delivered in <= 60 s on 2 cores.
// Run: npx tsx bench/digest-fanout.ts [--managers 10000] [--concurrency 32] [--pool 40]
import crypto from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import pg from 'pg';
import { buildDigestServices } from '../app/digest-background.ts';
import { createSlackSender } from '../bots/slack/sender.ts';
import { chatSenders } from '../core/platforms/sender.ts';
import { openDatabase } from '../core/db/client.ts';
import { DigestRepository } from '../core/db/digest-repository.ts';
import { runDigest } from '../core/digest/run-digest.ts';
import { startDigestWorker } from '../core/jobs/digest-worker.ts';
import { DIGEST_QUEUE, redisConnection, type DigestJobData } from '../core/jobs/queues.ts';
import { configureLogger, log } from '../core/log.ts';
import { startFakeSlackApi } from '../test/support/fake-slack-api.ts';
import { createScratchDatabase } from './scratch-database.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const MANAGERS = opt('managers', 10_000);
const CONCURRENCY = opt('concurrency', 32);
const POOL = opt('pool', 40);
const TARGET_S = 60;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `salesos-bench-${crypto.randomBytes(4).toString('hex')}`;

async function waitFor(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The organisation, generated in SQL: managers in three time zones, teams, reps, leads and their history. */
async function generate(pool: pg.Pool, managers: number): Promise<void> {
  const statements = [
    `INSERT INTO users (id, email, name, role, "timeZone", "updatedAt")
     SELECT gen_random_uuid(), 'manager' || g || '@bench.io', 'Manager ' || g, 'manager',
            (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + g % 3], now()
     FROM generate_series(1, $1::int) g`,
    `INSERT INTO teams (id, name, "managerId", "updatedAt") SELECT gen_random_uuid(), 'Team ' || u.name, u.id, now() FROM users u WHERE u.role = 'manager'`,
    `UPDATE users u SET "teamId" = t.id FROM teams t WHERE t."managerId" = u.id`,
    `INSERT INTO users (id, email, name, role, "timeZone", "teamId", "updatedAt")
     SELECT gen_random_uuid(), 'rep' || r || '.' || m.email, 'Rep ' || r || ' of ' || m.name, 'rep', m."timeZone", m."teamId", now()
     FROM users m CROSS JOIN generate_series(1, 3) r WHERE m.role = 'manager'`,
    `INSERT INTO leads (id, email, "fullName", company, "ownerId", score, status, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'lead' || l || '.' || u.email, 'Lead ' || l || ' of ' || u.name, 'Company ' || l, u.id,
            (random() * 100)::int, (ARRAY['new', 'contacted', 'qualified']::"LeadStatus"[])[1 + l % 3],
            now() - (random() * 30 || ' days')::interval, now()
     FROM users u CROSS JOIN generate_series(1, 3) l WHERE u.role = 'rep'`,
    `INSERT INTO lead_activities (id, "leadId", "actorId", type, "createdAt") SELECT gen_random_uuid(), l.id, l."ownerId", 'created', l."createdAt" FROM leads l`,
    `INSERT INTO lead_activities (id, "leadId", "actorId", type, "fromStatus", "toStatus", "createdAt")
     SELECT gen_random_uuid(), l.id, l."ownerId", 'status_change', 'new', l.status, now() - interval '1 day' FROM leads l WHERE l.status <> 'new'`,
    `INSERT INTO email_reviews (id, "userId", kind, score, grade, "createdAt")
     SELECT gen_random_uuid(), u.id, (ARRAY['roast', 'draft'])[1 + k % 2], 40 + (random() * 60)::int, 'B', now() - (k || ' days')::interval
     FROM users u CROSS JOIN generate_series(1, 2) k WHERE u.role = 'rep'`,
    `INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "createdAt")
     SELECT gen_random_uuid(), u.id, u."teamId", to_char(now() - interval '1 day', 'YYYY-MM-DD'), 'model', 'gpt-4.1-mini', 'settled', 0.01, random() * 0.5, now() - interval '1 day'
     FROM users u WHERE u.role = 'rep'`,
    `INSERT INTO platform_identities (id, "userId", platform, "tenantId", "externalUserId", "updatedAt")
     SELECT gen_random_uuid(), u.id, 'slack', 'T0FAKE', 'U' || upper(substr(md5(u.id::text), 1, 10)), now() FROM users u WHERE u.role = 'manager'`,
    `ANALYZE`,
  ];
  for (const sql of statements) await pool.query(sql, sql.includes('$1') ? [managers] : []);
}

async function main(): Promise<void> {
  configureLogger({ level: 'warn', format: 'json' });
  const scratch = await createScratchDatabase('digest');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: POOL });
  const slack = await startFakeSlackApi();
  const producer = redisConnection(REDIS_URL);
  const queue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection: producer, prefix: PREFIX });
  let worker: Awaited<ReturnType<typeof startDigestWorker>> | undefined;
  try {
    let t = performance.now();
    await generate(db.pool, MANAGERS);
    const counts = (
      await db.pool.query(
        `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM lead_activities) AS activities`,
      )
    ).rows[0];
    console.log(
      `generated ${MANAGERS} managers: ${counts.users} users, ${counts.leads} leads, ${counts.activities} activities in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const services = buildDigestServices(
      { config: { cost: { dailyLimitUsd: 5 } } as never, db },
      chatSenders(createSlackSender({ botToken: 'xoxb-bench', apiUrl: slack.url, identities: new DigestRepository(db.prisma), log })),
    );
    const durations: number[] = [];
    let delivered = 0;
    let done!: () => void;
    const allDelivered = new Promise<void>((resolve) => (done = resolve));
    slack.onCall((call) => {
      if (call.method === 'chat.postMessage' && ++delivered === MANAGERS) done();
    });
    worker = startDigestWorker({
      leaseSeconds: 120,
      redisUrl: REDIS_URL,
      prefix: PREFIX,
      log,
      concurrency: CONCURRENCY,
      run: async (req) => {
        const started = performance.now();
        const outcome = await runDigest(services, req);
        durations.push(performance.now() - started);
        return outcome;
      },
    });

    const managers = (await db.pool.query<{ id: string }>(`SELECT id::text AS id FROM users WHERE role = 'manager'`)).rows;
    const fireAt = new Date().toISOString();
    const load0 = os.loadavg();
    const cpu0 = process.cpuUsage();
    t = performance.now();
    for (let i = 0; i < managers.length; i += 1000)
      await queue.addBulk(
        managers.slice(i, i + 1000).map((m) => ({
          name: 'digest',
          data: { managerId: m.id, fireAt },
          opts: { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true },
        })),
      );
    const enqueued = performance.now() - t;
    await allDelivered;
    const elapsed = (performance.now() - t) / 1000;
    const load1 = os.loadavg();
    const cpu = process.cpuUsage(cpu0);
    // Runs commit just after their message arrives: wait for the last commits before counting.
    await waitFor(async () => (await db.pool.query(`SELECT count(*)::int AS n FROM digest_runs WHERE status = 'sent'`)).rows[0].n >= MANAGERS, 10_000);

    const runs = (await db.pool.query(`SELECT status::text AS status, count(*)::int AS n FROM digest_runs GROUP BY 1 ORDER BY 1`)).rows;
    const sorted = [...durations].sort((a, b) => a - b);
    console.log(`enqueued ${MANAGERS} jobs in ${(enqueued / 1000).toFixed(2)} s`);
    console.log(
      `delivered ${delivered} digests in ${elapsed.toFixed(1)} s: ${(delivered / elapsed).toFixed(0)} digests/s (worker concurrency ${CONCURRENCY}, pool ${POOL})`,
    );
    console.log(
      `per digest (compose + exactly-once records + conversations.open + chat.postMessage): p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`,
    );
    console.log(
      `runs: ${runs.map((r) => `${r.status} ${r.n}`).join(', ')}; Slack calls: ${slack.callsTo('conversations.open').length} conversations.open, ${slack.callsTo('chat.postMessage').length} chat.postMessage`,
    );
    console.log(
      `this process (worker + fake Slack API): ${(((cpu.user + cpu.system) / 1000 / (elapsed * 1000)) * 100).toFixed(0)}% of one CPU (${((cpu.user + cpu.system) / 1000 / delivered).toFixed(1)} ms CPU per digest)`,
    );
    console.log(
      `load average (1/5/15 min) before ${load0.map((l) => l.toFixed(2)).join(' / ')}, after ${load1.map((l) => l.toFixed(2)).join(' / ')} on ${os.cpus().length} CPUs`,
    );
    console.log(`target: all ${MANAGERS} delivered in <= ${TARGET_S} s: ${elapsed <= TARGET_S ? 'MET' : 'NOT MET'}`);
    if (elapsed > TARGET_S) process.exitCode = 1;
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    producer.disconnect();
    await slack.close();
    await db.close();
    if (args.includes('--keep')) console.log(`kept database ${scratch.name}`);
    else await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
