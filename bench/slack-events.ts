// Slack events benchmark: signed app_mention events at fixed rates (open loop) through POST /slack/events of
// the SalesOS Slack bot (our HTTP server, the real assistant with the offline model, PostgreSQL), and of the
// floor, a bare Bolt app that echoes the text. Each bot runs in its own child process
// (slack-events/bot-process.ts), so its CPU per event and RSS are its own; the load generator and the fake
// Slack Web API that captures replies run here. An event never answered counts as an infinite latency (it is
// in the percentiles, never dropped). Prints answered/total, ack and event-to-reply p50/p99, CPU per event,
// RSS, and every figure as a ratio to the floor measured in the same run, with the machine's load.
//
//   npm run bench slack-events                      10 s at 50/s and 200/s
//   npm run bench slack-events -- --seconds 5 --rates 50
//   npm run bench slack-events -- --soak 300        memory: 50/s for 300 s, RSS sampled every 10 s
//   npm run bench slack-events -- --cpu-prof [file] also write a V8 CPU profile of the SalesOS process over the
//                                                   measured runs (default $TMPDIR/salesos-slack-events.cpuprofile)
//   npm run bench slack-events -- --max-running 8   the Slack turn gate's upper bound (default 64) for this run
// Targets: CPU per event ≤ 2× the floor's; at 200/s every event answered, ack p99 ≤ 50 ms, reply p99 ≤ 250 ms.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signSlackRequest, startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../test/support/fake-slack-api.ts';
import { SIGNING_SECRET } from '../test/bots/slack/harness.ts';
import { BUSY_MESSAGE } from '../bots/slack/turn-gate.ts';
import type { BotKind, FromBot, ToBot } from './slack-events/bot-process.ts';
import { benchUsers, MENTION_TEXTS, mentionEventBody, percentile } from './slack-load.ts';

const args = parseArgs(process.argv.slice(2));
const SECONDS = Number(args.seconds ?? 10);
const RATES = String(args.rates ?? '50,200')
  .split(',')
  .map(Number);
const SOAK_SECONDS = args.soak === undefined ? 0 : Number(args.soak === true ? 300 : args.soak);
const SOAK_RATE = Number(args['soak-rate'] ?? 50);
const SAMPLE_EVERY_MS = 10_000;
/** After the last event is sent, how long an answer may still come before the event counts as unanswered. */
const DRAIN_MS = Number(args['drain-ms'] ?? 10_000);
/** Distinct reps, as in a real workspace: per-user budgets and locks are not one hot row. */
const USERS = benchUsers('UB');
const out = (line = '') => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): Record<string, string | true> {
  const parsed: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (v !== undefined) parsed[k] = v;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) parsed[k] = argv[++i]!;
    else parsed[k] = true;
  }
  return parsed;
}

