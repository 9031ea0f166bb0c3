// One BullMQ job scheduler per manager ("digest:<managerId>", cron pattern + the manager's time zone),
// reconciled from the database: at start, on every Redis reconnect and every `fullSyncMs`, every manager
// is checked against Redis and their due periods against the digest runs (digest-reconciler.ts); then
// preferences, time zones and teams changed since the last look are applied every `pollMs`. Any process
// can change a preference (a chat tool, the CLI) by writing the database; every scheduler process picks it up with
// no restart and no message to miss, and upserts are idempotent when several processes apply the same.
import { Queue, type RepeatOptions } from 'bullmq';
import type { ScheduleTarget } from '../db/digest-repository.ts';
import type { Logger } from '../log.ts';
import type { DigestRunRepository } from '../db/digest-runs-repository.ts';
import { createDigestReconciler } from './digest-reconciler.ts';
import {
  DIGEST_JOB,
  DIGEST_QUEUE,
  DIGEST_RETENTION,
  DIGEST_RETRY,
  digestSchedulerId,
  managerOfScheduler,
  redisConnection,
  type DigestJobData,
  type QueueConnection,
} from './queues.ts';

export interface ScheduleSource {
  scheduleTargets(since?: Date): Promise<{ targets: ScheduleTarget[]; now: Date }>;
}

export interface DigestSchedulerOptions extends QueueConnection {
  source: ScheduleSource;
  log: Logger;
  /** How often to look for changed preferences (default 5 s). */
  pollMs?: number;
  /** How often to compare every manager with Redis and the due periods with the runs (default 60 s). */
  fullSyncMs?: number;
  /** Enqueue due periods that have no finished run; without it only job schedulers are reconciled. */
  due?: { runs: DigestRunRepository; latenessMs: number; strandedAfterSeconds?: number; now?: () => Date };
  /** The repeat options for a target; tests use `{ every: 1000 }` to fire at once. Default: cron + time zone. */
  repeat?: (target: ScheduleTarget) => RepeatOptions;
  jobOptions?: { attempts: number; backoff: { type: 'exponential' | 'fixed'; delay: number } };
}

export interface DigestScheduler {
  queue: Queue<DigestJobData>;
  /** Compare every manager with Redis: add, change or remove job schedulers. */
  sync(): Promise<{ upserted: number; removed: number }>;
  /** Apply what changed since the last look. */
  poll(): Promise<number>;
  /** Start `poll` (and a periodic `sync`) on timers. */
  start(): void;
  close(): Promise<void>;
}

// Re-read a little of the past each poll: a preference committed late with an earlier timestamp is not missed.
const OVERLAP_MS = 60_000;

const keyOf = (r: RepeatOptions) => `${r.pattern ?? ''}|${r.every ?? ''}|${r.tz ?? ''}`;

