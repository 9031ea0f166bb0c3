// Buttons (tools, confirm flow, paging), de-duplication of retries and double clicks, request signing, and
// Slack API failures — through the real endpoint and the real assistant, against the fake Slack Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseActionValue } from '../../../bots/slack/blocks/limits.ts';
import { ALREADY_PRESSED } from '../../../bots/slack/listeners/actions.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import { SLACK_TEST_NOW_S, signSlackRequest } from '../../support/fake-slack-api.ts';
import { buttonClick, buttonsIn, SIGNING_SECRET, startSlackHarness, type SlackHarness } from './harness.ts';

let h: SlackHarness;
let n = 0;
const ts = () => `1700001000.${String(++n).padStart(6, '0')}`;
const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 300 });
  h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL, tz: 'Europe/Berlin' });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

/** Mention the bot and return the reply that carries the lead list. */
async function leadListReply(thread = ts()) {
  await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: thread, text: '<@UBOT> find leads' });
  const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread && buttonsIn(c.body.blocks).length > 0);
  return { thread, post, buttons: buttonsIn(post.body.blocks) };
}

function leadOf(value: string): string {
  const action = parseActionValue(value);
  if (action?.kind !== 'tool') throw new Error(`not a tool button: ${value}`);
  return String(action.input.lead);
}

