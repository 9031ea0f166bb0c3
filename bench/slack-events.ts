// Slack events benchmark: signed app_mention events at fixed rates through POST /slack/events (our HTTP
// server, the real assistant with the offline model, PostgreSQL), replies captured by the fake Slack Web API.
// Prints ack and event-to-reply latency p50/p99, and the same for a bare Bolt app that echoes the text
// (the floor). Targets at 50 events/s: ack p99 ≤ 50 ms, event-to-reply p99 ≤ 60 ms.
// Run: npx tsx bench/slack-events.ts [seconds per rate, default 5] [rates, default 50,200]
import os from 'node:os';
import { App } from '@slack/bolt';
import { DEMO_REP_EMAIL } from '../core/demo/staff.ts';
import { configureLogger } from '../core/log.ts';
import { signSlackRequest, startFakeSlackApi, type FakeSlackApi } from '../test/support/fake-slack-api.ts';
import { SIGNING_SECRET, startSlackHarness } from '../test/bots/slack/harness.ts';

const SECONDS = Number(process.argv[2] ?? 5);
const RATES = (process.argv[3] ?? '50,200').split(',').map(Number);
/** Distinct reps, as in a real workspace: per-user budgets and locks are not one hot row. */
const USERS = Array.from({ length: 50 }, (_, i) => `UB${i}`);
const TEXTS = ['help', 'find leads', 'how much budget do I have left?', 'find CTOs at fintech companies'];

interface Sample {
  ackMs: number;
  replyMs?: number;
}

interface Target {
  url: string;
  fake: FakeSlackApi;
}

let seq = 0;

