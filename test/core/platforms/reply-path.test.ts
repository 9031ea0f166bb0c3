// Every registered platform that can be written to has one sender for all three kinds of outbound message:
// replies to a turn (`openReply`), proactive messages and digests. At compile time `ChatSender` requires
// `openReply` and app/chat-senders.ts is keyed by the registry, so a sender without the reply path does not
// compile; here every sender built from config answers a turn through it, against the fake Slack Web API
// and the fake Bot Connector (real HTTP), including a turn whose events stop without an answer.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { buildChatSenders } from '../../../app/chat-senders.ts';
import type { SlackChatSender } from '../../../bots/slack/sender.ts';
import { threadSurface } from '../../../bots/slack/surfaces.ts';
import { createTeamsTransport } from '../../../bots/teams/adapter.ts';
import type { TeamsChatSender } from '../../../bots/teams/sender.ts';
import type { ReplyEvent } from '../../../core/agent/types.ts';
import { log } from '../../../core/log.ts';
import { PROACTIVE_PLATFORMS } from '../../../core/platforms/registry.ts';
import { type ChatSender, type ReplySender, streamReply } from '../../../core/platforms/sender.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../support/fake-slack-api.ts';

let slack: FakeSlackApi;
let connector: FakeBotConnector;
let c: TestContainer;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  connector = await startFakeBotConnector();
  c = await createTestContainer({
    SLACK_BOT_TOKEN: 'xoxb-replies',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  });
}, 60_000);

afterAll(async () => {
  await c?.db.drop();
  await slack?.close();
  await connector?.close();
});

async function* events(...list: ReplyEvent[]): AsyncGenerator<ReplyEvent> {
  yield* list;
}
const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
const answer = (text: string): ReplyEvent[] => [
  { type: 'text-delta', delta: text },
  { type: 'done', reply: { text, cards: [], toolCalls: [], usage } },
];

describe('the reply path of every sender', () => {
  it('is part of the sender interface (compile time)', () => {
    expectTypeOf<ChatSender<string>>().toExtend<ReplySender<string>>();
    expectTypeOf<SlackChatSender>().toHaveProperty('openReply');
    expectTypeOf<TeamsChatSender>().toHaveProperty('openReply');
  });

  it('is there for every proactive platform in the registry', () => {
    const senders = buildChatSenders(c);
    expect([...senders.keys()].sort()).toEqual([...PROACTIVE_PLATFORMS].sort());
    for (const platform of PROACTIVE_PLATFORMS) expect(typeof senders.get(platform)?.openReply, platform).toBe('function');
  });

  it('Slack: the sender built from config answers a turn in its thread, and a turn that stops without an answer says so', async () => {
    const sender = buildChatSenders(c).get('slack') as SlackChatSender;
    const client = new webApi.WebClient('xoxb-replies', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    const surface = (replyTo: string) => threadSurface(client, { channel: 'C1', threadTs: '1.000001', teamId: 'T1', userId: 'U1', streaming: true, replyTo });

    const result = await streamReply(events(...answer('Found 3 leads.')), sender.openReply(surface('Ev1')));
    expect(result.mode).toBe('single');
    const posted = slack.callsTo('chat.postMessage').map((call) => call.body);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channel: 'C1', thread_ts: '1.000001', text: 'Found 3 leads.' });

    const stopped = await streamReply(events({ type: 'status', text: 'Searching leads…' }), sender.openReply(surface('Ev2')));
    expect(stopped.mode).toBe('failed');
    const last = slack.callsTo('chat.postMessage').at(-1)?.body;
    expect(JSON.stringify(last)).toContain('The answer stopped before it was complete.');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('Teams: the sender built from config answers a turn in its conversation, and shows what arrived when the events stop early', async () => {
    const sender = buildChatSenders(c).get('teams') as TeamsChatSender;
    const transport = createTeamsTransport(c.config.teams, { log });
    const reference = (id: string) => ({
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id, conversationType: 'groupChat', tenantId: 'tenant-1' },
      bot: { id: 'bot-1', name: 'SalesOS' },
    });
    const sent = (id: string) => connector.activities.filter((a) => a.conversationId === id && a.activity.type === 'message').map((a) => a.activity);

    await transport.continueConversation(reference('19:replies-1'), async (context) => {
      await streamReply(events(...answer('Found 3 leads.')), sender.openReply({ context }));
    });
    expect(sent('19:replies-1')).toHaveLength(1);
    expect(sent('19:replies-1')[0]?.text).toContain('Found 3 leads.');

    await transport.continueConversation(reference('19:replies-2'), async (context) => {
      await streamReply(events({ type: 'text-delta', delta: 'Half an answer' }), sender.openReply({ context }));
    });
    expect(sent('19:replies-2')).toHaveLength(1);
    expect(sent('19:replies-2')[0]?.text).toContain('Half an answer');
  });

  it('Teams: an answer Teams refuses ends in one error message, tried once through the reply and once plainly, never twice', async () => {
    const sender = buildChatSenders(c).get('teams') as TeamsChatSender;
    const transport = createTeamsTransport(c.config.teams, { log });
    const id = 'replies-refused';
    connector.fail({ status: 400, code: 'BadArgument', pathIncludes: id, when: (a) => a.type === 'message', times: 10 });
    const reference = { channelId: 'msteams', serviceUrl: connector.serviceUrl, conversation: { id, conversationType: 'groupChat', tenantId: 'tenant-1' } };
    const outcome = await transport
      .continueConversation(reference, async (context) => {
        await streamReply(events(...answer('Found 3 leads.')), sender.openReply({ context }));
      })
      .then(
        () => 'delivered',
        () => 'thrown',
      );
    // The answer, the error card through the reply, the error card as a plain message: then the failure is the caller's.
    expect(outcome).toBe('thrown');
    const refused = connector.requests.filter((r) => r.method === 'POST' && r.path.includes(id) && r.status === 400);
    expect(refused).toHaveLength(3);
  });
});