/** A bot in its child process, and the fake Slack API it posts to. */
interface Bot {
  name: string;
  url: string;
  fake: FakeSlackApi;
  child: ChildProcess;
  /** The replies for the current run go here (one fake listener per bot, swapped per run). */
  onReply: (call: SlackCall) => void;
  ask<T extends FromBot['type']>(msg: ToBot, answer: T): Promise<Extract<FromBot, { type: T }>>;
  usage(): Promise<{ cpuMicros: number; rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

async function startBot(kind: BotKind, name: string): Promise<Bot> {
  const fake = await startFakeSlackApi();
  for (const id of USERS)
    fake.addUser({ id, name: id.toLowerCase(), realName: `Bench Rep ${id}`, email: `${id.toLowerCase()}@bench.example`, tz: 'Europe/Berlin' });
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(dir, 'slack-events', 'bot-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_BOT_KIND: kind,
      BENCH_SLACK_API_URL: fake.url,
      ...(args['max-running'] ? { BENCH_MAX_RUNNING: String(args['max-running']) } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Answers come back in the order asked; a failure or exit of the child fails every pending question.
  const waiting = new Map<string, { resolve: (m: FromBot) => void; reject: (err: Error) => void }[]>();
  const failAll = (err: Error) => {
    for (const queue of waiting.values()) for (const w of queue.splice(0)) w.reject(err);
  };
  child.on('message', (m: FromBot) => {
    if (m.type === 'error') return failAll(new Error(`${name} failed: ${m.message}`));
    waiting.get(m.type)?.shift()?.resolve(m);
  });
  child.on('exit', (code) => failAll(new Error(`${name} exited (${code})`)));
  const ask = <T extends FromBot['type']>(msg: ToBot | undefined, answer: T) =>
    new Promise<Extract<FromBot, { type: T }>>((resolve, reject) => {
      const queue = waiting.get(answer) ?? [];
      waiting.set(answer, queue);
      queue.push({ resolve: resolve as (m: FromBot) => void, reject });
      if (msg) child.send(msg);
    });
  const ready = await ask(undefined, 'ready');
  const bot: Bot = {
    name,
    url: ready.url,
    fake,
    child,
    onReply: () => undefined,
    ask,
    usage: () => ask({ type: 'usage' }, 'usage'),
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.close();
    },
  };
  fake.onCall((call) => bot.onReply(call));
  return bot;
}

interface Sample {
  /** Infinity when the request failed or was not 200. */
  ackMs: number;
  /** Infinity when no reply came, or only the turn gate's "busy" message. */
  replyMs: number;
  /** Told SalesOS is busy (the turn gate refused it): counted as unanswered. */
  busy?: boolean;
}

interface RunResult {
  samples: Sample[];
  cpuMsPerEvent: number;
  /** RSS of the bot process at the end of the run (bytes). */
  rss: number;
  /** RSS every SAMPLE_EVERY_MS during the run: [seconds since start, bytes]. */
  rssCurve: [number, number][];
  /** V8 heap in use at the same moments: RSS rising with it is live data (a backlog or a leak), not allocator slack. */
  heapCurve: [number, number][];
  load1: number;
}

let seq = 0;

/** Send `rate` events/s for `seconds` (open loop: the schedule does not wait for answers). */
async function run(bot: Bot, rate: number, seconds: number, opts: { sampleRss?: boolean } = {}): Promise<RunResult> {
  const sentAt = new Map<string, number>();
  const samples = new Map<string, Sample>();
  const total = Math.round(rate * seconds);
  let answered = 0;
  let resolveAll: () => void = () => undefined;
  const allAnswered = new Promise<void>((r) => (resolveAll = r));
  bot.onReply = (call) => {
    // The first thing the rep sees: a posted message, or a stream started for a turn slower than startAfterMs.
    if (call.method !== 'chat.postMessage' && call.method !== 'chat.startStream') return;
    const thread = String(call.body.thread_ts ?? '');
    const t0 = sentAt.get(thread);
    const sample = samples.get(thread);
    if (t0 === undefined || !sample || Number.isFinite(sample.replyMs) || sample.busy) return;
    if (JSON.stringify(call.body).includes(BUSY_MESSAGE.slice(0, 60))) sample.busy = true;
    else sample.replyMs = call.at - t0;
    if (++answered === total) resolveAll();
  };

  const rssCurve: [number, number][] = [];
  const heapCurve: [number, number][] = [];
  const u0 = await bot.usage();
  const start = performance.now();
  rssCurve.push([0, u0.rss]);
  heapCurve.push([0, u0.heapUsed]);
  const sample = (u: { rss: number; heapUsed: number }) => {
    const t = (performance.now() - start) / 1000;
    rssCurve.push([t, u.rss]);
    heapCurve.push([t, u.heapUsed]);
  };
  const sampler = opts.sampleRss ? setInterval(() => void bot.usage().then(sample), SAMPLE_EVERY_MS) : undefined;
  const acks: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const ts = `1800000000.${String(++seq).padStart(6, '0')}`;
    const body = mentionEventBody({ seq, i, users: USERS, ts, eventId: `EvBench${seq}`, eventTime: Math.floor(Date.now() / 1000) });
    const sample: Sample = { ackMs: Number.POSITIVE_INFINITY, replyMs: Number.POSITIVE_INFINITY };
    samples.set(ts, sample);
    const t0 = performance.now();
    sentAt.set(ts, t0);
    acks.push(
      fetch(bot.url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) },
      })
        .then(async (res) => {
          const at = performance.now();
          await res.arrayBuffer();
          if (res.status === 200) sample.ackMs = at - t0;
        })
        .catch(() => undefined),
    );
  }
  await Promise.all(acks);
  await Promise.race([allAnswered, new Promise((r) => setTimeout(r, DRAIN_MS))]);
  if (sampler) clearInterval(sampler);
  // CPU is counted until the bot has finished what it took in (late answers, background writes), so a bot that
  // falls behind is not credited with work it merely postponed.
  const u1 = await quiet(bot);
  if (opts.sampleRss) sample(u1);
  bot.onReply = () => undefined;
  return {
    samples: [...samples.values()],
    cpuMsPerEvent: (u1.cpuMicros - u0.cpuMicros) / 1000 / total,
    rss: u1.rss,
    rssCurve,
    heapCurve,
    load1: os.loadavg()[0]!,
  };
}

