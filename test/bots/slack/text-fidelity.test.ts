// The text the assistant reads is the text the rep wrote, through the real POST /slack/events: people and
// user groups mentioned become names (users.info cached; usergroups.list where the app has the scope),
// Slack's links and entities become plain text, and an oversized pasted email gets a clear message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Turn } from '../../../core/agent/types.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import type { Assistant } from '../../../assistant/assistant-contract.ts';
import { startSlackHarness, withTurns, type SlackHarness } from './harness.ts';

let h: SlackHarness;
let n = 0;
const ts = () => `1700006000.${String(++n).padStart(6, '0')}`;
const seen: Turn[] = [];
/** The profile cache's clock: moved forward to expire cached names and groups. */
/** The people cache's clock: fixed, moved by hand. */
let clockMs = Date.UTC(2026, 10, 18, 9, 0, 0);

/** Observes what the real assistant is asked; the answer is the real one. */
function observed(real: Assistant): Assistant {
  return withTurns(real, (turn) => {
    seen.push(turn);
    return real.handleTurn(turn);
  });
}

async function asked(event: Record<string, unknown>): Promise<string> {
  const before = seen.length;
  await h.sendEvent(event);
  await h.fake.waitForCall('chat.postMessage', undefined, 10_000);
  expect(seen.length).toBe(before + 1);
  return seen.at(-1)!.text;
}

beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 10, wrapAssistant: observed, streaming: false, peopleClock: () => clockMs });
  h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL });
  h.fake.addUser({ id: 'U2', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com' });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

describe('mentions become names', () => {
  it('turns a person mentioned in a DM into their name, and asks Slack about them once (cached)', async () => {
    const text = await asked({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: 'find leads for <@U2> please' });
    expect(text).toBe('find leads for @rita please');
    const callsForU2 = () => h.fake.callsTo('users.info').filter((c) => c.body.user === 'U2').length;
    expect(callsForU2()).toBe(1);
    h.fake.reset();
    await asked({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: 'and <@U2> again' });
    expect(callsForU2()).toBe(0);
  });

  it('names user groups from usergroups.list, and keeps Slack’s own label when the app lacks the scope', async () => {
    const noScope = await asked({
      type: 'message',
      channel_type: 'im',
      user: 'U1',
      channel: 'D1',
      ts: ts(),
      text: 'tell <!subteam^S1> and <!subteam^S2|@emea-sales>',
    });
    expect(noScope).toBe('tell @a user group and @emea-sales');
    expect(h.fake.callsTo('usergroups.list')).toHaveLength(1);
  });

  it('turns links, emails, channels and entities into what the rep typed', async () => {
    const text = await asked({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: ts(),
      text: '<@UBOT> roast: write to <mailto:jane@acme.com|jane@acme.com> about <https://acme.com|acme.com> in <#C42|deals> &lt;3 Q&amp;A <@UNOBODY>',
    });
    expect(text).toBe('roast: write to jane@acme.com about acme.com in #deals <3 Q&A @unknown user');
  });
});

describe('a multi-line mention', () => {
  it('keeps the rep’s lines and turns the people in it into names', async () => {
    const text = await asked({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: ts(),
      text: '<@UBOT> roast this email:\nHi <@U2>,\n\nquick question about your Q3 plans?\n\nBest, Demo',
    });
    expect(text).toBe('roast this email:\nHi @rita,\n\nquick question about your Q3 plans?\n\nBest, Demo');
  });
});

describe('after the cache expires (5 minutes)', () => {
  it('asks Slack again: a group the app can now read is named by its handle, a renamed person by the new name', async () => {
    h.fake.addUserGroup({ id: 'S1', handle: 'sales-leads', name: 'Sales leads' });
    h.fake.addUser({ id: 'U2', name: 'rita.m', realName: 'Rita Meyer', email: 'rita@example.com' });
    const cached = await asked({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: 'ping <!subteam^S1> and <@U2>' });
    expect(cached).toBe('ping @a user group and @rita');
    clockMs += 5 * 60_000 + 1;
    h.fake.reset();
    const fresh = await asked({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: 'ping <!subteam^S1> and <@U2>' });
    expect(fresh).toBe('ping @sales-leads and @rita.m');
  });
});

describe('an oversized pasted email', () => {
  it('is answered with its size, the limit and what to do, never the raw validator text', async () => {
    const sentence = 'We help revenue teams close more deals with less busywork every single quarter. ';
    const body = `Hi Jane,\n\n${sentence.repeat(160)}\n\nBest,\nRita`;
    expect(body.length).toBeGreaterThan(10_000);
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: `roast this email: ${body}` });
    const post = await h.fake.waitForCall('chat.postMessage', undefined, 10_000);
    const shown = JSON.stringify(post.body);
    expect(shown).not.toMatch(/Too big|expected string/);
    expect(shown).toMatch(/at most 10,000/);
    expect(shown).toMatch(/characters long/);
    expect(shown).toMatch(/without quoted replies/);
  });
});
