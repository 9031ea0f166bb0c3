// Direct messages, including Slack's AI-assistant threads (threads in the bot's DM): status while tools run,
// streamed text. Channel messages arrive as app_mention instead; edits, bot posts and system subtypes are ignored.
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { mentionsToNames } from '../mentions.ts';
import { answerMessage } from '../answer.ts';
import { threadSurface } from '../surfaces.ts';
import { titleAssistantThread } from '../thread-title.ts';
import { dmKey } from './keys.ts';

/** Subtypes that still carry new text typed by a person. */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export interface IncomingMessage {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
}

/** True for a new message a person typed in a DM with the bot. */
export function isUserDirectMessage(m: IncomingMessage, botUserId?: string): boolean {
  if (m.channel_type !== 'im') return false;
  if (!USER_SUBTYPES.has(m.subtype)) return false;
  if (m.bot_id || !m.user || m.user === botUserId) return false;
  return Boolean(m.text?.trim());
}

export function register(app: App, deps: ListenerDeps): void {
  app.message(async ({ message, body, client, context }) => {
    const m = message as IncomingMessage & { channel: string; ts: string; thread_ts?: string; team?: string };
    if (!isUserDirectMessage(m, context.botUserId)) return;
    const teamId = (body as { team_id?: string }).team_id ?? context.teamId ?? m.team ?? '';
    const assistantThread = Boolean(m.thread_ts);
    // Beside the answer, never in its way; only for someone admitted (a refused guest titles nothing).
    const title = assistantThread
      ? () =>
          mentionsToNames(client, deps.people, m.text!).then((question) =>
            titleAssistantThread(client, deps.assistant, { channel: m.channel, threadTs: m.thread_ts!, question }),
          )
      : undefined;
    await answerMessage(deps, {
      client,
      deliveryId: (body as { event_id: string }).event_id,
      teamId,
      userId: m.user!,
      conversationKey: dmKey(teamId, m.channel, m.thread_ts),
      dmChannelId: m.channel,
      alongside: title,
      text: m.text!.trim(),
      surface: threadSurface(client, {
        channel: m.channel,
        threadTs: m.thread_ts,
        teamId,
        userId: m.user!,
        assistantThread,
        streaming: deps.streaming,
        replyTo: (body as { event_id: string }).event_id,
      }),
    });
  });
}