/** The bot's usage once it has gone quiet (under 5% of a core for a second), or after 60 s. */
async function quiet(bot: Bot): Promise<{ cpuMicros: number; rss: number; heapUsed: number }> {
  let last = await bot.usage();
  for (const until = performance.now() + 60_000; performance.now() < until; ) {
    await new Promise((r) => setTimeout(r, 1_000));
    const u = await bot.usage();
    const busy = u.cpuMicros - last.cpuMicros;
    last = u;
    if (busy < 50_000) break;
  }
  return last;
}

/** Nearest-rank percentile over every event; an unanswered one is Infinity, so it can only raise the figure. */
const pct = percentile;

interface Row {
  name: string;
  rate: number;
  n: number;
  acked: number;
  answered: number;
  busy: number;
  ack50: number;
  ack99: number;
  rep50: number;
  rep99: number;
  cpuMs: number;
  rssMb: number;
  load1: number;
}

function summarise(name: string, rate: number, r: RunResult): Row {
  const acks = r.samples.map((x) => x.ackMs);
  const replies = r.samples.map((x) => x.replyMs);
  return {
    name,
    rate,
    n: r.samples.length,
    acked: acks.filter(Number.isFinite).length,
    answered: replies.filter(Number.isFinite).length,
    busy: r.samples.filter((x) => x.busy).length,
    ack50: pct(acks, 50),
    ack99: pct(acks, 99),
    rep50: pct(replies, 50),
    rep99: pct(replies, 99),
    cpuMs: r.cpuMsPerEvent,
    rssMb: r.rss / 2 ** 20,
    load1: r.load1,
  };
}

const f = (x: number, w = 8) => (Number.isFinite(x) ? x.toFixed(1) : Number.isNaN(x) ? '–' : '∞').padStart(w);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function printRows(rows: Row[]) {
  out('\nwhat             rate/s  events   acked  answered  busy  ack p50  ack p99  reply p50  reply p99  cpu/event   RSS MB  load1   (ms)');
  for (const r of rows) {
    out(
      `${r.name.padEnd(16)} ${String(r.rate).padStart(6)} ${String(r.n).padStart(7)} ${String(r.acked).padStart(7)} ${String(r.answered).padStart(9)} ${String(r.busy).padStart(5)} ${f(r.ack50)} ${f(r.ack99)} ${f(r.rep50, 10)} ${f(r.rep99, 10)} ${f(r.cpuMs, 10)} ${f(r.rssMb)}  ${r.load1.toFixed(2)}`,
    );
  }
  out(
    `(each bot in its own process: cpu/event is that process's user+system CPU from the run's start until it is quiet again, RSS then; unanswered events, and those told "busy" by the turn gate, count as ∞; ${os.cpus().length} cores)`,
  );
}

/** Least-squares slope of RSS over time, in MB per minute. */
function slopeMbPerMin(curve: [number, number][]): number {
  const n = curve.length;
  const mx = curve.reduce((s, [x]) => s + x, 0) / n;
  const my = curve.reduce((s, [, y]) => s + y, 0) / n;
  const num = curve.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = curve.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den ? (num / den / 2 ** 20) * 60 : 0;
}

async function benchmark(salesos: Bot, bare: Bot) {
  const rows: Row[] = [];
  const profileFile = args['cpu-prof'] === true ? path.join(os.tmpdir(), 'salesos-slack-events.cpuprofile') : args['cpu-prof'];
  if (profileFile) await salesos.ask({ type: 'profile', action: 'start' }, 'profile');
  for (const rate of RATES) {
    for (const bot of [salesos, bare]) {
      const row = summarise(bot.name, rate, await run(bot, rate, SECONDS));
      rows.push(row);
      out(`  measured ${bot.name} at ${rate}/s for ${SECONDS} s: ${row.answered}/${row.n} answered, load ${loadNow()}`);
    }
  }
  if (profileFile)
    out(
      `CPU profile of the SalesOS process over these runs: ${(await salesos.ask({ type: 'profile', action: 'stop', file: path.resolve(profileFile) }, 'profile')).file}`,
    );
  printRows(rows);
  const alone = (await salesos.ask({ type: 'alone', n: 100, texts: MENTION_TEXTS }, 'alone')).times;
  out(`\nassistant.handleTurn alone, one at a time (no Slack, no HTTP): p50 ${pct(alone, 50).toFixed(1)} ms, p99 ${pct(alone, 99).toFixed(1)} ms`);
  out('\nratio SalesOS / bare Bolt in this run:');
  for (const rate of RATES) {
    const a = rows.find((r) => r.rate === rate && r.name === salesos.name)!;
    const b = rows.find((r) => r.rate === rate && r.name === bare.name)!;
    out(
      `  ${rate}/s: cpu/event ×${(a.cpuMs / b.cpuMs).toFixed(2)}, ack p99 ×${(a.ack99 / b.ack99).toFixed(2)}, event-to-reply p99 ×${(a.rep99 / b.rep99).toFixed(2)}, RSS ×${(a.rssMb / b.rssMb).toFixed(2)}`,
    );
  }
  out('\ntargets:');
  for (const rate of RATES) {
    const a = rows.find((r) => r.rate === rate && r.name === salesos.name)!;
    const b = rows.find((r) => r.rate === rate && r.name === bare.name)!;
    const ratio = a.cpuMs / b.cpuMs;
    out(`  ${rate}/s: cpu/event ≤ 2× floor → ${ratio <= 2 ? 'met' : 'MISSED'} (×${ratio.toFixed(2)})`);
    if (rate >= 200) {
      out(
        `  ${rate}/s: every event answered → ${a.answered === a.n ? 'met' : 'MISSED'} (${a.answered}/${a.n}); ack p99 ≤ 50 ms → ${a.ack99 <= 50 ? 'met' : 'MISSED'} (${f(a.ack99, 0)}); event-to-reply p99 ≤ 250 ms → ${a.rep99 <= 250 ? 'met' : 'MISSED'} (${f(a.rep99, 0)})`,
      );
    }
  }
}