/** Send `rate` events/s for SECONDS (open loop: the schedule does not wait for answers). */
async function run(target: Target, rate: number, seconds: number): Promise<Sample[] & { cpuMsPerEvent?: number }> {
  const sentAt = new Map<string, number>();
  const samples = new Map<string, Sample>();
  const replied = new Set<string>();
  let resolveAll: () => void = () => undefined;
  const total = Math.round(rate * seconds);
  const allReplied = new Promise<void>((r) => (resolveAll = r));
  target.fake.onCall((call) => {
    // The first thing the rep sees: a posted message, or a stream started for a turn slower than startAfterMs.
    if (call.method !== 'chat.postMessage' && call.method !== 'chat.startStream') return;
    const thread = String(call.body.thread_ts ?? '');
    const t0 = sentAt.get(thread);
    if (t0 === undefined || replied.has(thread)) return;
    replied.add(thread);
    samples.get(thread)!.replyMs = call.at - t0;
    if (replied.size === total) resolveAll();
  });

  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const acks: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const ts = `1800000000.${String(++seq).padStart(6, '0')}`;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0FAKE',
      api_app_id: 'A1',
      event_id: `EvBench${seq}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_mention', user: USERS[i % USERS.length], channel: 'C1', ts, text: `<@UBOT> ${TEXTS[i % TEXTS.length]}` },
    });
    const t0 = performance.now();
    sentAt.set(ts, t0);
    const sample: Sample = { ackMs: Number.NaN };
    samples.set(ts, sample);
    acks.push(
      fetch(target.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signSlackRequest(SIGNING_SECRET, body) } }).then(async (res) => {
        sample.ackMs = performance.now() - t0;
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`ack status ${res.status}`);
      }),
    );
  }
  await Promise.all(acks);
  await Promise.race([allReplied, new Promise((r) => setTimeout(r, 30_000))]);
  const cpu = process.cpuUsage(cpu0);
  return Object.assign([...samples.values()], { cpuMsPerEvent: (cpu.user + cpu.system) / 1000 / total });
}

function pct(values: number[], p: number): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return Number.NaN;
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)]!;
}

interface Row {
  name: string;
  rate: number;
  n: number;
  replied: number;
  ack50: number;
  ack99: number;
  rep50: number;
  rep99: number;
  /** Whole process (bot, load generator and fake Slack API) over the window, per event. */
  cpuMs: number;
  load1: number;
}

function summarise(name: string, rate: number, s: Sample[] & { cpuMsPerEvent?: number }): Row {
  const acks = s.map((x) => x.ackMs);
  const replies = s.map((x) => x.replyMs ?? Number.NaN);
  return {
    name,
    rate,
    n: s.length,
    replied: replies.filter(Number.isFinite).length,
    ack50: pct(acks, 50),
    ack99: pct(acks, 99),
    rep50: pct(replies, 50),
    rep99: pct(replies, 99),
    cpuMs: s.cpuMsPerEvent ?? Number.NaN,
    load1: os.loadavg()[0]!,
  };
}

/** The assistant's own share of event-to-reply: the same texts through handleTurn directly, sequentially. */
async function measureAssistantAlone(h: Awaited<ReturnType<typeof startSlackHarness>>, n: number): Promise<number[]> {
  const actor = await h.container.users.getByEmail(DEMO_REP_EMAIL);
  if (!actor) throw new Error('demo rep missing');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const turn = { deliveryId: `alone${i}`, platform: 'slack' as const, actor, conversationKey: `slack:T0FAKE:C9:alone${i}`, text: TEXTS[i % TEXTS.length]! };
    for await (const event of h.container.assistant.handleTurn(turn)) void event;
    times.push(performance.now() - t0);
  }
  return times;
}

/** The floor: Bolt's own HTTP receiver and a listener that echoes the text in the thread. */
async function startBareBolt(): Promise<Target & { stop(): Promise<void> }> {
  const fake = await startFakeSlackApi();
  const app = new App({
    token: 'xoxb-bench',
    signingSecret: SIGNING_SECRET,
    botId: 'BBOT',
    botUserId: 'UBOT',
    clientOptions: { slackApiUrl: fake.url },
  });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: event.text, thread_ts: event.ts });
  });
  const port = 30000 + Math.floor(Math.random() * 20000);
  await app.start(port);
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    fake,
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

async function main() {
  configureLogger({ level: 'error', format: 'json' });
  console.log(`Slack events benchmark: ${SECONDS} s per rate, rates ${RATES.join(', ')} events/s, offline model, PostgreSQL`);
  const h = await startSlackHarness({ demoLeads: 2000 });
  for (const id of USERS) h.fake.addUser({ id, name: id.toLowerCase(), realName: `Bench Rep ${id}`, email: `${id.toLowerCase()}@bench.example`, tz: 'Europe/Berlin' });
  const bare = await startBareBolt();
  const rows: Row[] = [];
  let assistantAlone: number[] = [];
  try {
    // Warm both paths up (JIT, connection pools, identity cache) before measuring.
    // First events provision each rep (users.info + insert); measure only after that.
    await run(h, 25, 4);
    await run(bare, 20, 1);
    assistantAlone = await measureAssistantAlone(h, 100);
    for (const rate of RATES) {
      for (const [name, target] of [['SalesOS bot', h], ['bare Bolt echo', bare]] as const) {
        const row = summarise(name, rate, await run(target, rate, SECONDS));
        rows.push(row);
        console.log(`  measured ${name} at ${rate}/s: ${row.replied}/${row.n} replied`);
      }
    }
  } finally {
    await bare.stop();
    await h.close();
  }

  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1).padStart(8) : '       –');
  console.log('\nwhat             rate/s  events  replied  ack p50  ack p99  reply p50  reply p99  cpu/event  load1   (ms)');
  for (const r of rows) {
    console.log(`${r.name.padEnd(16)} ${String(r.rate).padStart(6)} ${String(r.n).padStart(7)} ${String(r.replied).padStart(8)} ${f(r.ack50)} ${f(r.ack99)} ${f(r.rep50)}  ${f(r.rep99)}   ${f(r.cpuMs)}  ${r.load1.toFixed(2)}`);
  }
  console.log('(cpu/event: this whole process over the window: bot, load generator and fake Slack API; load1: os.loadavg() at its end, ' + `${os.cpus().length} cores)`);
  console.log(`\nassistant.handleTurn alone, one at a time (no Slack, no HTTP): p50 ${pct(assistantAlone, 50).toFixed(1)} ms, p99 ${pct(assistantAlone, 99).toFixed(1)} ms`);
  console.log('\nratio SalesOS / bare Bolt (p99):');
  for (const rate of RATES) {
    const a = rows.find((r) => r.rate === rate && r.name === 'SalesOS bot')!;
    const b = rows.find((r) => r.rate === rate && r.name === 'bare Bolt echo')!;
    console.log(`  ${rate}/s: ack ×${(a.ack99 / b.ack99).toFixed(2)}, event-to-reply ×${(a.rep99 / b.rep99).toFixed(2)}`);
  }
  const at50 = rows.find((r) => r.rate === 50 && r.name === 'SalesOS bot')!;
  console.log(`\ntargets at 50/s: ack p99 ≤ 50 ms → ${at50.ack99 <= 50 ? 'met' : 'MISSED'} (${at50.ack99.toFixed(1)}); event-to-reply p99 ≤ 60 ms → ${at50.rep99 <= 60 ? 'met' : 'MISSED'} (${at50.rep99.toFixed(1)})`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
