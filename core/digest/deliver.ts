// How a digest reaches a manager, without core knowing any chat platform: the entry layer hands in one
// sender per configured platform (built in bots/slack and bots/teams). A sender throws when the platform
// failed in a way worth retrying; it returns `unreachable` when the identity can never be reached
// (bot removed, user gone) and `skipped` when there was nothing to send to.
import type { DigestCard } from '../cards.ts';
import type { DigestIdentity } from '../db/digest-repository.ts';
import type { DigestPlatform } from '../db/digest-runs.ts';
import { DependencyError } from '../errors.ts';

export type { DigestIdentity, DigestPlatform };

export type DeliveryResult =
  | { status: 'sent'; ref?: string }
  | { status: 'unreachable'; reason: string }
  | { status: 'skipped'; reason: string };

export type DigestSender = (identity: DigestIdentity, card: DigestCard) => Promise<DeliveryResult>;

export interface DigestDelivery {
  slack?: DigestSender;
  teams?: DigestSender;
}

export const DIGEST_PLATFORMS: readonly DigestPlatform[] = ['slack', 'teams'];

/** Some platform failed in a retryable way; the deliveries that worked are already recorded. */
export class DigestDeliveryError extends DependencyError {
  constructor(
    readonly platforms: { platform: DigestPlatform; error: string }[],
    options: { cause?: unknown } = {},
  ) {
    super(platforms.map((p) => p.platform).join('+'), `The digest could not be delivered to ${platforms.map((p) => p.platform).join(' and ')}; it will be retried.`, {
      cause: options.cause,
      retryable: true,
    });
  }
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
  for (let e = err as { message?: string; data?: { error?: string }; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const text = e.data?.error ? `${e.message ?? 'error'} [${e.data.error}]` : (e.message ?? String(e));
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join(' ← ');
}
