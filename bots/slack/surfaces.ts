// Where a reply goes. A thread (mention, DM, assistant pane) can stream and update; an ephemeral reply
// (slash command) can only be posted; an action on an existing message updates that message first.
import { safeStreamMarkdown } from './blocks/limits.ts';
import type { webApi } from '@slack/bolt';
import type { Card } from '../../core/cards.ts';
import type { SlackMessage } from './blocks/render-reply.ts';
import { findStartedStream, postOnce } from './post-once.ts';
import { isAmbiguousFailure } from './web-api.ts';

type WebClient = webApi.WebClient;

export interface ReplySurface {
  /** Short description for logs. */
  where: Record<string, string | undefined>;
  post(message: SlackMessage): Promise<string | undefined>;
  update?(ts: string, message: SlackMessage): Promise<void>;
  stream?: {
    start(markdown: string): Promise<string>;
    append(ts: string, markdown: string): Promise<void>;
    stop(ts: string): Promise<void>;
  };
  setStatus?(text: string): Promise<void>;
  /** Replaces the default rendering of the final reply (e.g. to add a Share button). */
  render?(reply: { text: string; cards: Card[] }): SlackMessage[];
  /** The rep's DM with the bot, for a reply this surface's channel refuses (archived, bot not a member). */
  directMessage?(): Promise<ReplySurface>;
}

export interface ThreadTarget {
  channel: string;
  /** Thread to answer in; undefined posts at the top of a DM. */
  threadTs?: string;
  teamId: string;
  userId: string;
  /** Slack's AI-assistant thread: status and suggested prompts apply. */
  assistantThread?: boolean;
  /** chat.startStream needs a thread; off when streaming is disabled. */
  streaming?: boolean;
  /** The delivery being answered: marks every posted message so a lost answer is never posted twice. */
  replyTo: string;
}

export function threadSurface(client: WebClient, t: ThreadTarget): ReplySurface {
  let part = 0;
  const surface: ReplySurface = {
    where: { channel: t.channel, threadTs: t.threadTs },
    async post(m) {
      return postOnce(client, { channel: t.channel, threadTs: t.threadTs, text: m.text, blocks: m.blocks }, { turn: t.replyTo, part: part++ });
    },
    async update(ts, m) {
      await client.chat.update({ channel: t.channel, ts, text: m.text, blocks: m.blocks });
    },
  };
  if (!t.channel.startsWith('D')) surface.directMessage = () => dmSurface(client, t.userId, t.replyTo);
  if (t.streaming && t.threadTs) {
    const threadTs = t.threadTs;
    const isDm = t.channel.startsWith('D');
    /** A stream Slack did start (its answer lost) is carried on, not started a second time beside it. */
    const startedDespite = async (err: unknown, markdown: string): Promise<string> => {
      if (!isAmbiguousFailure(err)) throw err;
      const started = await findStartedStream(client, t.channel, threadTs, markdown).catch(() => undefined);
      if (!started) throw err;
      return started;
    };
    surface.stream = {
      async start(markdown) {
        const res = await client.chat
          .startStream({
            channel: t.channel,
            thread_ts: threadTs,
            markdown_text: safeStreamMarkdown(markdown),
            // Outside a DM Slack must know who the stream is for.
            ...(isDm ? {} : { recipient_team_id: t.teamId, recipient_user_id: t.userId }),
          })
          .catch(async (err: unknown) => ({ ts: await startedDespite(err, markdown) }));
        if (!res.ts) throw new Error('chat.startStream returned no ts');
        return res.ts;
      },
      async append(ts, markdown) {
        await client.chat.appendStream({ channel: t.channel, ts, markdown_text: safeStreamMarkdown(markdown) });
      },
      async stop(ts) {
        await client.chat.stopStream({ channel: t.channel, ts });
      },
    };
  }
  if (t.assistantThread && t.threadTs) {
    const threadTs = t.threadTs;
    surface.setStatus = async (text) => {
      await client.assistant.threads.setStatus({ channel_id: t.channel, thread_ts: threadTs, status: text });
    };
  }
  return surface;
}

/** The rep's DM with the bot (conversations.open), top level; posts are marked like any reply. */
export async function dmSurface(client: WebClient, userId: string, replyTo: string): Promise<ReplySurface> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  let part = 0;
  return {
    where: { channel, dmFor: userId },
    post: (m) => postOnce(client, { channel, text: m.text, blocks: m.blocks }, { turn: `${replyTo}:dm`, part: part++ }),
  };
}

/** A private reply (slash command): each message is posted ephemerally, with `decorate` adding e.g. a Share button. */
export function ephemeralSurface(
  client: WebClient,
  t: { channel: string; userId: string; threadTs?: string },
  decorate: (m: SlackMessage) => SlackMessage = (m) => m,
): ReplySurface {
  return {
    where: { channel: t.channel, ephemeralFor: t.userId },
    async post(m) {
      const d = decorate(m);
      const res = await client.chat.postEphemeral({ channel: t.channel, user: t.userId, thread_ts: t.threadTs, text: d.text, blocks: d.blocks });
      return res.message_ts;
    },
  };
}

/**
 * An action on an existing message: the first message of the reply replaces it (chat.update, or the
 * response_url for ephemeral messages); any further messages go to its thread.
 */
export function replaceSurface(
  client: WebClient,
  t: {
    channel: string;
    messageTs: string;
    threadTs: string;
    userId: string;
    replyTo: string;
    respond?: (m: SlackMessage & { replace_original: boolean }) => Promise<unknown>;
  },
): ReplySurface {
  let replaced = false;
  let part = 0;
  return {
    where: { channel: t.channel, updating: t.messageTs },
    async post(m) {
      if (!replaced) {
        replaced = true;
        if (t.respond) await t.respond({ ...m, replace_original: true });
        else await client.chat.update({ channel: t.channel, ts: t.messageTs, text: m.text, blocks: m.blocks });
        return t.messageTs;
      }
      if (t.respond) {
        await t.respond({ ...m, replace_original: false });
        return undefined;
      }
      return postOnce(client, { channel: t.channel, threadTs: t.threadTs, text: m.text, blocks: m.blocks }, { turn: t.replyTo, part: part++ });
    },
    directMessage: () => dmSurface(client, t.userId, t.replyTo),
  };
}
