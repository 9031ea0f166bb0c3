// How a digest reaches a manager, without core knowing any chat platform: the entry layer hands in one
// sender per configured platform (built in bots/slack and bots/teams). A sender throws when the platform
// failed in a way worth retrying (a DeliveryFailure says whether the message may have got through and
// when the platform allows the next try); it returns `unreachable` when the identity can never be
// reached (bot removed, user gone) and `skipped` when there was nothing to send to.
import type { DigestCard } from '../cards.ts';
import type { DigestIdentity } from '../db/digest-repository.ts';
import type { DigestPlatform } from './run-states.ts';
import { DependencyError } from '../errors.ts';

export type { DigestIdentity, DigestPlatform };

export type DeliveryResult =
  | { status: 'sent'; ref?: string }
  | { status: 'unreachable'; reason: string }
  /** `unconfirmed`: an earlier attempt may have arrived and the platform cannot say; not sent again (a manual send may). */
  | { status: 'skipped'; reason: string; unconfirmed?: boolean };

export interface DeliveryContext {
  /** The digest run: Slack carries it in the message metadata, so a resend can find the first post. */
  runId: string;
  /** An earlier attempt may have reached the platform: look for it before posting again. */
  recheck: boolean;
}

export type DigestSender = (identity: DigestIdentity, card: DigestCard, ctx: DeliveryContext) => Promise<DeliveryResult>;

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

export interface DigestDelivery {
  slack?: DigestSender;
  teams?: DigestSender;
}

/** Prefix of a skipped delivery's error when an earlier attempt could not be confirmed either way. */
export const UNCONFIRMED_PREFIX = 'unconfirmed: ';

export const DIGEST_PLATFORMS: readonly DigestPlatform[] = ['slack', 'teams'];

/**
 * Some platform failed; the deliveries that worked are already recorded. `retryAt`: when the next try
 * is due; absent when no retry will follow (a manual send, or the retry budget is spent).
 */
export class DigestDeliveryError extends DependencyError {
  constructor(
    readonly platforms: { platform: DigestPlatform; error: string }[],
    options: { cause?: unknown; retryAt?: Date } = {},
  ) {
    const where = platforms.map((p) => p.platform).join(' and ');
    super(
      platforms.map((p) => p.platform).join('+'),
      `The digest could not be delivered to ${where}${options.retryAt ? `; the next try is at ${options.retryAt.toISOString()}` : ''}.`,
      {
        cause: options.cause,
        retryable: Boolean(options.retryAt),
      },
    );
    this.retryAt = options.retryAt;
  }
  readonly retryAt?: Date;
}

/** One identity per platform: the most recently linked reachable one, else the most recent at all. */
export function pickIdentities(identities: DigestIdentity[]): Map<DigestPlatform, DigestIdentity> {
  const picked = new Map<DigestPlatform, DigestIdentity>();
  for (const platform of DIGEST_PLATFORMS) {
    const mine = identities.filter((i) => i.platform === platform);
    const chosen = mine.find((i) => !i.unreachableAt) ?? mine[0];
    if (chosen) picked.set(platform, chosen);
  }
  return picked;
}

/** What went wrong, for the delivery record: each error's message and then its cause's, e.g. the platform's error code. */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (
    let e = err as { message?: string; data?: { error?: string }; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    const text = e.data?.error ? `${e.message ?? 'error'} [${e.data.error}]` : (e.message ?? String(e));
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join(' ← ');
}
