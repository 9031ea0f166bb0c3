// Socket Mode: with SLACK_APP_TOKEN the bot uses Bolt's Socket Mode receiver and needs no public URL.
import { SocketModeReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../bots/slack/app.ts';
import { loadConfig } from '../../../core/config.ts';
import type { Assistant } from '../../../tools/assistant-contract.ts';
import type { UserDirectory } from '../../../bots/slack/identity.ts';

// Construction never calls these; they only satisfy the types.
const unusedAssistant = {} as Assistant;
const unusedUsers = {} as UserDirectory;

describe('Slack connection modes', () => {
  it('builds a Socket Mode app without connecting when an app token is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    const bot = createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers, botUserId: 'UBOT', botId: 'BBOT' });
    expect(bot.mode).toBe('socket');
    expect(bot.handler).toBeUndefined();
    const receiver = (bot.app as unknown as { receiver: unknown }).receiver;
    expect(receiver).toBeInstanceOf(SocketModeReceiver);
    // No websocket until start(): constructing the bot opens no connection.
    expect((receiver as SocketModeReceiver).client.websocket).toBeUndefined();
  });

  it('builds an HTTP app with a route handler when only a signing secret is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' });
    const bot = createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers, botUserId: 'UBOT', botId: 'BBOT' });
    expect(bot.mode).toBe('http');
    expect(typeof bot.handler).toBe('function');
  });

  it('refuses to start without a bot token, naming the variable', () => {
    const config = { slack: { unknownUsers: 'provision' as const, signingSecret: 's' } };
    expect(() => createSlackBot({ config, assistant: unusedAssistant, users: unusedUsers })).toThrow(/SLACK_BOT_TOKEN/);
  });
});
