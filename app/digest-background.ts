// Manager digests for the entry layer: the digest services from the container, the platform senders
// (app/chat-senders.ts), and the background scheduler + worker that `salesos worker` and `npm start` run.
import { DigestFiguresRepository } from '../core/db/digest-figures-repository.ts';
import { DigestRepository } from '../core/db/digest-repository.ts';
import { DigestRunRepository } from '../core/db/digest-runs-repository.ts';
import type { ChatSenders } from '../core/platforms/sender.ts';
import { runDigest, type DigestServices } from '../core/digest/run-digest.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../core/digest/retry-policy.ts';
import { createDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from '../core/jobs/digest-scheduler.ts';
import { startDigestWorker } from '../core/jobs/digest-worker.ts';
import { pingRedis } from '../core/jobs/queues.ts';
import { hostPortOf } from '../core/db/connection-errors.ts';
import { DependencyError } from '../core/errors.ts';
import { log } from '../core/log.ts';
import type { Container } from './container.ts';

export function buildDigestServices(
  container: Pick<Container, 'config' | 'db'>,
  senders: ChatSenders,
  opts: { retry?: Partial<RetryPolicy> } = {},
): DigestServices {
  const prisma = container.db.prisma;
  const digest = container.config.digest;
  return {
    managers: new DigestRepository(prisma),
    runs: new DigestRunRepository(prisma, { leaseSeconds: digest?.leaseSeconds }),
    figures: new DigestFiguresRepository(prisma),
    senders,
    compose: { defaultDailyLimitUsd: container.config.cost.dailyLimitUsd },
    log,
    retry: { ...DEFAULT_RETRY_POLICY, budgetMs: (digest?.retryBudgetMinutes ?? 360) * 60_000, ...opts.retry },
  };
}

export interface DigestBackground {
  /** Stop scheduling and wait for the running digest jobs. */
  close(): Promise<void>;
  /** Shutdown past its grace (or Redis gone): drop the connections; unfinished jobs are retried by the next worker. */
  forceClose(): Promise<void>;
}

export interface DigestBackgroundOptions {
  /** Redis key prefix (tests); the default keeps every deployment's keys under "salesos". */
  prefix?: string;
  concurrency?: number;
  pollMs?: number;
  repeat?: DigestSchedulerOptions['repeat'];
  jobOptions?: DigestSchedulerOptions['jobOptions'];
  /** Backoff of failed deliveries (tests shorten it); the budget comes from DIGEST_RETRY_BUDGET_MINUTES. */
  retry?: Partial<RetryPolicy>;
  /** BullMQ's job lock: how soon a killed worker's job is picked up again (default 30 s). */
  lockDurationMs?: number;
  /**
   * Enqueue due periods from the stored schedules (default true). Tests that fire with `repeat` instead
   * of the cron pattern turn it off, since "due" follows the pattern.
   */
  reconcileDue?: boolean;
  /** The clock reconciliation judges "due" and "late" by (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * The digest scheduler and worker, until close(). Without REDIS_URL it says the scheduler is off and
 * returns at once; `salesos digest --manager <email> --print|--send` works either way.
 */
export async function startDigestBackground(
  container: Pick<Container, 'config' | 'db'>,
  senders: ChatSenders,
  opts: DigestBackgroundOptions = {},
): Promise<DigestBackground & { scheduler?: DigestScheduler }> {
  const { redisUrl } = container.config;
  if (!redisUrl) {
    log.info(
      'REDIS_URL is not set: the digest scheduler is off. Set REDIS_URL to send scheduled digests; `salesos digest --manager <email> --print` works without it.',
    );
    return { close: async () => {}, forceClose: async () => {} };
  }
  try {
    await pingRedis(redisUrl);
  } catch (err) {
    throw new DependencyError(
      'redis',
      `Redis at REDIS_URL (${hostPortOf(redisUrl, 6379)}) is not reachable (${(err as Error).message}); digests cannot be scheduled. Start Redis or unset REDIS_URL.`,
      { cause: err, down: true },
    );
  }
  const testClock = container.config.testClock;
  const now = opts.now ?? (testClock ? () => testClock : undefined);
  const services = { ...buildDigestServices(container, senders, { retry: opts.retry }), ...(now ? { now } : {}) };
  const platforms = [...senders.keys()];
  if (!platforms.length) log.warn('digests are scheduled but no chat platform is configured to send them: each run will be recorded as skipped');
  const digest = container.config.digest;
  const scheduler = createDigestScheduler({
    redisUrl,
    prefix: opts.prefix,
    source: services.managers,
    log,
    pollMs: opts.pollMs,
    fullSyncMs: digest.reconcileSeconds * 1000,
    repeat: opts.repeat,
    jobOptions: opts.jobOptions,
    due:
      opts.reconcileDue === false
        ? undefined
        : { runs: services.runs, latenessMs: digest.latenessMinutes * 60_000, strandedAfterSeconds: Math.max(60, digest.leaseSeconds), now },
  });
  const worker = startDigestWorker({
    redisUrl,
    prefix: opts.prefix,
    log,
    concurrency: opts.concurrency,
    leaseSeconds: digest.leaseSeconds,
    lockDurationMs: opts.lockDurationMs,
    run: (req) => runDigest(services, req),
  });
  try {
    await scheduler.sync();
  } catch (err) {
    await Promise.allSettled([worker.close(), scheduler.close()]);
    throw err;
  }
  scheduler.start();
  log.info(`digest scheduler running (delivering to ${platforms.join(' and ') || 'no platform'})`);
  return {
    scheduler,
    async close() {
      await scheduler.close();
      await worker.close();
      log.debug('digest scheduler stopped');
    },
    async forceClose() {
      await Promise.allSettled([scheduler.close(), worker.close(true)]);
    },
  };
}
