// Socket Mode: with SLACK_APP_TOKEN the bot uses Bolt's Socket Mode receiver and needs no public URL; it
// opens its connection through SLACK_API_URL like every other Web API call (GovSlack).
import { SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../bots/slack/app.ts';
import { loadConfig } from '../../../core/config.ts';
import type { AuditTrail } from '../../../core/governance.ts';
import type { Assistant } from '../../../assistant/assistant-contract.ts';
import type { IdentityUsers } from '../../../core/identity/identity-service.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';

// Construction never calls these; they only satisfy the types.
const unusedAssistant = {} as Assistant;
const unusedUsers = {} as IdentityUsers;
const unusedAudit = {} as AuditTrail;

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => fake?.close());

describe('Slack connection modes', () => {
  it('builds a Socket Mode app without connecting when an app token is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    const bot = createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers, audit: unusedAudit, botUserId: 'UBOT', botId: 'BBOT' });
    expect(bot.mode).toBe('socket');
    expect(bot.handler).toBeUndefined();
    const receiver = (bot.app as unknown as { receiver: unknown }).receiver;
    expect(receiver).toBeInstanceOf(SocketModeReceiver);
    // No websocket until start(): constructing the bot opens no connection.
    expect((receiver as SocketModeReceiver).client.websocket).toBeUndefined();
  });

  it('opens the Socket Mode connection through SLACK_API_URL, with the app token', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc', SLACK_API_URL: fake.url, SLACK_TEAM_ID: 'T0FAKE' });
    const bot = createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers, audit: unusedAudit, botUserId: 'UBOT', botId: 'BBOT' });
    // The fake refuses the token (it serves no websocket): start fails, after asking the right server.
    await expect(bot.start()).rejects.toThrow();
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-1-abc');
    await bot.stop().catch(() => undefined);
  });

  it('builds an HTTP app with a route handler when only a signing secret is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' });
    const bot = createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers, audit: unusedAudit, botUserId: 'UBOT', botId: 'BBOT' });
    expect(bot.mode).toBe('http');
    expect(typeof bot.handler).toBe('function');
  });

  it('refuses to start without a bot token, naming the variable', () => {
    const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x' });
    config.slack.botToken = undefined;
    expect(() => createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers, audit: unusedAudit })).toThrow(/SLACK_BOT_TOKEN/);
  });
});
