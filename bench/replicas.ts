// One replica vs two: signed Slack app_mention events at a fixed rate (open loop) through POST /slack/events of
// real `salesos start` processes sharing one PostgreSQL database, first all to one replica, then spread over
// two (round robin, as a load balancer would). Replies are captured by the fake Slack Web API in this process.
// Prints per phase: events, answered, ack p50/p99, event-to-reply p50/p99 (an unanswered event counts as
// slower than any answer, so it is never left out of the percentiles), CPU of the replicas per event, and the
// machine's load (`uptime`) before and after, since the machine may be shared.
// Run: npm run bench -- replicas [--seconds=5] [--rate=50]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../core/db/client.ts';
import { DemoRepository } from '../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../core/demo/seed.ts';
import { configureLogger } from '../core/log.ts';
import { signSlackRequest, startFakeSlackApi, type FakeSlackApi } from '../test/support/fake-slack-api.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { benchUsers, mentionEventBody, percentile } from './slack-load.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 5);
const RATE = arg('rate', 50);
/** How long to wait for the last answers after the last event of a phase. */
const DRAIN_MS = 6_000;
const SECRET = 'bench-replicas-secret';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USERS = benchUsers('UR');
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

interface Replica {
  child: ChildProcess;
  url: string;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startReplica(databaseUrl: string, slackApiUrl: string): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/salesos.js'), 'start', '--no-chat'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slackApiUrl,
      // The benchmark is over when it stops them: no need to wait long for the last turns.
      SHUTDOWN_GRACE_MS: '2000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`salesos start exited with ${child.exitCode}:\n${stderr}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (performance.now() > deadline) throw new Error(`salesos start was not ready in time:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url: `http://127.0.0.1:${port}/slack/events`,
    cpuSeconds() {
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICKS;
    },
  };
}

async function stopReplica(r: Replica): Promise<void> {
  if (r.child.exitCode !== null) return;
  const exited = new Promise((resolve) => r.child.once('close', resolve));
  r.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (r.child.exitCode === null) r.child.kill('SIGKILL');
}

interface Sample {
  ackMs: number;
  replyMs: number;
}

let seq = 0;

/** Sends `rate` events/s for `seconds` to `targets` in turn; waits for every answer or DRAIN_MS after the last. */
async function phase(fake: FakeSlackApi, targets: Replica[], rate: number, seconds: number): Promise<Sample[]> {
  const sentAt = new Map<string, number>();
  const samples = new Map<string, Sample>();
  const total = Math.round(rate * seconds);
  let answered = 0;
  let allAnswered: () => void = () => undefined;
  const done = new Promise<void>((r) => (allAnswered = r));
  fake.onCall((call) => {
    if (call.method !== 'chat.postMessage' && call.method !== 'chat.startStream') return;
    const thread = String(call.body.thread_ts ?? '');
    const sample = samples.get(thread);
    if (!sample || Number.isFinite(sample.replyMs)) return;
    sample.replyMs = call.at - sentAt.get(thread)!;
    if (++answered === total) allAnswered();
  });
  const start = performance.now();
  const acks: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const ts = `1900000000.${String(++seq).padStart(6, '0')}`;
    const body = mentionEventBody({ seq, i, users: USERS, ts, eventId: `EvReplicas${seq}`, eventTime: 1900000000 });
    const sample: Sample = { ackMs: Number.POSITIVE_INFINITY, replyMs: Number.POSITIVE_INFINITY };
    samples.set(ts, sample);
    const t0 = performance.now();
    sentAt.set(ts, t0);
    acks.push(
      fetch(targets[i % targets.length]!.url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)) },
      }).then(
        async (res) => {
          await res.arrayBuffer();
          if (res.status === 200) sample.ackMs = performance.now() - t0;
        },
        () => undefined,
      ),
    );
  }
  // Every answer, or DRAIN_MS after the last event: what has not been acknowledged or answered by then counts
  // as unanswered (a saturated replica's backlog would otherwise stretch the run without bound).
  await Promise.race([Promise.all(acks).then(() => done), new Promise((r) => setTimeout(r, DRAIN_MS))]);
  return [...samples.values()].map((s) => ({ ...s }));
}

/** Percentile over every event; unanswered ones are +Infinity, so they are never dropped. */
const pct = percentile;

