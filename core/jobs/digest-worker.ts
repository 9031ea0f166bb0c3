// The BullMQ worker that runs digest jobs. A failed delivery is recorded by the run and comes back with
// the time of its next try (Retry-After, jittered backoff, within a time budget): the job is moved to the
// delayed set until then, which spends none of BullMQ's attempts. A job that meets a delivery another
// worker holds looks again a little later, also without spending anything. BullMQ's own attempts are
// left for failures of our infrastructure (database, Redis); errors no retry can fix end the job at once.
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { DigestDeliveryError } from '../digest/deliver.ts';
import { busyRecheckMs } from '../digest/retry-policy.ts';
import type { DigestOutcome, DigestRequest } from '../digest/run-digest.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { DIGEST_QUEUE, redisConnection, type DigestJobData, type QueueConnection } from './queues.ts';

export interface DigestWorkerOptions extends QueueConnection {
  run(req: DigestRequest): Promise<DigestOutcome>;
  log: Logger;
  /** Digests processed at once by this process (default 5). */
  concurrency?: number;
  /** The delivery lease (s): how long a claim of a worker that died blocks others. */
  leaseSeconds: number;
  /** BullMQ's job lock (ms): a job of a killed worker is picked up again after about this long (default 30 s). */
  lockDurationMs?: number;
}

export interface DigestWorker {
  worker: Worker<DigestJobData, DigestOutcome>;
  /** Waits for running jobs; `force` (shutdown past its grace, Redis gone) drops the connection first. */
  close(force?: boolean): Promise<void>;
}

/** The moment a job stands for: a scheduler's fire time, else the time given when it was added. */
export function fireTimeOf(job: Pick<Job<DigestJobData>, 'opts' | 'data' | 'timestamp'>): Date {
  const scheduled = (job.opts as { prevMillis?: number }).prevMillis;
  if (typeof scheduled === 'number' && scheduled > 0) return new Date(scheduled);
  if (job.data.fireAt) return new Date(job.data.fireAt);
  return new Date(job.timestamp);
}

export function startDigestWorker(opts: DigestWorkerOptions): DigestWorker {
  const connection = redisConnection(opts.redisUrl, { worker: true });
  connection.on('error', (err) => opts.log.warn('digest worker: redis connection error', { err }));
  const later = async (job: Job<DigestJobData>, token: string | undefined, at: number): Promise<never> => {
    await job.moveToDelayed(at, token);
    throw new DelayedError();
  };
  const worker = new Worker<DigestJobData, DigestOutcome>(
    DIGEST_QUEUE,
    async (job, token) => {
      const req: DigestRequest = {
        managerId: job.data.managerId,
        fireAt: fireTimeOf(job),
        cadence: job.data.cadence,
        // Jobs of a job scheduler and those reconciliation enqueues follow the manager's preference.
        scheduled: Boolean(job.repeatJobKey) || job.data.scheduled === true,
        retry: true,
      };
      let outcome: DigestOutcome;
      try {
        outcome = await opts.run(req);
      } catch (err) {
        if (err instanceof DigestDeliveryError) {
          if (err.retryAt) return later(job, token, err.retryAt.getTime());
          // Recorded as failed on the run, with the reason; nothing left to try.
          throw new UnrecoverableError(err.message);
        }
        const retryable = !(err instanceof AppError) || err.code === 'dependency_down' || err.code === 'dependency_failed' || err.code === 'internal';
        if (!retryable) throw new UnrecoverableError((err as Error).message);
        throw err;
      }
      // Another worker holds this period's delivery: look again when it has finished (or its lease ran out).
      if (outcome.status === 'in_progress') return later(job, token, Date.now() + busyRecheckMs(opts.leaseSeconds));
      return outcome;
    },
    {
      connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 5,
      autorun: true,
      ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs, stalledInterval: opts.lockDurationMs } : {}),
    },
  );
  worker.on('failed', (job, err) => opts.log.warn('digest job failed', { jobId: job?.id, managerId: job?.data.managerId, attempt: job?.attemptsMade, err }));
  worker.on('error', (err) => opts.log.warn('digest worker error', { err }));
  return {
    worker,
    async close(force = false) {
      if (force) connection.disconnect();
      await worker.close(force);
      connection.disconnect();
    },
  };
}
