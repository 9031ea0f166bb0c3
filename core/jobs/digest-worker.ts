// The BullMQ worker that runs digest jobs. A failed delivery throws, and BullMQ retries the job with
// backoff; the digest-run row makes every retry, duplicate or concurrent job deliver at most what is
// still missing. Errors that no retry can fix (bad input) end the job at once.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { DigestOutcome, DigestRequest } from '../digest/run-digest.ts';
import { AppError, DependencyError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { DIGEST_QUEUE, redisConnection, type DigestJobData, type QueueConnection } from './queues.ts';

export interface DigestWorkerOptions extends QueueConnection {
  run(req: DigestRequest): Promise<DigestOutcome>;
  log: Logger;
  /** Digests processed at once by this process (default 5). */
  concurrency?: number;
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

export class DigestBusyError extends DependencyError {
  constructor(periodKey: string) {
    super('digest', `The ${periodKey} digest is being delivered by another worker; checking again later.`, { retryable: true });
  }
}

export function startDigestWorker(opts: DigestWorkerOptions): DigestWorker {
  const connection = redisConnection(opts.redisUrl, { worker: true });
  connection.on('error', (err) => opts.log.warn('digest worker: redis connection error', { err }));
  const worker = new Worker<DigestJobData, DigestOutcome>(
    DIGEST_QUEUE,
    async (job) => {
      const attempts = job.opts.attempts ?? 1;
      const req: DigestRequest = {
        managerId: job.data.managerId,
        fireAt: fireTimeOf(job),
        cadence: job.data.cadence,
        scheduled: Boolean(job.repeatJobKey),
        finalAttempt: job.attemptsMade + 1 >= attempts,
      };
      try {
        const outcome = await opts.run(req);
        // Another worker holds this period's delivery: look again later, when it has finished (or died).
        if (outcome.status === 'in_progress') throw new DigestBusyError(outcome.periodKey);
        return outcome;
      } catch (err) {
        const retryable = !(err instanceof AppError) || err.code === 'dependency_down' || err.code === 'dependency_failed' || err.code === 'internal';
        if (!retryable) throw new UnrecoverableError((err as Error).message);
        throw err;
      }
    },
    { connection, prefix: opts.prefix, concurrency: opts.concurrency ?? 5, autorun: true },
  );
  worker.on('failed', (job, err) =>
    opts.log.warn('digest job failed', { jobId: job?.id, managerId: job?.data.managerId, attempt: job?.attemptsMade, err }),
  );
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
