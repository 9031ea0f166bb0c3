// One sender interface for every chat platform: replies to a turn, proactive messages (notices, reminders)
// and manager digests. A bot opens its replies through its platform's reply path (`openReply`, the same one
// its ChatSender carries); the entry layer builds one sender per configured platform
// (bots/<platform>/sender.ts) and hands them in as a registry; core picks by the identity's platform and
// never branches on a platform's name. A sender throws a DeliveryFailure when the platform failed in a
// way worth retrying (and says whether the message may have got through); it returns `unreachable` when
// the identity can never be reached (bot removed, user gone) and `skipped` when there was nothing to send to.
import type { Reply, ReplyEvent } from '../agent/types.ts';
import type { Card, DigestCard } from '../cards.ts';
import { AppError, DependencyError } from '../errors.ts';
import type { ProactivePlatform } from './registry.ts';

/**
 * Where a bot can write to one account unasked, as stored on its platform identity: JSON that only its
 * own platform reads (Slack {"channel": "D…"}, Teams a ConversationReference).
 */
export type ChatAddress = { readonly [key: string]: unknown };

/** The account a message goes to: one platform identity. */
export interface Recipient {
  /** The platform identity's id: it is marked unreachable when the platform refuses for good. */
  id: string;
  /** The platform's user id (Slack U…, Teams AAD object id), for platforms that open a chat by user. */
  externalUserId?: string;
  /** The stored address, unvalidated: the platform's sender checks its shape. */
  address: unknown;
  unreachableAt: Date | null;
}

export type ProactiveMessage = string | Card | { text: string; cards: Card[] };

/** A proactive message as a reply: text first, then cards. */
export function asReply(message: ProactiveMessage): { text: string; cards: Card[] } {
  if (typeof message === 'string') return { text: message, cards: [] };
  if ('type' in message) return { text: '', cards: [message] };
  return message;
}

export type SendResult =
  | { status: 'sent'; ref?: string }
  | { status: 'unreachable'; reason: string }
  /** `unconfirmed`: an earlier attempt may have arrived and the platform cannot say; not sent again (a manual send may). */
  | { status: 'skipped'; reason: string; unconfirmed?: boolean };

export interface DigestSendContext {
  /** The digest run: Slack carries it in the message metadata, so a resend can find the first post. */
  runId: string;
  /** An earlier attempt may have reached the platform: look for it before posting again. */
  recheck: boolean;
}

/**
 * One reply to one turn, as its platform shows it while the turn runs (Slack: a stream, an updated message
 * or one post; Teams: a 1:1 stream or a typing indicator and one message). `Result` is what the platform
 * reports about the delivery (Slack's DeliveryResult, for the audit of undelivered replies).
 */
export interface ReplyStream<Result = unknown> {
  /** What the assistant is doing ("Searching leads…"), shown until answer text arrives. */
  status(text: string): Promise<void>;
  /** More answer text, shown live where the platform can. */
  delta(text: string): Promise<void>;
  /** A card, delivered with the final answer. */
  card(card: Card): Promise<void>;
  /** The whole answer: closes what is live and delivers it. A delivery failure ends in `fail`, not a throw. */
  finish(reply: Reply): Promise<Result>;
  /**
   * The turn failed: closes what is live and tells the user. A `ReplyIncomplete` means the events stopped
   * without an answer; a platform may show what did arrive instead.
   */
  fail(err: unknown): Promise<Result>;
}

/** The reply half of a sender: opens the reply to one turn at the platform's own turn address `Target`. */
export interface ReplySender<Target, Result = unknown> {
  openReply(target: Target): ReplyStream<Result>;
}

/** The turn's events ended without `done` (the assistant's contract promises one). */
export class ReplyIncomplete extends AppError {
  constructor() {
    super('internal', 'The answer stopped before it was complete. Please try again.', { logMessage: 'reply events ended without done' });
  }
}

/** Drives a turn's events into a reply: every platform's turn code delivers its answer through this. */
export async function streamReply<Result>(events: AsyncIterable<ReplyEvent>, reply: ReplyStream<Result>): Promise<Result> {
  let finishing = false;
  try {
    for await (const event of events) {
      if (event.type === 'status') await reply.status(event.text);
      else if (event.type === 'text-delta') await reply.delta(event.delta);
      else if (event.type === 'card') await reply.card(event.card);
      else {
        finishing = true;
        return await reply.finish(event.reply);
      }
    }
  } catch (err) {
    // `finish` already ended in `fail` when delivery broke; what it throws is its last resort failing too.
    if (finishing) throw err;
    return reply.fail(err);
  }
  return reply.fail(new ReplyIncomplete());
}

/**
 * Everything a chat platform sends: replies (`openReply`, typed by the platform's turn address), messages
 * nobody asked for right now, and digests. `Target` is `never` where senders are only used unasked (the
 * digest registry), so any platform's sender fits there.
 */
export interface ChatSender<Target = never, Result = unknown> extends ReplySender<Target, Result> {
  readonly platform: ProactivePlatform;
  /** A message nobody asked for right now, posted at most once in effect. */
  sendProactive(to: Recipient, message: ProactiveMessage): Promise<SendResult>;
  /** A manager's digest: exactly once per run, looked up first when `recheck` says an attempt may have landed. */
  sendDigest(to: Recipient, card: DigestCard, ctx: DigestSendContext): Promise<SendResult>;
}

/** The configured senders, one per platform at most. */
export type ChatSenders = ReadonlyMap<ProactivePlatform, ChatSender>;

export function chatSenders(...senders: (ChatSender | undefined)[]): ChatSenders {
  const map = new Map<ProactivePlatform, ChatSender>();
  for (const sender of senders) {
    if (!sender) continue;
    if (map.has(sender.platform)) throw new Error(`two senders for ${sender.platform}`);
    map.set(sender.platform, sender);
  }
  return map;
}

/** A platform refused or failed a delivery in a way worth retrying. */
export class DeliveryFailure extends DependencyError {
  /** The platform may have accepted the message although we saw a failure (timeout, 5xx, connection lost). */
  readonly uncertain: boolean;
  /** The platform asked us to wait this long (HTTP 429 Retry-After). */
  readonly retryAfterMs?: number;

  constructor(platform: string, userMessage: string, opts: { cause?: unknown; uncertain: boolean; retryAfterMs?: number; retryable?: boolean }) {
    // retryable false: trying again cannot help (the message itself was refused) or could duplicate it.
    super(platform, userMessage, { cause: opts.cause, retryable: opts.retryable ?? true });
    this.uncertain = opts.uncertain;
    this.retryAfterMs = opts.retryAfterMs;
  }
}
