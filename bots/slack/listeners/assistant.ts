// Slack's AI-assistant pane: when a thread starts, offer suggested prompts. Messages in the thread arrive as
// DMs (listeners/message.ts).
import type { App } from '@slack/bolt';
import { log } from '../../../core/log.ts';
import type { ListenerDeps } from '../deps.ts';

export const SUGGESTED_PROMPTS = [
  { title: 'Find leads', message: 'Find CTOs at fintech companies in Germany' },
  { title: 'Roast my email', message: 'Roast this email: Hi, I wanted to reach out about our product…' },
  { title: 'My usage today', message: 'How much have I spent today?' },
  { title: 'Draft an email', message: 'Draft a first email to my top lead' },
];

export function register(app: App, deps: ListenerDeps): void {
  app.event('assistant_thread_started', async ({ event, body, client }) => {
    if (!(await deps.assistant.claimDelivery('slack', body.event_id))) return;
    const thread = event.assistant_thread;
    try {
      await client.assistant.threads.setSuggestedPrompts({
        channel_id: thread.channel_id,
        thread_ts: thread.thread_ts,
        title: 'Try asking SalesOS',
        prompts: SUGGESTED_PROMPTS,
      });
    } catch (err) {
      log.warn('could not set Slack suggested prompts', { err, channel: thread.channel_id });
    }
  });
}
