// PostgreSQL is the source of truth for digests, Redis only their transport. Reconciliation makes Redis
// agree with the database: it re-creates missing job schedulers (through the scheduler's sync), and for
// every manager whose last due period has no finished run it enqueues that period now — or, once the
// period is older than the lateness window, records it as missed (the next digest says so). Paused
// managers' pending runs end as cancelled. It runs at start, on every Redis reconnect and periodically,
// so a Redis that lost its data costs minutes, not a day.
import { getNextMillis, type Queue } from 'bullmq';
import type { DigestRunRepository } from '../db/digest-runs-repository.ts';
import type { ScheduleTarget } from '../db/digest-repository.ts';
import { FINAL_RUN_STATUSES } from '../digest/run-states.ts';
import { localDate } from '../digest/period.ts';
import { periodFor } from '../digest/run-digest.ts';
import type { Logger } from '../log.ts';
import { DIGEST_JOB, DIGEST_RETENTION, DIGEST_RETRY, type DigestJobData } from './queues.ts';

export interface ReconcilerOptions {
  queue: Queue<DigestJobData>;
  runs: DigestRunRepository;
  log: Logger;
  /** A due period older than this (ms) is recorded as missed instead of sent (DIGEST_LATENESS_MINUTES). */
  latenessMs: number;
  /** A running run whose next try is overdue by this long (s) has lost its job (DIGEST_DELIVERY_LEASE_SECONDS). */
  strandedAfterSeconds?: number;
  now?: () => Date;
}

export interface DueReport {
  enqueued: number;
  missed: number;
  cancelled: number;
  /** Older running runs whose job was lost, enqueued again. */
  resumed: number;
}

/** The latest fire time of a cron pattern in `timeZone` at or before `now`, within the last eight days. */
export function lastDueFire(cron: string, timeZone: string, now: Date): Date | undefined {
  let at = now.getTime() - 8 * 86_400_000;
  let last: number | undefined;
  // BullMQ's own cron engine, so "due" means exactly what the job scheduler would have fired.
  for (let i = 0; i < 10_000; i++) {
    const next = getNextMillis(at, { pattern: cron, tz: timeZone });
    if (next === undefined || next > now.getTime()) break;
    last = next;
    at = next;
  }
  return last === undefined ? undefined : new Date(last);
}

export const dueJobId = (managerId: string, periodKey: string) => `due-${managerId}-${periodKey}`;

export function createDigestReconciler(opts: ReconcilerOptions) {
  const now = opts.now ?? (() => new Date());

  /**
   * Compares each target's last due period with the runs in PostgreSQL and acts on the difference.
   * `pausedNow`: managers whose pause this process has just applied; their pending runs end as cancelled.
   */
  async function reconcileDue(targets: ScheduleTarget[], pausedNow: string[] = []): Promise<DueReport> {
    const at = now();
    const report: DueReport = { enqueued: 0, missed: 0, cancelled: 0, resumed: 0 };
    if (pausedNow.length) report.cancelled = await opts.runs.cancelPending(pausedNow, 'the manager paused the digest');
    const due = targets
      .filter((t) => t.schedule.enabled)
      .map((t) => ({ target: t, fireAt: lastDueFire(t.schedule.cron, t.timeZone, at) }))
      .filter((d): d is { target: ScheduleTarget; fireAt: Date } => d.fireAt !== undefined)
      .map((d) => ({ ...d, key: localDate(d.target.timeZone, d.fireAt) }));
    const runs = await opts.runs.runsFor(due.map((d) => ({ managerId: d.target.managerId, key: d.key })));
    for (const { target, fireAt, key } of due) {
      const run = runs.get(target.managerId);
      if (run && FINAL_RUN_STATUSES.includes(run.status)) continue;
      const late = at.getTime() - fireAt.getTime();
      if (!run && late > opts.latenessMs) {
        // Only a period due under the schedule as it was then is missed: not one from before the manager
        // existed or before they changed the time (a new schedule's past is nobody's fault).
        if (fireAt <= target.changedAt) continue;
        const period = await periodFor(opts, target.managerId, target.timeZone, target.schedule.cadence, target.schedule.cron, fireAt);
        const hours = Math.round(opts.latenessMs / 360_000) / 10;
        const reason = `due at ${fireAt.toISOString()} but not sent within ${hours} h (no worker or Redis was available)`;
        if (await opts.runs.markMissed(target.managerId, period, reason)) {
          report.missed++;
          opts.log.warn('digest period missed: recorded, and named in the next digest', { managerId: target.managerId, periodKey: key, reason });
        }
        continue;
      }
      // No run yet, or one still running whose job Redis may have lost: (re-)enqueue it, at its next
      // retry time if it has one. The job id makes repeated reconciliations add it once; the run row makes
      // a job that meets another (the scheduler's own) send once.
      if (await enqueue(target.managerId, key, fireAt, Math.max(0, (run?.retryAt?.getTime() ?? 0) - at.getTime()))) report.enqueued++;
    }
    // Older periods still running with their next try long overdue lost their job (Redis lost, a bug):
    // take them up again, or end them as cancelled when the manager has paused since.
    if (opts.strandedAfterSeconds !== undefined) {
      const byManager = new Map(targets.map((t) => [t.managerId, t]));
      for (const run of await opts.runs.stranded(opts.strandedAfterSeconds)) {
        const target = byManager.get(run.managerId);
        if (!target) continue;
        if (!target.schedule.enabled) {
          report.cancelled += await opts.runs.cancelPending(run.managerId, 'the manager paused the digest');
          continue;
        }
        // The period's end is local midnight of its key's date: as a fire time it gives the same period.
        if (await enqueue(run.managerId, run.periodKey, run.periodEnd, 0)) report.resumed++;
      }
    }
    if (report.enqueued || report.missed || report.cancelled || report.resumed) opts.log.info('digest periods reconciled with the database', { ...report });
    return report;
  }

  /** Adds the job for a manager's period unless one is waiting, delayed or running; true when added. */
  async function enqueue(managerId: string, periodKey: string, fireAt: Date, delay: number): Promise<boolean> {
    const id = dueJobId(managerId, periodKey);
    const existing = await opts.queue.getJob(id);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return false;
      // Finished while the period is not: an earlier pause, or a failure of our own infrastructure.
      await existing.remove();
    }
    await opts.queue.add(DIGEST_JOB, { managerId, fireAt: fireAt.toISOString(), scheduled: true }, { jobId: id, delay, ...DIGEST_RETRY, ...DIGEST_RETENTION });
    return true;
  }

  return { reconcileDue, runs: opts.runs };
}

export type DigestReconciler = ReturnType<typeof createDigestReconciler>;
