// The bound on turns one process runs and queues: unit behaviour of the gate (with lag samples given by
// hand), the loop-lag probe on the real event loop, then through the real POST /slack/events: while the
// loop runs late new turns wait holding only their event (Slack still gets its 200 at once) and run when it
// keeps time again; a turn beyond the bound is told SalesOS is busy (once, audited), and the turns admitted
// still get their answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyEvent } from '../../../core/agent/types.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import type { Assistant } from '../../../assistant/assistant-contract.ts';
import { startLoopLagProbe } from '../../../bots/slack/loop-lag.ts';
import { BUSY_MESSAGE, createTurnGate, type TurnGateOptions } from '../../../bots/slack/turn-gate.ts';
import { nextEventId, startSlackHarness, withTurns, type SlackHarness } from './harness.ts';

/** A lag source the test drives: `report(ms)` is one sample; `active` says whether the gate is listening. */
function handLag() {
  let listener: ((lagMs: number) => void) | undefined;
  const source = {
    starts: 0,
    get active() {
      return listener !== undefined;
    },
    report(lagMs: number) {
      listener?.(lagMs);
    },
    probe: ((onSample) => {
      source.starts++;
      listener = onSample;
      return { stop: () => void (listener = undefined) };
    }) as NonNullable<TurnGateOptions['lagProbe']>,
  };
  return source;
}

describe('createTurnGate', () => {
  it('runs up to its limit at once, queues up to maxWaiting in arrival order, and refuses beyond', async () => {
    const lag = handLag();
    const gate = createTurnGate({ minRunning: 2, maxRunning: 2, maxWaiting: 2, lagProbe: lag.probe });
    const a = await gate.enter();
    const b = await gate.enter();
    const order: string[] = [];
    const c = gate.enter().then((r) => (order.push('c'), r));
    const d = gate.enter().then((r) => (order.push('d'), r));
    expect(await gate.enter()).toBeUndefined();
    expect(gate.stats()).toEqual({ running: 2, waiting: 2, limit: 2 });
    a!();
    b!();
    const [rc, rd] = await Promise.all([c, d]);
    expect(order).toEqual(['c', 'd']);
    expect(gate.stats()).toEqual({ running: 2, waiting: 0, limit: 2 });
    rc!();
    rd!();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, limit: 2 });
  });

  it('frees one slot per turn however often release is called', async () => {
    const gate = createTurnGate({ maxRunning: 1, maxWaiting: 0, lagProbe: handLag().probe });
    const a = await gate.enter();
    a!();
    a!();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, limit: 1 });
    const b = await gate.enter();
    expect(b).toBeDefined();
    expect(await gate.enter()).toBeUndefined();
  });

  it('lets one more turn run per sample while the loop keeps time and turns wait, up to maxRunning', async () => {
    const lag = handLag();
    const gate = createTurnGate({ minRunning: 2, maxRunning: 4, lagTargetMs: 20, lagProbe: lag.probe });
    const entered = Array.from({ length: 6 }, () => gate.enter());
    expect(gate.stats()).toEqual({ running: 2, waiting: 4, limit: 2 });
    lag.report(5);
    expect(gate.stats()).toEqual({ running: 3, waiting: 3, limit: 3 });
    lag.report(20);
    lag.report(0);
    expect(gate.stats()).toEqual({ running: 4, waiting: 2, limit: 4 });
    lag.report(0);
    expect(gate.stats()).toEqual({ running: 4, waiting: 2, limit: 4 });
    const releases = await Promise.all(entered.slice(0, 4));
    for (const release of releases) release!();
    const rest = await Promise.all(entered.slice(4));
    expect(gate.stats()).toEqual({ running: 2, waiting: 0, limit: 4 });
    // Nobody waits: a loop that keeps time does not widen the bound any further.
    lag.report(0);
    expect(gate.stats().limit).toBe(4);
    for (const release of rest) release!();
  });

  it('halves the limit while the loop runs late, never below minRunning, and starts no turn until a slot is under it', async () => {
    const lag = handLag();
    const gate = createTurnGate({ minRunning: 2, maxRunning: 16, lagTargetMs: 20, lagProbe: lag.probe });
    const first = await Promise.all(Array.from({ length: 2 }, () => gate.enter()));
    const later = Array.from({ length: 10 }, () => gate.enter());
    for (let i = 0; i < 6; i++) lag.report(0);
    expect(gate.stats()).toEqual({ running: 8, waiting: 4, limit: 8 });
    lag.report(45);
    expect(gate.stats().limit).toBe(4);
    lag.report(45);
    lag.report(45);
    expect(gate.stats()).toEqual({ running: 8, waiting: 4, limit: 2 });
    // Eight run over a limit of two: releasing six starts nothing, the seventh frees a slot under it.
    for (const release of first) release!();
    const running = await Promise.all(later.slice(0, 6));
    for (const release of running.slice(0, 4)) release!();
    expect(gate.stats()).toEqual({ running: 2, waiting: 4, limit: 2 });
    running[4]!();
    const next = await later[6]!;
    expect(gate.stats()).toEqual({ running: 2, waiting: 3, limit: 2 });
    next!();
    running[5]!();
    for (const entering of later.slice(7)) (await entering)!();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, limit: 2 });
  });

  it('listens to the loop only while turns run or wait', async () => {
    const lag = handLag();
    const gate = createTurnGate({ minRunning: 1, maxRunning: 1, maxWaiting: 1, lagProbe: lag.probe });
    expect(lag.active).toBe(false);
    const a = await gate.enter();
    expect(lag.active).toBe(true);
    const b = gate.enter();
    a!();
    (await b)!();
    expect(lag.active).toBe(false);
    (await gate.enter())!();
    expect(lag.starts).toBe(2);
    expect(lag.active).toBe(false);
  });
});

