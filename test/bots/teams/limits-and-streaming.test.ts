// Replies within Teams' size limit and streaming by Teams' rules, through POST /api/messages with a model
// served by a fake OpenAI-compatible server (so the test decides how long and how bursty the answer is).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activitySize, TEAMS_LIMIT_UTF16_BYTES, TEAMS_LIMIT_UTF8_BYTES, trimCard } from '../../../bots/teams/fit-size.ts';
import { startFakeOpenAI, type ChatRequest, type FakeAnswer, type FakeOpenAI } from '../../support/fake-openai.ts';
import type { RecordedActivity } from '../../support/fake-bot-connector.ts';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';

const INTERVAL_MS = 300;
let h: TeamsHarness;
let openai: FakeOpenAI;
let answer: (req: ChatRequest) => FakeAnswer;

beforeAll(async () => {
  openai = await startFakeOpenAI((req) => answer(req));
  h = await startTeamsHarness({
    env: { OPENAI_BASE_URL: openai.url, SALESOS_MODEL: 'gpt-5-mini', COST_DAILY_LIMIT_USD: '1000' },
    bot: () => ({ timing: { invokeBudgetMs: 8000, streamIntervalMs: INTERVAL_MS, typingIntervalMs: 100 } }),
  });
  for (let i = 0; i < 40; i++)
    await h.container.leads.create({
      email: `lead${i}@northwind${i}.de`,
      fullName: `Lead Number${i}`,
      title: 'Chief Technology Officer',
      company: `Northwind ${i} GmbH`,
      industry: 'Fintech',
      country: 'Germany',
      city: 'Berlin',
      score: 50 + i,
    });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await openai?.close();
});
beforeEach(() => {
  answer = () => ({ text: 'Hello.' });
});

/** A 1:1 message from a new rep; `script` sets up the connector's failures for this chat only. Resolves once the turn has finished. */
async function ask(text: string, script: (path: string) => void = () => {}) {
  const rep = person(`Rep ${Math.random().toString(36).slice(2, 8)}`);
  registerMember(h.connector, rep);
  const conv = conversation({ kind: 'personal' });
  script(`${String(conv.id)}/activities`);
  expect((await h.post(messageActivity(h.connector, rep, conv, text))).status).toBe(202);
  await h.bot.drain();
  const mine = (a: RecordedActivity) => a.conversationId === conv.id;
  return {
    conv,
    activities: h.connector.activities.filter(mine),
    requests: h.connector.requests.filter((r) => r.path.includes(String(conv.id)) && r.path.includes('/activities')),
  };
}

const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => `Paragraph ${i + 1}: ${'pipeline review and next steps for the account team '.repeat(12).trim()}.`);

describe('Teams size limits (never a 413)', () => {
  it('a 60 KB answer arrives as several messages, each within the limit, together the whole text; the first closes the stream', async () => {
    const long = paragraphs(90).join('\n\n');
    expect(Buffer.byteLength(long)).toBeGreaterThan(55_000);
    answer = () => ({ text: long });
    const { activities, requests } = await ask('write me a long account plan');
    expect(requests.filter((r) => r.status === 413)).toEqual([]);
    const messages = activities.filter((a) => a.activity.type === 'message');
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      const size = activitySize(m.activity);
      expect(size.utf8).toBeLessThanOrEqual(TEAMS_LIMIT_UTF8_BYTES);
      expect(size.utf16).toBeLessThanOrEqual(TEAMS_LIMIT_UTF16_BYTES);
    }
    expect(messages.map((m) => m.activity.text).join('\n\n')).toBe(long);
    const stream = activities.find((a) => a.activity.type === 'typing')!;
    expect(messages[0]!.activity.channelData).toMatchObject({ streamType: 'final', streamId: stream.activityId });
    expect(messages.slice(1).every((m) => m.activity.channelData?.streamType === undefined)).toBe(true);
  });

  it('twelve lead lists in one reply are spread over several messages, every card delivered, none over the limit', async () => {
    answer = (req) =>
      req.messages.some((m) => m.role === 'tool')
        ? { text: 'Here are the twelve lists.' }
        : { toolCalls: Array.from({ length: 12 }, (_, i) => ({ name: 'findLeads', arguments: { country: ['Germany'], limit: 10, offset: i } })) };
    const { activities, requests } = await ask('twelve lead lists please');
    expect(requests.filter((r) => r.status === 413)).toEqual([]);
    const messages = activities.filter((a) => a.activity.type === 'message');
    const cards = messages.flatMap((m) => m.activity.attachments ?? []);
    expect(cards.filter((c: { content: unknown }) => JSON.stringify(c.content).includes('Lead Number'))).toHaveLength(12);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(activitySize(m.activity).utf8).toBeLessThanOrEqual(TEAMS_LIMIT_UTF8_BYTES);
  });

  it('a single card too large for any message is trimmed with a notice that says how to see the rest', () => {
    const body = Array.from({ length: 400 }, (_, i) => ({ type: 'TextBlock', text: `Row ${i} ${'x'.repeat(200)}`, wrap: true }));
    const big = {
      contentType: 'application/vnd.microsoft.card.adaptive' as const,
      content: { type: 'AdaptiveCard' as const, $schema: 'x', version: '1.5' as const, fallbackText: 'rows', body },
    };
    const trimmed = trimCard(big);
    expect(activitySize({ type: 'message', attachments: [trimmed] }).utf8).toBeLessThanOrEqual(TEAMS_LIMIT_UTF8_BYTES);
    expect(trimmed.content.body.length).toBeLessThan(body.length);
    expect(JSON.stringify(trimmed.content.body.at(-1))).toMatch(/did not fit in one Teams message.*narrow the search/);
  });
});

