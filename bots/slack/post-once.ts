// Exactly one reply. Every message of a reply carries metadata naming its turn and part; when a post fails
// ambiguously (deadline, dropped connection, 5xx) the thread is read back with its metadata and the post is
// sent again only when Slack does not have it. When the thread cannot be read, nothing is re-sent: a
// missing part is reported (answer.ts audits it), a duplicate would not be.
import type { webApi } from '@slack/bolt';
import { log } from '../../core/log.ts';
import { isAmbiguousFailure } from './web-api.ts';

export const REPLY_EVENT_TYPE = 'salesos_reply';

export interface ReplyMark {
  /** The delivery this message answers (Slack event id, click id, command trigger). */
  turn: string;
  /** Its position among the reply's messages. */
  part: number;
}

export interface PostArgs {
  channel: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
}

/** chat.postMessage at most once per (turn, part): an ambiguous failure is checked against the thread first. */
export async function postOnce(client: webApi.WebClient, m: PostArgs, mark: ReplyMark): Promise<string | undefined> {
  const send = async () => {
    // Blocks and metadata go as the JSON strings the WebClient would make of them for the form body (the same
    // bytes on the wire): given as objects, it also walks and serialises a redacted copy of every block for a
    // debug line that is never written.
    const res = await client.chat.postMessage({
      channel: m.channel,
      thread_ts: m.threadTs,
      text: m.text,
      ...(m.blocks?.length ? { blocks: JSON.stringify(m.blocks) as never } : {}),
      metadata: JSON.stringify({ event_type: REPLY_EVENT_TYPE, event_payload: { turn: mark.turn, part: mark.part } }) as never,
    });
    return res.ts;
  };
  try {
    return await send();
  } catch (err) {
    if (!isAmbiguousFailure(err)) throw err;
    log.warn('a Slack post may or may not have arrived; checking the thread before sending it again', { err, channel: m.channel, part: mark.part });
    let found: string | undefined;
    try {
      found = await findPosted(client, m, mark);
    } catch (lookupErr) {
      log.warn('could not read the thread back; not sending again', { err: lookupErr, channel: m.channel });
      throw err;
    }
    if (found) return found;
    return await send();
  }
}

/** The ts of the message already posted for (turn, part), if Slack has it. */
export async function findPosted(client: webApi.WebClient, m: Pick<PostArgs, 'channel' | 'threadTs'>, mark: ReplyMark): Promise<string | undefined> {
  const res = m.threadTs
    ? await client.conversations.replies({ channel: m.channel, ts: m.threadTs, include_all_metadata: true, limit: 200 })
    : await client.conversations.history({ channel: m.channel, include_all_metadata: true, limit: 50 });
  const messages = (res.messages ?? []) as { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }[];
  const hit = messages.find(
    (x) => x.metadata?.event_type === REPLY_EVENT_TYPE && x.metadata.event_payload?.turn === mark.turn && Number(x.metadata.event_payload?.part) === mark.part,
  );
  return hit?.ts;
}

/** Letters and digits only: the comparison survives what escaping and Slack's own formatting do to the rest. */
const gist = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '').slice(0, 40);

/**
 * chat.startStream takes no metadata, so a stream whose start answer was lost is recognised by what it
 * starts with: the bot's newest unmarked message in the thread beginning with the text sent.
 */
export async function findStartedStream(client: webApi.WebClient, channel: string, threadTs: string, markdown: string): Promise<string | undefined> {
  const res = await client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200 });
  const head = gist(markdown);
  if (!head) return undefined;
  const messages = (res.messages ?? []) as { ts?: string; bot_id?: string; text?: string; metadata?: unknown }[];
  const hit = messages.filter((x) => x.ts !== threadTs && x.bot_id && !x.metadata && gist(x.text ?? '').startsWith(head)).at(-1);
  return hit?.ts;
}