describe('startLoopLagProbe', () => {
  it('reports at least the time the loop was blocked, and nothing after it is stopped', async () => {
    const samples: number[] = [];
    const probe = startLoopLagProbe((ms) => samples.push(ms), 10);
    await new Promise((r) => setTimeout(r, 30));
    // A synchronous stretch of 80 ms: the timer due within it fires at least 70 ms late.
    const until = performance.now() + 80;
    while (performance.now() < until);
    await new Promise((r) => setTimeout(r, 30));
    probe.stop();
    const seen = samples.length;
    expect(Math.max(...samples)).toBeGreaterThanOrEqual(70);
    await new Promise((r) => setTimeout(r, 40));
    expect(samples).toHaveLength(seen);
  });
});

describe('a Slack turn beyond the bound', () => {
  let h: SlackHarness;
  let open: () => void = () => undefined;
  let held = new Promise<void>((r) => (open = r));
  let n = 0;
  const ts = () => `1700005000.${String(++n).padStart(6, '0')}`;

  /** The real assistant, whose turns wait until the test lets them go (so the one slot stays taken). */
  function held_(real: Assistant): Assistant {
    return withTurns(real, async function* (turn) {
      await held;
      yield* real.handleTurn(turn) as AsyncIterable<ReplyEvent>;
    });
  }

  beforeAll(async () => {
    h = await startSlackHarness({ demoLeads: 20, wrapAssistant: held_, turns: { maxRunning: 1, maxWaiting: 1, lagProbe: handLag().probe } });
    h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL });
  });
  afterAll(async () => h?.close());

  it('is told at once that SalesOS is busy, once and audited; the admitted turns are answered', async () => {
    const [running, waiting, refused] = [ts(), ts(), ts()];
    const refusedId = nextEventId();
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: running, text: '<@UBOT> help' });
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: waiting, text: '<@UBOT> help' });
    // Both are in: one running (held), one waiting for the slot.
    for (let i = 0; i < 250 && h.bot.turns().waiting === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.bot.turns()).toEqual({ running: 1, waiting: 1, limit: 1 });
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: refused, text: '<@UBOT> help' }, { eventId: refusedId });
    const busy = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === refused, 10_000);
    expect(JSON.stringify(busy.body)).toContain(BUSY_MESSAGE.slice(0, 40));
    // Slack retrying the refused event changes nothing: it was claimed before it was refused.
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: refused, text: '<@UBOT> help' }, { eventId: refusedId, retryNum: 1 });

    open();
    const first = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === running, 10_000);
    const second = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === waiting, 10_000);
    for (const answer of [first, second]) expect(JSON.stringify(answer.body)).not.toContain(BUSY_MESSAGE.slice(0, 40));
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === refused)).toHaveLength(1);

    const rows = await h.db.prisma.auditEntry.findMany({ where: { kind: 'delivery', errorCode: 'overloaded' } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.input)).toContain(refusedId);

    // The slots are free again: the next question is answered.
    const later = ts();
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: later, text: '<@UBOT> help' });
    const answer = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === later, 10_000);
    expect(JSON.stringify(answer.body)).not.toContain(BUSY_MESSAGE.slice(0, 40));
    held = Promise.resolve();
  });
});

describe('Slack turns while the event loop runs late', () => {
  let h: SlackHarness;
  const lag = handLag();
  let open: () => void = () => undefined;
  const held = new Promise<void>((r) => (open = r));
  const started: string[] = [];
  let n = 0;
  const ts = () => `1700006000.${String(++n).padStart(6, '0')}`;

  beforeAll(async () => {
    h = await startSlackHarness({
      demoLeads: 20,
      wrapAssistant: (real) =>
        withTurns(real, async function* (turn) {
          started.push(turn.conversationKey);
          await held;
          yield* real.handleTurn(turn) as AsyncIterable<ReplyEvent>;
        }),
      turns: { minRunning: 1, maxRunning: 8, lagTargetMs: 20, lagProbe: lag.probe },
    });
    h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL });
  });
  afterAll(async () => h?.close());

  it('acknowledges every event at once, runs fewer turns while the loop is late and more once it keeps time, and answers each', async () => {
    const threads = [ts(), ts(), ts()];
    for (const thread of threads) {
      const res = await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: thread, text: '<@UBOT> help' });
      // Slack has its 200 although only one turn may run and it is held.
      expect(res.status).toBe(200);
    }
    for (let i = 0; i < 250 && h.bot.turns().waiting < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.bot.turns()).toEqual({ running: 1, waiting: 2, limit: 1 });
    for (let i = 0; i < 250 && started.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(started).toHaveLength(1);

    // Late loop: the bound stays where it is, nothing more starts.
    lag.report(80);
    expect(h.bot.turns()).toEqual({ running: 1, waiting: 2, limit: 1 });
    // On time again: one more turn per sample.
    lag.report(2);
    expect(h.bot.turns()).toEqual({ running: 2, waiting: 1, limit: 2 });
    for (let i = 0; i < 250 && started.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(started).toHaveLength(2);

    open();
    for (const thread of threads) {
      const answer = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread, 10_000);
      expect(JSON.stringify(answer.body)).not.toContain(BUSY_MESSAGE.slice(0, 40));
    }
    expect(started).toHaveLength(3);
    for (let i = 0; i < 250 && h.bot.turns().running > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.bot.turns()).toEqual({ running: 0, waiting: 0, limit: 2 });
    // Nobody left running or waiting: the gate no longer listens to the loop.
    expect(lag.active).toBe(false);
  });
});