describe('Teams streaming rules (1:1)', () => {
  it('a burst of text becomes at most one streaming request per interval, each repeating the text so far, with the streaminfo entity', async () => {
    answer = () => ({ text: paragraphs(6).join('\n\n') });
    const { activities, requests } = await ask('summarise my week');
    const posts = requests.filter((r) => r.method === 'POST');
    for (let i = 1; i < posts.length; i++) expect(posts[i]!.at - posts[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    const updates = activities.filter((a) => a.activity.type === 'typing');
    // The fake model answers at once: "Thinking…", one coalesced update, the final message — not one request per word.
    expect(updates.length).toBeLessThanOrEqual(3);
    const texts = updates.filter((u) => u.activity.channelData.streamType === 'streaming').map((u) => u.activity.text as string);
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true);
    const first = updates[0]!;
    expect(first.activity.entities).toEqual([{ type: 'streaminfo', streamType: 'informative', streamSequence: 1 }]);
    for (const u of updates.slice(1)) expect(u.activity.entities[0]).toMatchObject({ type: 'streaminfo', streamId: first.activityId });
    const final = activities.find((a) => a.activity.type === 'message')!;
    expect(final.activity.entities).toContainEqual({ type: 'streaminfo', streamId: first.activityId, streamType: 'final' });
  });

  it('a slow answer streams: updates at least one interval apart, each repeating the text so far, then the final message', async () => {
    const words = paragraphs(1)[0]!.split(' ').slice(0, 60).join(' ');
    answer = () => ({ text: words, delayMsPerWord: 20 });
    const { activities, requests } = await ask('think slowly');
    const posts = requests.filter((r) => r.method === 'POST');
    for (let i = 1; i < posts.length; i++) expect(posts[i]!.at - posts[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    const streaming = activities.filter((a) => a.activity.channelData?.streamType === 'streaming').map((a) => a.activity.text as string);
    // ~1.2 s of words at one update per 300 ms: a handful of updates, not sixty.
    expect(streaming.length).toBeGreaterThanOrEqual(2);
    expect(streaming.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < streaming.length; i++) expect(streaming[i]!.startsWith(streaming[i - 1]!)).toBe(true);
    const final = activities.filter((a) => a.activity.type === 'message');
    expect(final).toHaveLength(1);
    expect(final[0]!.activity.text).toBe(words);
  });

  it('after repeated 429s on updates and on the final message, the stream is still closed with one final message', async () => {
    answer = () => ({ text: paragraphs(3).join('\n\n'), delayMsPerWord: 3 });
    const { activities, requests } = await ask('what changed today?', (path) => {
      h.connector.fail({ status: 429, when: (a) => a.channelData?.streamType === 'streaming', times: 20, pathIncludes: path });
      h.connector.fail({ status: 429, when: (a) => a.channelData?.streamType === 'final', times: 2, pathIncludes: path });
    });
    expect(requests.some((r) => r.status === 429)).toBe(true);
    const finals = activities.filter((a) => a.activity.type === 'message');
    expect(finals).toHaveLength(1);
    const stream = activities.find((a) => a.activity.type === 'typing')!;
    expect(finals[0]!.activity.channelData).toMatchObject({ streamType: 'final', streamId: stream.activityId });
    expect(finals[0]!.activity.text).toBe(paragraphs(3).join('\n\n'));
  });

  it("the user's Stop (403 ContentStreamNotAllowed) ends the answer: no late full message", async () => {
    answer = () => ({ text: paragraphs(5).join('\n\n') });
    // Once the user stops, Teams refuses everything for that stream, the final message included.
    const { activities, requests } = await ask('tell me everything', (path) => {
      h.connector.fail({
        status: 403,
        code: 'ContentStreamNotAllowed',
        message: 'Content stream was cancelled by user.',
        when: (a) => Boolean(a.channelData?.streamId),
        times: 50,
        pathIncludes: path,
      });
    });
    expect(requests.some((r) => r.status === 403)).toBe(true);
    expect(activities.filter((a) => a.activity.type === 'message')).toEqual([]);
  });

  it('when Teams closes a stream that ran too long (ContentStreamNotAllowed, time limit), the whole answer still arrives as a plain message', async () => {
    const text = paragraphs(2).join('\n\n');
    answer = () => ({ text, delayMsPerWord: 5 });
    const { activities } = await ask('a long one please', (path) => {
      h.connector.fail({
        status: 403,
        code: 'ContentStreamNotAllowed',
        message: 'Content stream finished due to exceeded streaming time.',
        when: (a) => Boolean(a.channelData?.streamId),
        times: 50,
        pathIncludes: path,
      });
    });
    const messages = activities.filter((a) => a.activity.type === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.activity.text).toBe(text);
    expect(messages[0]!.activity.channelData?.streamType).toBeUndefined();
  });

  it('when Teams refuses to stream, a typing indicator shows and one plain message answers', async () => {
    answer = () => ({ text: 'All quiet today.' });
    const { activities } = await ask('anything new?', (path) => {
      h.connector.fail({ status: 403, code: 'StreamingNotAllowed', when: (a) => a.channelData?.streamType === 'informative', times: 1, pathIncludes: path });
    });
    expect(activities.some((a) => a.activity.type === 'typing' && !a.activity.channelData?.streamType)).toBe(true);
    const messages = activities.filter((a) => a.activity.type === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.activity.text).toBe('All quiet today.');
    expect(messages[0]!.activity.channelData?.streamType).toBeUndefined();
  });
});
