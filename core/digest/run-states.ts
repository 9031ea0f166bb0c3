// The states a digest run and each platform's delivery go through, and which of them end a period.
// core/db/digest-runs-repository.ts stores them; run-digest.ts and the reconciler act on them.
import type { ProactivePlatform } from '../platforms/registry.ts';

export type RunStatus = 'running' | 'sent' | 'partial' | 'failed' | 'skipped' | 'missed' | 'cancelled';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
/** Digests go to the platforms that can write to a user unasked (core/platforms/registry.ts). */
export type DigestPlatform = ProactivePlatform;

export interface DeliveryOutcome {
  platform: DigestPlatform;
  status: 'sent' | 'failed' | 'skipped';
  error?: string;
  /** A failure after which the message may still have reached the platform. */
  uncertain?: boolean;
  /** The platform's message id. */
  ref?: string;
}

/** A scheduled job meets these and stops: the period is done, one way or another. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['sent', 'partial', 'skipped', 'failed', 'missed', 'cancelled'];
/** Statuses a manual `salesos digest --send` may take up again (a resend of a missed or failed digest). */
export const REOPENABLE_RUN_STATUSES: readonly RunStatus[] = ['failed', 'missed', 'cancelled'];
/** A claim older than this is taken to belong to a worker that died mid-send (DIGEST_DELIVERY_LEASE_SECONDS). */
export const DELIVERY_LEASE_SECONDS = 120;
