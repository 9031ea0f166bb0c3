// What digest delivery needs beyond the senders (core/platforms/sender.ts): which identity of a manager
// gets the digest on each platform, the error of a run that some platform failed, and the text recorded
// for a failed attempt.
import type { DigestIdentity } from '../db/digest-repository.ts';
import type { DigestPlatform } from './run-states.ts';
import { DependencyError } from '../errors.ts';
import { PROACTIVE_PLATFORMS } from '../platforms/registry.ts';

export type { DigestIdentity, DigestPlatform };

/** Prefix of a skipped delivery's error when an earlier attempt could not be confirmed either way. */
export const UNCONFIRMED_PREFIX = 'unconfirmed: ';

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
  for (const platform of PROACTIVE_PLATFORMS) {
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
