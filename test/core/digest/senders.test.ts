// Digest delivery picks each platform's sender from the registry of configured senders (app/chat-senders.ts),
// never by a per-platform branch: a platform without a sender is recorded as skipped with its registry label
// and nothing is posted there; a sender the process already runs (the mounted Teams bot's) is used instead
// of one built from config. Real runDigest, database, fake Slack Web API and fake Bot Connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatSenders } from '../../../app/chat-senders.ts';
import { buildDigestServices } from '../../../app/digest-background.ts';
import { createTeamsTransport } from '../../../bots/teams/adapter.ts';
import { createProactiveSender } from '../../../bots/teams/proactive.ts';
import { createTeamsSender } from '../../../bots/teams/sender.ts';
import { log } from '../../../core/log.ts';
import { runDigest } from '../../../core/digest/run-digest.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../support/fake-bot-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';
import { createManager } from '../../jobs/digest-fixtures.ts';

let slack: FakeSlackApi;
let connector: FakeBotConnector;
let c: TestContainer;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  connector = await startFakeBotConnector();
  // Slack configured; Teams not (no app id, no emulator mode).
  c = await createTestContainer({ SLACK_BOT_TOKEN: 'xoxb-senders', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url });
}, 60_000);

afterAll(async () => {
  await c?.db.drop();
  await slack?.close();
  await connector?.close();
});

describe('digest senders', () => {
  it('are built for the configured platforms only', () => {
    expect([...buildChatSenders(c).keys()]).toEqual(['slack']);
  });

  it('a platform without a sender is skipped with its name, and nothing is posted there', async () => {
    const svc = buildDigestServices(c, buildChatSenders(c));
    const m = await createManager(c.db.prisma, { slack: true, teams: { serviceUrl: connector.serviceUrl } });
    const outcome = await runDigest(svc, { managerId: m.id, fireAt: new Date('2026-11-27T07:30:00Z'), scheduled: true });
    expect('deliveries' in outcome && outcome.deliveries.map((d) => [d.platform, d.status, d.error])).toEqual([
      ['slack', 'sent', null],
      ['teams', 'skipped', 'Microsoft Teams is not configured for sending'],
    ]);
    expect(slack.messagesIn(`D${m.slackUserId}`)).toHaveLength(1);
    expect(connector.activities.filter((a) => a.conversationId === m.teamsConversationId)).toHaveLength(0);
  });

  it("a mounted bot's sender is used for its platform", async () => {
    const transport = createTeamsTransport({ ...c.config.teams, allowUnauthenticated: true }, { log });
    const mounted = createTeamsSender(createProactiveSender({ transport, users: c.users, log }));
    const senders = buildChatSenders(c, [mounted]);
    expect(senders.get('teams')).toBe(mounted);
    const m = await createManager(c.db.prisma, { teams: { serviceUrl: connector.serviceUrl } });
    const outcome = await runDigest(buildDigestServices(c, senders), { managerId: m.id, fireAt: new Date('2026-11-27T07:30:00Z'), scheduled: true });
    expect('deliveries' in outcome && outcome.deliveries.map((d) => [d.platform, d.status])).toEqual([['teams', 'sent']]);
    expect(connector.activities.filter((a) => a.conversationId === m.teamsConversationId)).toHaveLength(1);
  });
});
