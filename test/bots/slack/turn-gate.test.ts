// The bound on turns one process runs and queues: unit behaviour of the gate, then through the real
// POST /slack/events: a turn beyond the bound is told SalesOS is busy (once, audited), and the turns
// admitted still get their answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyEvent } from '../../../core/agent/types.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import type { Assistant } from '../../../assistant/assistant-contract.ts';
import { BUSY_MESSAGE, createTurnGate } from '../../../bots/slack/turn-gate.ts';
import { nextEventId, startSlackHarness, type SlackHarness } from './harness.ts';

describe('createTurnGate', () => {
  it('runs up to maxRunning at once, queues up to maxWaiting in arrival order, and refuses beyond', async () => {
    const gate = createTurnGate({ maxRunning: 2, maxWaiting: 2 });
    const a = await gate.enter();
    const b = await gate.enter();
    const order: string[] = [];
    const c = gate.enter().then((r) => (order.push('c'), r));
    const d = gate.enter().then((r) => (order.push('d'), r));
    expect(await gate.enter()).toBeUndefined();
    expect(gate.stats()).toEqual({ running: 2, waiting: 2 });
    a!();
    b!();
    const [rc, rd] = await Promise.all([c, d]);
    expect(order).toEqual(['c', 'd']);
    expect(gate.stats()).toEqual({ running: 2, waiting: 0 });
    rc!();
    rd!();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees one slot per turn however often release is called', async () => {
    const gate = createTurnGate({ maxRunning: 1, maxWaiting: 0 });
    const a = await gate.enter();
    a!();
    a!();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
    const b = await gate.enter();
    expect(b).toBeDefined();
    expect(await gate.enter()).toBeUndefined();
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
    return {
      claimDelivery: (p, id) => real.claimDelivery(p, id),
      releaseDelivery: (p, id) => real.releaseDelivery(p, id),
      checkAction: (actor, action) => real.checkAction(actor, action),
      rateReply: (rating) => real.rateReply(rating),
      handleAction: (r) => real.handleAction(r),
      async *handleTurn(turn) {
        await held;
        yield* real.handleTurn(turn) as AsyncIterable<ReplyEvent>;
      },
    };
  }

  beforeAll(async () => {
    h = await startSlackHarness({ demoLeads: 20, wrapAssistant: held_, turns: { maxRunning: 1, maxWaiting: 1 } });
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
    expect(h.bot.turns()).toEqual({ running: 1, waiting: 1 });
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