const processedCount = async () => Number((await h.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM processed_deliveries`)[0]!.n);

describe('request verification', () => {
  it('rejects a bad signature with 401 and processes nothing', async () => {
    const before = await processedCount();
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0FAKE',
      event_id: 'EvBad',
      event: { type: 'app_mention', user: 'U1', channel: 'C1', ts: ts(), text: '<@UBOT> find leads' },
    });
    const res = await h.post(body, 'application/json', signSlackRequest('wrong-secret', body));
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.calls).toEqual([]);
    expect(await processedCount()).toBe(before);
  });

  it('rejects a correctly signed request with a stale timestamp with 401 and processes nothing', async () => {
    const before = await processedCount();
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0FAKE',
      event_id: 'EvStale',
      event: { type: 'app_mention', user: 'U1', channel: 'C1', ts: ts(), text: '<@UBOT> find leads' },
    });
    const tenMinutesAgo = SLACK_TEST_NOW_S - 600;
    const res = await h.post(body, 'application/json', signSlackRequest(SIGNING_SECRET, body, tenMinutesAgo));
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.calls).toEqual([]);
    expect(await processedCount()).toBe(before);
  });

  it('answers Slack’s url_verification challenge', async () => {
    const res = await h.post(JSON.stringify({ type: 'url_verification', challenge: 'c-123' }), 'application/json');
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});

describe('de-duplication', () => {
  it('answers a retried event (x-slack-retry-num) once', async () => {
    const event = { type: 'app_mention', user: 'U1', channel: 'C1', ts: ts(), text: '<@UBOT> help' };
    const first = await h.sendEvent(event, { eventId: 'EvRetry1' });
    const retry = await h.sendEvent(event, { eventId: 'EvRetry1', retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    // One answer: one post, or (on a loaded machine, when the text takes a while) one stream.
    const answers = () => h.fake.callsTo('chat.postMessage').length + h.fake.callsTo('chat.startStream').length;
    await Promise.any([h.fake.waitForCall('chat.postMessage'), h.fake.waitForCall('chat.startStream')]);
    await settle(400);
    expect(answers()).toBe(1);
    // Both turns ended (the answered one and the repeat): none is left in flight for shutdown to wait out.
    expect(h.container.inFlight.size).toBe(0);
  });

  it('runs a double-clicked button once and tells the second click so', async () => {
    const { post, buttons } = await leadListReply();
    h.fake.reset();
    const enrich = buttons.find((b) => b.text === 'Enrich')!;
    const click = (responseId: string) => h.sendAction(buttonClick({ button: enrich, messageTs: post.body.thread_ts, fake: h.fake, responseId }));
    await Promise.all([click('first'), click('second')]);
    await h.fake.waitForCall('chat.postMessage');
    // The second click is told privately that the button was already pressed.
    const told = await Promise.any([h.fake.waitForCall('response_url:first'), h.fake.waitForCall('response_url:second')]);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: ALREADY_PRESSED });
    await settle(400);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect([...h.fake.callsTo('response_url:first'), ...h.fake.callsTo('response_url:second')]).toHaveLength(1);
  });
});

describe('buttons', () => {
  it('runs Enrich through the assistant and answers in the message thread', async () => {
    const { thread, buttons } = await leadListReply();
    h.fake.reset();
    const enrich = buttons.find((b) => b.text === 'Enrich')!;
    const lead = leadOf(enrich.value);
    const res = await h.sendAction(buttonClick({ button: enrich, messageTs: ts(), threadTs: thread, fake: h.fake }));
    expect(res.status).toBe(200);
    const reply = await h.fake.waitForCall('chat.postMessage');
    expect(reply.body.thread_ts).toBe(thread);
    expect(JSON.stringify(reply.body.blocks)).toMatch(/Enrichment/);
    // Same middleware as a typed request: the click is in the audit trail as the rep's enrichLead call.
    const audited = await h.db.prisma.auditEntry.findMany({ where: { name: 'enrichLead', platform: 'slack' } });
    expect(audited.some((a) => JSON.stringify(a.input).includes(lead))).toBe(true);
  });

  it('asks to confirm Mark contacted, and Confirm updates the lead and the confirmation message', async () => {
    const { thread, buttons } = await leadListReply();
    const mark = buttons.find((b) => b.text === 'Mark contacted')!;
    const leadId = leadOf(mark.value);
    h.fake.reset();
    await h.sendAction(buttonClick({ button: mark, messageTs: ts(), threadTs: thread, fake: h.fake }));
    const ask = await h.fake.waitForCall('chat.postMessage', (c) => buttonsIn(c.body.blocks).some((b) => b.text === 'Confirm'));
    expect((await h.db.prisma.lead.findUnique({ where: { id: leadId } }))!.status).not.toBe('contacted');

    const confirm = buttonsIn(ask.body.blocks).find((b) => b.text === 'Confirm')!;
    const askTs = '1700009999.000001';
    await h.sendAction(buttonClick({ button: confirm, messageTs: askTs, threadTs: thread, fake: h.fake }));
    const updated = await h.fake.waitForCall('chat.update');
    expect(updated.body.ts).toBe(askTs);
    expect(buttonsIn(updated.body.blocks).map((b) => b.text)).not.toContain('Confirm');
    expect(updated.body.text).toMatch(/Confirmed|contacted/i);
    expect((await h.db.prisma.lead.findUnique({ where: { id: leadId } }))!.status).toBe('contacted');
  });

  it("a colleague's Confirm is answered privately, leaves the card and the lead alone, and the owner's Confirm then works", async () => {
    h.fake.addUser({ id: 'U2', name: 'colleague', realName: 'Colin Colleague', email: 'colin.colleague@salesos.demo', tz: 'Europe/Berlin' });
    const { thread, buttons } = await leadListReply();
    const mark = buttons.find((b) => b.text === 'Mark contacted')!;
    const leadId = leadOf(mark.value);
    h.fake.reset();
    await h.sendAction(buttonClick({ button: mark, messageTs: ts(), threadTs: thread, fake: h.fake }));
    const ask = await h.fake.waitForCall('chat.postMessage', (c) => buttonsIn(c.body.blocks).some((b) => b.text === 'Confirm'));
    const confirm = buttonsIn(ask.body.blocks).find((b) => b.text === 'Confirm')!;
    const askTs = '1700009999.000002';

    await h.sendAction(buttonClick({ button: confirm, userId: 'U2', messageTs: askTs, threadTs: thread, fake: h.fake, responseId: 'foreign' }));
    const refused = await h.fake.waitForCall('response_url:foreign');
    expect(refused.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(refused.body.text).toMatch(/requested by someone else/);
    await settle();
    expect(h.fake.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
    expect((await h.db.prisma.lead.findUnique({ where: { id: leadId } }))!.status).not.toBe('contacted');

    await h.sendAction(buttonClick({ button: confirm, messageTs: askTs, threadTs: thread, fake: h.fake }));
    const updated = await h.fake.waitForCall('chat.update');
    expect(updated.body.ts).toBe(askTs);
    expect((await h.db.prisma.lead.findUnique({ where: { id: leadId } }))!.status).toBe('contacted');
  });

  it('pages a lead list: Show more replaces the message with the next leads', async () => {
    const { thread, buttons } = await leadListReply();
    const more = buttons.find((b) => b.text === 'Show more');
    expect(more).toBeDefined();
    h.fake.reset();
    await h.sendAction(buttonClick({ button: more!, messageTs: '1700008888.000001', threadTs: thread, fake: h.fake }));
    const page = await h.fake.waitForCall('chat.update');
    expect(page.body.ts).toBe('1700008888.000001');
    const firstIds = buttons.filter((b) => b.text === 'Enrich').map((b) => b.value);
    const nextIds = buttonsIn(page.body.blocks)
      .filter((b) => b.text === 'Enrich')
      .map((b) => b.value);
    expect(nextIds.length).toBeGreaterThan(0);
    expect(nextIds.filter((v) => firstIds.includes(v))).toEqual([]);
  });
});

describe('Slack API failures', () => {
  it('retries a 429 from chat.postMessage after Retry-After and delivers the reply once', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const started = Date.now();
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: ts(), text: '<@UBOT> help' });
    await h.fake.waitForCall('chat.postMessage', () => h.fake.callsTo('chat.postMessage').length === 2, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('sends the answer again as plain text when Slack refuses its blocks (invalid_blocks)', async () => {
    const thread = ts();
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks' });
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: thread, text: '<@UBOT> find leads' });
    const plain = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread && !c.body.blocks);
    const refused = h.fake.callsTo('chat.postMessage')[0]!;
    // The refused message's content, lead by lead, is what the plain text carries.
    expect(refused.body.blocks.length).toBeGreaterThan(0);
    expect(plain.body.text).toMatch(/Lead|lead/);
    await settle();
    expect(h.fake.callsTo('chat.postMessage').some((c) => /Sorry/.test(c.body.text))).toBe(false);
  });
});
