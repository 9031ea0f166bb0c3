// Mentions, DMs, the assistant pane and the slash command, through the real HTTP endpoint (signed like Slack),
// the real assistant (offline model) on PostgreSQL, and the fake Slack Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import { SUGGESTED_PROMPTS } from '../../../bots/slack/listeners/assistant.ts';
import { decodeShare } from '../../../bots/slack/share.ts';
import { buttonClick, buttonsIn, startSlackHarness, TEAM, type SlackHarness } from './harness.ts';

let h: SlackHarness;
let n = 0;
const ts = () => `1700000000.${String(++n).padStart(6, '0')}`;

beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 300 });
  // U1 is the demo rep (who owns leads); U9 is new to SalesOS.
  h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL, tz: 'Europe/Berlin' });
  h.fake.addUser({ id: 'U9', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com', tz: 'Europe/Berlin' });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

describe('Slack conversations end to end', () => {
  it('answers a mention in its thread with Block Kit lead cards', async () => {
    const at = ts();
    const res = await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: at, text: '<@UBOT> find leads' });
    expect(res.status).toBe(200);
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.body.channel).toBe('C1');
    expect(post.body.thread_ts).toBe(at);
    expect(post.token).toBe('xoxb-test-token');
    expect(typeof post.body.text).toBe('string');
    expect(buttonsIn(post.body.blocks).map((b) => b.text)).toContain('Enrich');
  });

  it('keeps the thread as the conversation: a follow-up in the thread resolves "the first one"', async () => {
    const root = ts();
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: root, text: '<@UBOT> find leads' });
    await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === root);
    await h.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: ts(), thread_ts: root, text: '<@UBOT> tell me about the first one' });
    const second = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === root && JSON.stringify(c.body.blocks).includes('"lead_detail"'));
    expect(second.body.channel).toBe('C1');
  });

  it('provisions an unknown Slack user as a rep from users.info and links the identity', async () => {
    await h.sendEvent({ type: 'app_mention', user: 'U9', channel: 'C1', ts: ts(), text: '<@UBOT> help' });
    await h.fake.waitForCall('chat.postMessage');
    const user = await h.container.users.getByEmail('rita@example.com');
    expect(user).toMatchObject({ name: 'Rita Rep', role: 'rep', timeZone: 'Europe/Berlin' });
    expect(await h.container.users.resolveIdentity('slack', TEAM, 'U9')).toMatchObject({ id: user!.id });
  });

  it('answers a direct message at the top of the DM', async () => {
    const res = await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), text: 'help' });
    expect(res.status).toBe(200);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'D1');
    expect(post.body.thread_ts).toBeUndefined();
    expect(post.body.text).toMatch(/offline mode/);
  });

  it('remembers the DM channel of a user who writes to the bot, so digests can reach them there', async () => {
    h.fake.addUser({ id: 'U8', name: 'dora', realName: 'Dora DM', email: 'dora@example.com', tz: 'Europe/Berlin' });
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U8', channel: 'D8', ts: ts(), text: 'help' });
    await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'D8');
    const user = await h.container.users.getByEmail('dora@example.com');
    const identities = await h.container.users.identitiesOf(user!.id);
    expect(identities.find((i) => i.platform === 'slack')?.address).toEqual({ channel: 'D8' });
  });

  it('ignores the bot’s own messages, edits and system subtypes', async () => {
    const base = { type: 'message', channel_type: 'im', channel: 'D1', text: 'find leads' };
    await h.sendEvent({ ...base, user: 'UBOT', bot_id: 'BBOT', ts: ts() });
    await h.sendEvent({ ...base, subtype: 'message_changed', ts: ts(), message: { user: 'U1', text: 'edited' } });
    await h.sendEvent({ ...base, subtype: 'channel_join', user: 'U1', ts: ts() });
    await h.sendEvent({ ...base, subtype: 'bot_message', bot_id: 'B2', ts: ts() });
    // A real message afterwards is answered, and it is the only answer.
    await h.sendEvent({ ...base, user: 'U1', ts: ts(), text: 'help' });
    await h.fake.waitForCall('chat.postMessage');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('offers suggested prompts when an assistant thread starts', async () => {
    await h.sendEvent({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U1', context: {}, channel_id: 'D1', thread_ts: '1700000999.000100' },
      event_ts: ts(),
    });
    const call = await h.fake.waitForCall('assistant.threads.setSuggestedPrompts');
    expect(call.body).toMatchObject({ channel_id: 'D1', thread_ts: '1700000999.000100', prompts: SUGGESTED_PROMPTS });
  });

  it('shows tool status in an assistant thread and answers in the thread', async () => {
    const thread = ts();
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), thread_ts: thread, text: 'find leads' });
    const status = await h.fake.waitForCall('assistant.threads.setStatus');
    expect(status.body).toMatchObject({ channel_id: 'D1', thread_ts: thread });
    expect(String(status.body.status).length).toBeGreaterThan(0);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === thread);
    expect(buttonsIn(post.body.blocks).length).toBeGreaterThan(0);
  });

  it('answers /salesos privately with a Share button that posts the answer to the channel', async () => {
    const res = await h.sendCommand('find leads', { responseId: 'cmd-share' });
    expect(res.status).toBe(200);
    const reply = await h.fake.waitForCall('response_url:cmd-share');
    expect(reply.body.response_type).toBe('ephemeral');
    const share = buttonsIn(reply.body.blocks).find((b) => b.text === 'Share in channel')!;
    expect(decodeShare(share.value)?.cards[0]?.type).toBe('lead_list');

    await h.sendAction(buttonClick({ button: share, messageTs: ts(), ephemeral: true, responseId: 'share-1', fake: h.fake }));
    const shared = await h.fake.waitForCall('response_url:share-1');
    expect(shared.body).toMatchObject({ response_type: 'in_channel', delete_original: true });
    expect(JSON.stringify(shared.body.blocks)).toContain('Shared by <@U1>');
  });

  it('answers an empty /salesos with usage help in the acknowledgement itself', async () => {
    const res = await h.sendCommand('  ');
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/salesos find') });
  });
});

