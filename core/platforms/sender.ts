// One sender interface for every chat platform that can write to a user unasked: proactive messages
// (notices, reminders) and manager digests. The entry layer builds one sender per configured platform
// (bots/<platform>/sender.ts) and hands them in as a registry; core picks by the identity's platform and
// never branches on a platform's name. A sender throws a DeliveryFailure when the platform failed in a
// way worth retrying (and says whether the message may have got through); it returns `unreachable` when
// the identity can never be reached (bot removed, user gone) and `skipped` when there was nothing to send to.
import type { Card, DigestCard } from '../cards.ts';
import { DependencyError } from '../errors.ts';
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

export interface ChatSender {
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
