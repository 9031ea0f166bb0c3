// The app manifest an admin pastes into api.slack.com must subscribe to what the listeners handle.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../bots/slack/app.ts';
import { COMMAND } from '../../../bots/slack/listeners/command.ts';

const manifest = JSON.parse(readFileSync(new URL('../../../bots/slack/manifest.json', import.meta.url), 'utf8'));

describe('Slack app manifest', () => {
  it('subscribes to the events the bot handles, at the events path', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'assistant_thread_started']));
    expect(manifest.settings.event_subscriptions.request_url).toMatch(new RegExp(`${SLACK_EVENTS_PATH}$`));
    expect(manifest.settings.interactivity.request_url).toMatch(new RegExp(`${SLACK_EVENTS_PATH}$`));
  });

  it('declares the slash command and the scopes its Web API calls need, with Socket Mode off', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['app_mentions:read', 'chat:write', 'im:history', 'commands', 'assistant:write', 'users:read', 'users:read.email']),
    );
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.assistant_view).toBeDefined();
  });
});
