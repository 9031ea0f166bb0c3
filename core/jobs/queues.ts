// Queue names, Redis connections and job shapes shared by the digest scheduler, workers and producers.
import { Redis } from 'ioredis';
import type { Cadence } from '../digest/period.ts';

export const DIGEST_QUEUE = 'digests';
export const DIGEST_JOB = 'digest';
/** Every SalesOS key in Redis starts with this unless a deployment (or a test) picks another. */
export const DEFAULT_PREFIX = 'salesos';

export interface QueueConnection {
  redisUrl: string;
  /** BullMQ key prefix; tests use one per file so parallel files never share a queue. */
  prefix?: string;
}

export interface DigestJobData {
  managerId: string;
  /** A job added by hand (CLI, tests) says which moment it stands for; scheduled jobs carry their fire time. */
  fireAt?: string;
  cadence?: Cadence;
  /** Enqueued by reconciliation for a due period: treated like a scheduler's job (a pause stops it). */
  scheduled?: boolean;
}

/**
 * BullMQ's own retries, for failures of our infrastructure (database, Redis) only: failed deliveries are
 * retried by the digest's retry policy without spending these.
 */
export const DIGEST_RETRY = { attempts: 8, backoff: { type: 'exponential' as const, delay: 15_000 } };

/** Finished jobs are kept a while for inspection, not for ever (the digest-run rows are the record). */
export const DIGEST_RETENTION = { removeOnComplete: { age: 7 * 86_400, count: 10_000 }, removeOnFail: { age: 30 * 86_400 } };

export const digestSchedulerId = (managerId: string) => `digest:${managerId}`;
export const managerOfScheduler = (id: string) => (id.startsWith('digest:') ? id.slice('digest:'.length) : undefined);

/**
 * A Redis connection for BullMQ. Workers (blocking commands) need `maxRetriesPerRequest: null`; producers
 * keep ioredis' default so a Redis outage fails a call instead of hanging it.
 */
export function redisConnection(url: string, opts: { worker?: boolean } = {}): Redis {
  return new Redis(url, {
    ...(opts.worker ? { maxRetriesPerRequest: null } : {}),
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

/** Resolves when Redis answers PING, rejects after `timeoutMs` with the connection error. */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