async function soak(salesos: Bot, idleRss: number) {
  out(`\nsoak: ${SOAK_RATE} events/s for ${SOAK_SECONDS} s, RSS of the SalesOS process every ${SAMPLE_EVERY_MS / 1000} s`);
  const r = await run(salesos, SOAK_RATE, SOAK_SECONDS, { sampleRss: true });
  const row = summarise(salesos.name, SOAK_RATE, r);
  printRows([row]);
  out('\nRSS curve (s → MB): ' + r.rssCurve.map(([t, b]) => `${t.toFixed(0)}→${(b / 2 ** 20).toFixed(1)}`).join('  '));
  out('heap used (s → MB): ' + r.heapCurve.map(([t, b]) => `${t.toFixed(0)}→${(b / 2 ** 20).toFixed(1)}`).join('  '));
  const rss = r.rssCurve.map(([, b]) => b);
  // The first minute is allocator and JIT warm-up; the slope that matters is the steady state after it.
  const steady = r.rssCurve.filter(([t]) => t >= 60);
  out(`RSS idle after start ${mb(idleRss)}; soak start ${mb(rss[0]!)}, end ${mb(rss.at(-1)!)}, max ${mb(Math.max(...rss))}`);
  out(
    `RSS slope: whole run ${slopeMbPerMin(r.rssCurve).toFixed(2)} MB/min; after the first minute ${steady.length >= 2 ? `${slopeMbPerMin(steady).toFixed(2)} MB/min` : '– (run shorter than 70 s)'}`,
  );
  const steadyHeap = r.heapCurve.filter(([t]) => t >= 60);
  out(
    `heap used: start ${mb(r.heapCurve[0]![1])}, end ${mb(r.heapCurve.at(-1)![1])}; slope after the first minute ${steadyHeap.length >= 2 ? `${slopeMbPerMin(steadyHeap).toFixed(2)} MB/min` : '–'}`,
  );
  if (row.answered < row.n)
    out(`(the bot fell behind: ${row.n - row.answered} events unanswered ${DRAIN_MS / 1000} s after the last was sent; memory then holds that backlog)`);
  const u = await salesos.usage();
  out(`RSS after the soak, idle: ${mb(u.rss)}, heap used ${mb(u.heapUsed)}; load ${loadNow()}`);
}

async function main() {
  out(
    `Slack events benchmark: ${SOAK_SECONDS ? `soak ${SOAK_RATE}/s for ${SOAK_SECONDS} s` : `${SECONDS} s per rate, rates ${RATES.join(', ')} events/s`}, offline model, PostgreSQL; load ${loadNow()} (${os.cpus().length} cores)`,
  );
  const salesos = await startBot('salesos', 'SalesOS bot');
  const bare = SOAK_SECONDS ? undefined : await startBot('bare', 'bare Bolt echo');
  try {
    const idle = await salesos.usage();
    out(`RSS idle after start: SalesOS ${mb(idle.rss)}${bare ? `, bare Bolt ${mb((await bare.usage()).rss)}` : ''}`);
    // Warm both paths up (JIT, connection pools, identity cache); the first events provision each rep.
    await run(salesos, 25, 4);
    if (bare) await run(bare, 20, 2);
    out(`RSS after warm-up: SalesOS ${mb((await salesos.usage()).rss)}${bare ? `, bare Bolt ${mb((await bare.usage()).rss)}` : ''}`);
    if (SOAK_SECONDS) await soak(salesos, idle.rss);
    else await benchmark(salesos, bare!);
  } finally {
    await Promise.all([salesos.stop(), bare?.stop()]);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