describe('Slack assistant pane threads', () => {
  it('titles a thread with its first question (names, not ids), once per thread', async () => {
    const thread = ts();
    await h.sendEvent({
      type: 'message',
      channel_type: 'im',
      user: 'U1',
      channel: 'D1',
      ts: ts(),
      thread_ts: thread,
      text: 'Find CTOs like <@U9> in fintech\nand more',
    });
    const title = await h.fake.waitForCall('assistant.threads.setTitle');
    expect(title.body).toMatchObject({ channel_id: 'D1', thread_ts: thread, title: 'Find CTOs like @rita in fintech' });
    // An answer in the thread is a post, or a stream when the machine is slow.
    const answers = () => [...h.fake.callsTo('chat.postMessage'), ...h.fake.callsTo('chat.startStream')].filter((c) => c.body.thread_ts === thread).length;
    const answered = (n: number) => Promise.any(['chat.postMessage', 'chat.startStream'].map((m) => h.fake.waitForCall(m, () => answers() >= n)));
    await answered(1);
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), thread_ts: thread, text: 'and in Germany?' });
    await answered(2);
    expect(h.fake.callsTo('assistant.threads.setTitle')).toHaveLength(1);
  });

  it('titles nothing for someone who is refused (a guest)', async () => {
    h.fake.addUser({ id: 'U7', name: 'gina', email: 'gina@example.com', isRestricted: true });
    const thread = ts();
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U7', channel: 'D7', ts: ts(), thread_ts: thread, text: 'Find CTOs in fintech' });
    await h.fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'D7');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.callsTo('assistant.threads.setTitle')).toHaveLength(0);
  });

  it('cuts a long first question at a word, with an ellipsis, within 80 characters', async () => {
    const thread = ts();
    const question = 'Please find every head of sales operations at logistics companies in Germany, Austria and Switzerland with more than 200 people';
    await h.sendEvent({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: ts(), thread_ts: thread, text: question });
    const title = (await h.fake.waitForCall('assistant.threads.setTitle', (c) => c.body.thread_ts === thread)).body.title as string;
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith('…')).toBe(true);
    expect(question.startsWith(title.slice(0, -1))).toBe(true);
    expect(question[title.length - 1]).toBe(' ');
  });
});
