// Error paths that reach the rep, through the real POST /slack/events against the fake Web API: a channel
// that refuses the bot gets the answer in the rep's DM with a note (and streaming backs off instead of
// re-posting on every flush); a refused message goes again as plain text in parts; a final failure is audited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyEvent } from '../../../core/agent/types.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import type { Assistant } from '../../../assistant/assistant-contract.ts';
import { nextEventId, startSlackHarness, withTurns, type SlackHarness } from './harness.ts';

let h: SlackHarness;
let n = 0;
const ts = () => `1700004000.${String(++n).padStart(6, '0')}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real assistant's answer, handed over word by word so the reply streams (nothing is replaced). */
function paced(real: Assistant): Assistant {
  return withTurns(real, async function* (turn) {
    for await (const e of real.handleTurn(turn) as AsyncIterable<ReplyEvent>) {
      if (e.type !== 'text-delta') {
        yield e;
        continue;
      }
      for (const word of e.delta.split(/(?<= )/)) {
        await pause(15);
        yield { type: 'text-delta', delta: word };
      }
    }
  });
}

beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 20, wrapAssistant: paced, delivery: { startAfterMs: 30, appendEveryMs: 20, updateEveryMs: 20 } });
  h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

async function auditRowFor(eventId: string) {
  for (let i = 0; i < 50; i++) {
    const rows = await h.db.prisma.auditEntry.findMany({ where: { kind: 'delivery' } });
    const row = rows.find((r) => JSON.stringify(r.input).includes(eventId));
    if (row) return row;
    await pause(100);
  }
  return undefined;
}

describe('a channel that refuses the bot', () => {
  it('not_in_channel on chat.startStream: no re-post on every flush; the answer goes to the rep’s DM with a note', async () => {
    h.fake.failChannel('C9', 'not_in_channel');
    const eventId = nextEventId();
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C9', ts: ts(), text: '<@UBOT> help' }, { eventId });
    const opened = await h.fake.waitForCall('conversations.open', undefined, 10_000);
    expect(opened.body.users).toBe('U1');
    const answer = await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'DU1' && !/couldn't answer/.test(c.body.text), 10_000);
    const note = h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'DU1')!;
    expect(note.body.text).toMatch(/couldn't answer in the channel because I'm not a member of <#C9>/);
    expect(note.body.text).toMatch(/\/invite/);
    expect(answer.body.text.length).toBeGreaterThan(20);
    // Streaming was tried once and then left alone: no post into C9 per flush.
    expect(h.fake.callsTo('chat.startStream')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C9')).toHaveLength(0);
    expect(h.fake.callsTo('chat.appendStream')).toHaveLength(0);
    const row = await auditRowFor(eventId);
    expect(row).toMatchObject({ name: 'slack.reply', outcome: 'error', errorCode: 'not_in_channel' });
    expect(row!.input).toMatchObject({ deliveredAs: 'dm', channel: 'C9' });
  });

  it('is_archived on a quick reply: the rep gets the answer in their DM, saying the channel is archived', async () => {
    h.fake.failChannel('C8', 'is_archived');
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C8', ts: ts(), text: '<@UBOT> find leads' });
    const note = await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'DU1', 10_000);
    expect(note.body.text).toMatch(/<#C8> is archived/);
    const cards = await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'DU1' && JSON.stringify(c.body.blocks ?? []).includes('Enrich'));
    expect(cards.body.metadata.event_payload.turn).toMatch(/:dm$/);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C8').length).toBeLessThanOrEqual(1);
  });

  it('channel_not_found in the rep’s DM itself has nowhere else to go: it is logged and audited', async () => {
    h.fake.failChannel('D7', 'channel_not_found');
    const eventId = nextEventId();
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D7', ts: ts(), text: 'help' }, { eventId });
    const row = await auditRowFor(eventId);
    expect(row).toMatchObject({ name: 'slack.reply', outcome: 'error', errorCode: 'channel_not_found' });
    expect(h.fake.callsTo('conversations.open')).toHaveLength(0);
  });
});

describe('a message Slack refuses', () => {
  it('msg_too_long: the same answer goes as plain text messages without blocks', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'msg_too_long' });
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: thread, text: '<@UBOT> find leads' });
    const plain = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread && !c.body.blocks, 10_000);
    const refused = h.fake.callsTo('chat.postMessage')[0]!;
    const firstLead = JSON.stringify(refused.body.blocks).match(/Lead Number \d+|\*[^*]+\*/)?.[0];
    expect(firstLead).toBeDefined();
    expect(plain.body.text).toContain(firstLead!.replace(/^\*|\*$/g, ''));
  });

  it('a failure that is neither (fatal_error everywhere) ends in a log line and an audit row, not silence', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'fatal_error' }, 5);
    h.fake.failNext('chat.startStream', { kind: 'error', error: 'fatal_error' }, 5);
    const eventId = nextEventId();
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: ts(), text: '<@UBOT> help' }, { eventId });
    const row = await auditRowFor(eventId);
    expect(row).toMatchObject({ name: 'slack.reply', outcome: 'error', errorCode: 'fatal_error' });
  });
});

describe('a stream whose start answer was lost', () => {
  it('is carried on (appended to and stopped) instead of a second message beside it', async () => {
    const thread = ts();
    h.fake.failNext('chat.startStream', { kind: 'lost_response' });
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: thread, text: '<@UBOT> help' });
    const stop = await h.fake.waitForCall('chat.stopStream', undefined, 10_000);
    const started = h.fake.messages.filter((m) => m.thread_ts === thread);
    expect(started).toHaveLength(1);
    expect(stop.body.ts).toBe(started[0]!.ts);
    expect(h.fake.callsTo('chat.startStream')).toHaveLength(1);
    expect(h.fake.callsTo('chat.appendStream').every((c) => c.body.ts === started[0]!.ts)).toBe(true);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === thread && !c.body.blocks?.length)).toHaveLength(0);
  });
});
