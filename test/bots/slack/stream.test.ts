// How a reply reaches Slack as its events arrive: one message when the turn is quick, Slack's streaming API
// when text keeps coming, chat.update when Slack refuses streaming, and a clear message when the turn fails.
// The events are scripted input; delivery runs through Bolt's real WebClient against the fake Slack API.
import { App } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyEvent } from '../../../core/agent/types.ts';
import type { Card } from '../../../core/cards.ts';
import { AppError } from '../../../core/errors.ts';
import { SLACK_RETRY_CONFIG } from '../../../bots/slack/web-api.ts';
import { deliverReply } from '../../../bots/slack/stream.ts';
import { threadSurface } from '../../../bots/slack/surfaces.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';
import { leadList } from '../../core/view/card-fixtures.ts';

let fake: FakeSlackApi;
let client: App['client'];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fast = { startAfterMs: 30, appendEveryMs: 20, updateEveryMs: 20 };

beforeAll(async () => {
  fake = await startFakeSlackApi();
  const app = new App({
    token: 'xoxb-t',
    signingSecret: 's',
    botId: 'B',
    botUserId: 'UBOT',
    clientOptions: { slackApiUrl: fake.url, retryConfig: SLACK_RETRY_CONFIG },
  });
  client = app.client;
});
afterAll(async () => fake?.close());
beforeEach(() => fake.reset());

async function* script(steps: (ReplyEvent | number | Error)[]): AsyncGenerator<ReplyEvent> {
  for (const s of steps) {
    if (typeof s === 'number') await pause(s);
    else if (s instanceof Error) throw s;
    else yield s;
  }
}
const done = (text: string, cards: Card[] = []): ReplyEvent => ({
  type: 'done',
  reply: { text, cards, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } },
});
const delta = (d: string): ReplyEvent => ({ type: 'text-delta', delta: d });
const surface = (channel = 'C1') =>
  threadSurface(client, {
    channel,
    threadTs: '1.000001',
    teamId: 'T1',
    userId: 'U1',
    streaming: true,
    assistantThread: channel.startsWith('D'),
    replyTo: 'Ev1',
  });

describe('reply delivery', () => {
  it('posts a quick turn as a single message with text and card blocks', async () => {
    const r = await deliverReply(script([delta('Found 3 leads.'), done('Found 3 leads.', [leadList(3)])]), surface(), fast);
    expect(r.mode).toBe('single');
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(JSON.stringify(fake.calls[0]!.body.blocks)).toContain('Lead Number 3');
  });

  it('streams slow text with chat.startStream/appendStream/stopStream, then posts the cards', async () => {
    const steps = [delta('Looking'), 80, delta(' at your'), 80, delta(' leads.'), 50, done('Looking at your leads.', [leadList(2)])];
    const r = await deliverReply(script(steps), surface(), fast);
    expect(r.mode).toBe('stream');
    const methods = fake.calls.map((c) => c.method);
    expect(methods[0]).toBe('chat.startStream');
    expect(methods).toContain('chat.appendStream');
    expect(methods.indexOf('chat.stopStream')).toBeLessThan(methods.lastIndexOf('chat.postMessage'));
    const start = fake.callsTo('chat.startStream')[0]!.body;
    // Outside a DM Slack must be told whose stream it is.
    expect(start).toMatchObject({ channel: 'C1', thread_ts: '1.000001', recipient_team_id: 'T1', recipient_user_id: 'U1' });
    const streamed = [start.markdown_text, ...fake.callsTo('chat.appendStream').map((c) => c.body.markdown_text)].join('');
    expect(streamed).toBe('Looking at your leads.');
  });

  it('falls back to one message updated with chat.update when Slack refuses streaming', async () => {
    fake.failNext('chat.startStream', { kind: 'error', error: 'method_not_supported_for_channel_type' });
    const steps = [delta('Part one.'), 80, delta(' Part two.'), 80, done('Part one. Part two.')];
    const r = await deliverReply(script(steps), surface(), fast);
    expect(r.mode).toBe('update');
    const post = fake.callsTo('chat.postMessage')[0]!;
    const updates = fake.callsTo('chat.update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.at(-1)!.body.text).toBe('Part one. Part two.');
    expect(post.body.thread_ts).toBe('1.000001');
  });

  it('maps status events to the assistant thread status', async () => {
    await deliverReply(script([{ type: 'status', text: 'Searching leads…' }, 20, done('Done.')]), surface('D1'), fast);
    expect(fake.callsTo('assistant.threads.setStatus')[0]!.body).toMatchObject({ channel_id: 'D1', thread_ts: '1.000001', status: 'Searching leads…' });
  });

  it('tells the user what went wrong when the turn fails, without a stack trace', async () => {
    const failure = new AppError('dependency_down', 'The model provider is not answering; try again in a minute.');
    const r = await deliverReply(script([{ type: 'status', text: 'Thinking…' }, failure]), surface(), fast);
    expect(r.mode).toBe('failed');
    const post = fake.callsTo('chat.postMessage')[0]!;
    expect(post.body.text).toBe('The model provider is not answering; try again in a minute.');
    expect(JSON.stringify(post.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('gives a generic message for an unexpected error', async () => {
    const r = await deliverReply(script([new TypeError('x is undefined')]), surface(), fast);
    expect(r.mode).toBe('failed');
    expect(fake.callsTo('chat.postMessage')[0]!.body.text).toMatch(/Something went wrong on our side/);
  });

  it('finishes a broken stream with an apology instead of leaving it open', async () => {
    const steps = [delta('Half an'), 80, new Error('model stream aborted')];
    await deliverReply(script(steps), surface(), fast);
    expect(fake.callsTo('chat.stopStream')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').at(-1)!.body.text).toMatch(/Something went wrong/);
  });
});

describe('live updates that fail', () => {
  it('back off and stop after three failures in a row, then the whole answer is still posted', async () => {
    fake.failNext('chat.appendStream', { kind: 'error', error: 'internal_error' }, 50);
    const steps: (ReplyEvent | number)[] = [delta('Start.')];
    for (let i = 0; i < 30; i++) steps.push(40, delta(` word${i}`));
    const full = 'Start.' + Array.from({ length: 30 }, (_, i) => ` word${i}`).join('');
    steps.push(done(full));
    const r = await deliverReply(script(steps), surface(), { ...fast, maxLiveFailures: 3 });
    // 1.2 s of text at a 20 ms cadence would be ~50 appends; with back-off and the stop after three, three.
    expect(fake.callsTo('chat.appendStream').length).toBe(3 + 1);
    expect(fake.callsTo('chat.stopStream')).toHaveLength(1);
    expect(r.mode).toBe('single');
    expect(fake.callsTo('chat.postMessage').at(-1)!.body.text).toContain('word29');
  });

  it('pages a long answer over several messages instead of cutting it', async () => {
    const paragraph = (i: number) => `Paragraph ${i}: ${'detail '.repeat(60).trim()}.`;
    const long = Array.from({ length: 100 }, (_, i) => paragraph(i)).join('\n\n');
    expect(long.length).toBeGreaterThan(40_000);
    await deliverReply(script([done(long)]), surface(), fast);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    const shown = posts.map((p) => p.body.blocks.map((b: any) => b.text.text).join('\n')).join('\n');
    for (let i = 0; i < 100; i++) expect(shown).toContain(`Paragraph ${i}:`);
    for (const p of posts) for (const b of p.body.blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });
});
