// Messages nobody asked for right now (digests, reminders), sent through the conversation reference stored
// at install. Never twice, never lost quietly:
// - 403/404: the bot was removed or the user is gone; the identity is marked unreachable, no retry.
// - 400/413 (and any other 4xx): the message itself is wrong; retrying cannot help, so it fails for good.
// - 429: nothing was stored; retried after Retry-After or a growing pause (adapter.ts, then here).
// - 5xx or no answer in time: the connector may have stored the post anyway. Each post carries an id of
//   ours; before a retry the conversation's activities are checked for it, and a stored post counts as sent.
//   When the channel cannot tell (real Teams lists no activities to bots), it is not re-sent: a missing
//   digest can be sent again by hand, a doubled one cannot be taken back.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/log.ts';
import { asReply, DeliveryFailure, type ProactiveMessage, type Recipient, type SendResult } from '../../core/platforms/sender.ts';
import { retryAfterMs, type TeamsTransport } from './adapter.ts';
import { renderReply, type MessageContent } from './cards/render-reply.ts';
import { fitMessage } from './fit-size.ts';
import type { ConversationAddress } from './turn.ts';
import type { TeamsUsers } from './identity.ts';

export interface ProactiveRetry {
  /** Tries per message, the first included. */
  attempts?: number;
  /** Pause before the second try; doubles after each. */
  baseDelayMs?: number;
  /** How long one post may take before it counts as ambiguous. */
  timeoutMs?: number;
}

/** Where our own id for a post travels, so a stored post can be recognised. */
const SEND_ID_FIELD = 'salesosSendId';

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.status ?? e?.response?.status;
}

function retryAfterOf(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } } })?.response?.headers;
  return retryAfterMs(headers?.get?.('retry-after'));
}

class PostTimeout extends Error {
  constructor(ms: number) {
    super(`Teams did not answer within ${ms} ms`);
    this.name = 'PostTimeout';
  }
}

/** The post failed in a way that says the identity is gone. */
class Unreachable extends Error {
  constructor(readonly status: number) {
    super(`Teams answered ${status}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createProactiveSender(deps: {
  transport: TeamsTransport;
  users: Pick<TeamsUsers, 'markIdentityUnreachable'>;
  log: Logger;
  retry?: ProactiveRetry;
}) {
  const attempts = deps.retry?.attempts ?? 4;
  const baseDelayMs = deps.retry?.baseDelayMs ?? 1000;
  const timeoutMs = deps.retry?.timeoutMs ?? 15_000;

  async function postOnce(reference: ConversationAddress, activity: MessageContent & { channelData: Record<string, unknown> }): Promise<string | undefined> {
    let activityId: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new PostTimeout(timeoutMs)), timeoutMs)));
    try {
      await Promise.race([
        deps.transport.continueConversation(reference, async (context) => {
          activityId = (await context.sendActivity(activity))?.id;
        }),
        deadline,
      ]);
      return activityId;
    } finally {
      clearTimeout(timer);
    }
  }

  /** 'stored' with its id, 'absent', or 'unknown' when the channel cannot say. */
  async function wasStored(reference: ConversationAddress, sendId: string): Promise<{ state: 'stored'; id: string } | { state: 'absent' | 'unknown' }> {
    const listed = await deps.transport.sentActivities(reference).catch(() => undefined);
    if (!listed) return { state: 'unknown' };
    const found = listed.find((a) => a.channelData?.[SEND_ID_FIELD] === sendId);
    return found ? { state: 'stored', id: found.id } : { state: 'absent' };
  }

  /** One message, posted at most once in effect. Returns its activity id. */
  async function post(reference: ConversationAddress, part: MessageContent, identityId: string): Promise<string | undefined> {
    const sendId = randomUUID();
    const activity = { ...part, channelData: { [SEND_ID_FIELD]: sendId } };
    for (let attempt = 1; ; attempt++) {
      let wait: number;
      try {
        return await postOnce(reference, activity);
      } catch (err) {
        const status = statusOf(err);
        if (status === 403 || status === 404) throw new Unreachable(status);
        // Refused before anything was sent (no connection): safe to retry, nothing to check.
        const notSent =
          status === undefined && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(`${(err as { code?: string })?.code ?? ''} ${(err as Error)?.message ?? ''}`);
        const ambiguous = !notSent && (err instanceof PostTimeout || status === undefined || status >= 500);
        if (status !== undefined && status !== 429 && status < 500)
          throw new DeliveryFailure('teams', `Microsoft Teams refused the message (${status}); it was not sent.`, {
            cause: err,
            uncertain: false,
            retryable: false,
          });
        if (ambiguous) {
          const stored = await wasStored(reference, sendId);
          if (stored.state === 'stored') {
            deps.log.info('teams stored a proactive message despite an error; not sending it again', { identityId, status, activityId: stored.id });
            return stored.id;
          }
          if (stored.state === 'unknown')
            throw new DeliveryFailure(
              'teams',
              'Microsoft Teams did not confirm the message and cannot say whether it arrived; it is not sent again, to avoid a duplicate.',
              {
                cause: err,
                uncertain: true,
                retryable: false,
              },
            );
        }
        if (attempt >= attempts)
          throw new DeliveryFailure('teams', 'Microsoft Teams did not accept the message; try again later.', {
            cause: err,
            uncertain: false,
            retryAfterMs: status === 429 ? (retryAfterOf(err) ?? 1000) : undefined,
          });
        wait = (status === 429 ? retryAfterOf(err) : undefined) ?? baseDelayMs * 2 ** (attempt - 1);
        deps.log.warn('teams proactive message not accepted; retrying', { identityId, status: status ?? 'timeout', attempt, waitMs: wait });
      }
      await sleep(wait);
    }
  }

  return async function sendProactive(identity: Recipient, content: ProactiveMessage): Promise<SendResult> {
    if (identity.unreachableAt) return { status: 'skipped', reason: 'identity is marked unreachable' };
    // The address is the ConversationReference captured on install (install.ts).
    const reference = identity.address as ConversationAddress | null;
    if (!reference?.conversation?.id || !reference.serviceUrl)
      return { status: 'skipped', reason: 'no Teams conversation stored (the app was never installed in a 1:1 chat)' };
    let firstId: string | undefined;
    try {
      // A long digest goes out as several messages, each within Teams' size limit, in order.
      for (const [i, part] of fitMessage(renderReply(asReply(content))).entries()) {
        const id = await post(reference, part, identity.id);
        if (i === 0) firstId = id;
      }
      return { status: 'sent', ref: firstId };
    } catch (err) {
      if (!(err instanceof Unreachable)) throw err;
      const reason =
        err.status === 403
          ? 'Teams refused the message (403): the app was removed or the user blocked it'
          : 'Teams conversation not found (404): the user or chat is gone';
      await deps.users.markIdentityUnreachable(identity.id, reason);
      deps.log.warn('teams identity unreachable; proactive messages to it stop', { identityId: identity.id, status: err.status });
      return { status: 'unreachable', reason };
    }
  };
}

export type SendProactive = ReturnType<typeof createProactiveSender>;