export function createDigestScheduler(opts: DigestSchedulerOptions): DigestScheduler {
  const connection = redisConnection(opts.redisUrl);
  connection.on('error', (err) => opts.log.warn('digest scheduler: redis connection error', { err }));
  const queue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection, prefix: opts.prefix });
  const repeatOf = opts.repeat ?? ((t: ScheduleTarget): RepeatOptions => ({ pattern: t.schedule.cron, tz: t.timeZone }));
  const jobOptions = opts.jobOptions ?? DIGEST_RETRY;
  const reconciler = opts.due ? createDigestReconciler({ queue, log: opts.log, ...opts.due }) : undefined;
  /** What this process last saw in Redis or put there, per manager: the repeat options' key. */
  const applied = new Map<string, string>();
  let since: Date | undefined;
  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;
  let connectedOnce = false;

  async function apply(target: ScheduleTarget): Promise<'upserted' | 'removed' | 'unchanged'> {
    const id = digestSchedulerId(target.managerId);
    if (!target.schedule.enabled) {
      if (!applied.has(id)) return 'unchanged';
      await queue.removeJobScheduler(id);
      applied.delete(id);
      opts.log.info('digest paused: job scheduler removed', { managerId: target.managerId });
      return 'removed';
    }
    const repeat = repeatOf(target);
    if (applied.get(id) === keyOf(repeat)) return 'unchanged';
    await queue.upsertJobScheduler(id, repeat, { name: DIGEST_JOB, data: { managerId: target.managerId }, opts: { ...jobOptions, ...DIGEST_RETENTION } });
    applied.set(id, keyOf(repeat));
    opts.log.debug('digest job scheduler set', { managerId: target.managerId, pattern: repeat.pattern, every: repeat.every, tz: repeat.tz });
    return 'upserted';
  }

  // One reconciliation at a time per process: a slow full sync and a poll never interleave.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => {});
    return next;
  };

  // A reconnect may be to a Redis that lost everything (restarted without persistence, failed over):
  // reconcile at once instead of waiting for the next full sync.
  connection.on('ready', () => {
    if (!connectedOnce) return void (connectedOnce = true);
    if (closed) return;
    opts.log.info('digest scheduler: reconnected to Redis; reconciling schedulers and due digests');
    void scheduler.sync().catch((err) => opts.log.warn('digest scheduler: reconciliation after reconnect failed; the next full sync tries again', { err }));
  });

  const scheduler: DigestScheduler = {
    queue,
    sync: () =>
      serial(async () => {
        applied.clear();
        for (const s of await queue.getJobSchedulers(0, -1)) {
          if (s.key && managerOfScheduler(s.key)) applied.set(s.key, keyOf({ pattern: s.pattern, every: s.every, tz: s.tz }));
        }
        const { targets, now } = await opts.source.scheduleTargets();
        since = new Date(now.getTime() - OVERLAP_MS);
        let upserted = 0;
        let removed = 0;
        const wanted = new Set<string>();
        for (const t of targets) {
          if (t.schedule.enabled) wanted.add(digestSchedulerId(t.managerId));
          const r = await apply(t);
          if (r === 'upserted') upserted++;
          if (r === 'removed') removed++;
        }
        for (const id of [...applied.keys()]) {
          if (wanted.has(id)) continue;
          await queue.removeJobScheduler(id);
          applied.delete(id);
          removed++;
        }
        // Every full sync (each minute by default) logs; at info only when it had something to do.
        opts.log.log(upserted || removed ? 'info' : 'debug', 'digest schedules in sync', { managers: wanted.size, upserted, removed });
        if (reconciler) await reconciler.reconcileDue(targets);
        return { upserted, removed };
      }),
    poll: () =>
      serial(async () => {
        const { targets, now } = await opts.source.scheduleTargets(since);
        since = new Date(now.getTime() - OVERLAP_MS);
        const changed: ScheduleTarget[] = [];
        const paused: string[] = [];
        for (const t of targets) {
          const r = await apply(t);
          if (r !== 'unchanged') changed.push(t);
          if (r === 'removed') paused.push(t.managerId);
        }
        if (changed.length) opts.log.info('digest schedules changed', { changed: changed.length });
        // A time moved earlier than now leaves today's period due at once; a pause cancels pending runs
        // (a retry job that meets the pause cancels its run too, wherever the pause was seen).
        if (changed.length && reconciler) await reconciler.reconcileDue(changed, paused);
        return changed.length;
      }),
    start() {
      const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
        const timer = setInterval(() => void fn().catch((err) => opts.log.warn(`digest scheduler: ${what} failed; trying again later`, { err })), ms);
        timer.unref();
        timers.push(timer);
      };
      every(opts.pollMs ?? 5000, scheduler.poll, 'looking for changed preferences');
      every(opts.fullSyncMs ?? 60_000, scheduler.sync, 'full sync');
    },
    async close() {
      closed = true;
      for (const t of timers) clearInterval(t);
      timers = [];
      await running;
      await queue.close();
      connection.disconnect();
    },
  };
  return scheduler;
}
