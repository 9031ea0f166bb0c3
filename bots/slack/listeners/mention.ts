// @SalesOS in a channel: answer in the thread; the thread is the conversation.
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { answerMessage } from '../answer.ts';
import { threadSurface } from '../surfaces.ts';
import { stripMention, threadKey } from './keys.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    // Another bot (or an edited mention) is not a new question from a person.
    if (event.bot_id || event.subtype || !event.user) return;
    const teamId = body.team_id ?? context.teamId ?? event.team ?? '';
    const threadTs = event.thread_ts ?? event.ts;
    await answerMessage(deps, {
      client,
      deliveryId: body.event_id,
      teamId,
      userId: event.user,
      conversationKey: threadKey(teamId, event.channel, threadTs),
      text: stripMention(event.text, context.botUserId),
      surface: threadSurface(client, { channel: event.channel, threadTs, teamId, userId: event.user, streaming: deps.streaming, replyTo: body.event_id }),
    });
  });
}