/** configureLogger routes console.* into the JSON log; the figures go straight to stdout. */
const say = (line: string) => process.stdout.write(`${line}\n`);
/** Waits until the fake Slack API has had no call for a second (a backlog drained), at most `capMs`. */
async function quiet(fake: FakeSlackApi, capMs: number): Promise<void> {
  const end = performance.now() + capMs;
  let seen = -1;
  while (fake.calls.length !== seen && performance.now() < end) {
    seen = fake.calls.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

async function main() {
  configureLogger({ level: 'error', format: 'json' });
  say(
    `Replicas benchmark: ${RATE} Slack events/s for ${SECONDS} s, one replica then two (salesos start processes, one PostgreSQL), offline model, ${os.cpus().length} cores`,
  );
  const t0 = performance.now();
  const db = await createScratchDatabase('replicas');
  const fake = await startFakeSlackApi();
  const replicas: Replica[] = [];
  try {
    const seeded = await openDatabase({ databaseUrl: db.url, dataDir: '', migrate: true });
    await seedDemoOrganisation(new DemoRepository(seeded.prisma), { leads: 1000, seed: 7 });
    await seeded.close();
    for (const id of USERS)
      fake.addUser({ id, name: id.toLowerCase(), realName: `Bench Rep ${id}`, email: `${id.toLowerCase()}@bench.example`, tz: 'Europe/Berlin' });
    replicas.push(...(await Promise.all([startReplica(db.url, fake.url), startReplica(db.url, fake.url)])));
    // Warm both up alike (JIT, pools, identity caches; the first events provision the reps) before measuring.
    await phase(fake, replicas, 30, 3);
    say(`set-up (database, 1,000 demo leads, two replicas started, warm-up): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const rows: { name: string; samples: Sample[]; cpu: number; ownCpu: number; before: string; after: string }[] = [];
    for (const [name, targets] of [
      ['1 replica', replicas.slice(0, 1)],
      ['2 replicas', replicas],
    ] as const) {
      // A backlog left by the phase before must not count against this one.
      await quiet(fake, 10_000);
      const before = uptime();
      const cpu0 = replicas.reduce((s, r) => s + r.cpuSeconds(), 0);
      const own0 = process.cpuUsage();
      const samples = await phase(fake, [...targets], RATE, SECONDS);
      const cpu = replicas.reduce((s, r) => s + r.cpuSeconds(), 0) - cpu0;
      const own = process.cpuUsage(own0);
      rows.push({ name, samples, cpu, ownCpu: (own.user + own.system) / 1e6, before, after: uptime() });
    }

    const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'unanswered');
    say('\nphase        rate/s  events  answered  ack p50  ack p99  reply p50  reply p99  cpu/event: replicas  load generator (ms)');
    for (const r of rows) {
      const acks = r.samples.map((s) => s.ackMs);
      const replies = r.samples.map((s) => s.replyMs);
      const answered = replies.filter(Number.isFinite).length;
      say(
        `${r.name.padEnd(12)} ${String(RATE).padStart(6)} ${String(r.samples.length).padStart(7)} ${String(answered).padStart(9)} ${ms(pct(acks, 50)).padStart(8)} ${ms(pct(acks, 99)).padStart(8)} ${ms(pct(replies, 50)).padStart(10)} ${ms(pct(replies, 99)).padStart(10)}  ${((r.cpu * 1000) / r.samples.length).toFixed(1).padStart(18)}  ${((r.ownCpu * 1000) / r.samples.length).toFixed(1).padStart(14)}`,
      );
    }
    const [one, two] = rows.map((r) => ({
      answered: r.samples.filter((x) => Number.isFinite(x.replyMs)).length,
      ack99: pct(
        r.samples.map((x) => x.ackMs),
        99,
      ),
      reply99: pct(
        r.samples.map((x) => x.replyMs),
        99,
      ),
    }));
    const ratio = (x: number, y: number) => (Number.isFinite(x) && Number.isFinite(y) ? `×${(x / y).toFixed(2)}` : 'n/a (unanswered)');
    say(
      `two replicas / one: answered ×${(two!.answered / Math.max(1, one!.answered)).toFixed(2)}, ack p99 ${ratio(two!.ack99, one!.ack99)}, event-to-reply p99 ${ratio(two!.reply99, one!.reply99)}`,
    );
    say(
      '(times in ms from this process: send → HTTP 200 ack, send → first chat.postMessage/startStream in the thread; answers are awaited ' +
        `${DRAIN_MS / 1000} s after the last event)`,
    );
    for (const r of rows)
      say(
        `load during "${r.name}": before ${r.before.replace(/^.*load average/, 'load average')}; after ${r.after.replace(/^.*load average/, 'load average')}`,
      );
  } finally {
    await Promise.all(replicas.map(stopReplica));
    await fake.close();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
