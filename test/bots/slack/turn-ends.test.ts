// A Slack turn ends when its answer has been delivered: nothing it started stays in flight. Otherwise every
// shutdown (a deploy, a replica scaled down) would wait out SHUTDOWN_GRACE_MS for turns finished long ago.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from './harness.ts';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 50 });
  h.fake.addUser({ id: 'U1', name: 'rita', realName: 'Rita Rep', email: 'rita@turn-ends.io', tz: 'Europe/Berlin' });
});
afterAll(async () => h?.close());

async function untilIdle(): Promise<number> {
  // Bounded poll: the answer is posted before the turn's own clean-up has run.
  for (let i = 0; i < 100 && h.container.inFlight.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return h.container.inFlight.size;
}

describe('a Slack turn after its answer', () => {
  it('leaves nothing in flight, for one answer and for several in a row', async () => {
    for (const [i, text] of ['help', 'find leads', 'how much budget do I have left?'].entries()) {
      const ts = `1764200000.00000${i + 1}`;
      await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts, text: `<@UBOT> ${text}` });
      await Promise.any([
        h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === ts),
        h.fake.waitForCall('chat.startStream', (c) => c.body.thread_ts === ts),
      ]);
      expect(await untilIdle()).toBe(0);
    }
  });
});
