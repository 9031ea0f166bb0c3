// One manager's digest for one period, exactly once: find or create the (manager, period) run row, compose
// the card once (kept on the run, so a retry re-sends the same figures), claim each platform not yet done,
// deliver, and record every attempt. A failure is recorded first, then thrown with the time of the next
// try (from the retry policy: Retry-After, jittered backoff, a budget in time), or as final.
import type { DigestFiguresRepository } from '../db/digest-figures-repository.ts';
import type { DigestRepository } from '../db/digest-repository.ts';
import type { DeliveryRecord, DigestRunRepository } from '../db/digest-runs-repository.ts';
import type { Logger } from '../log.ts';
import { composeDigest, type ComposeOptions } from './compose.ts';
import { PLATFORMS } from '../platforms/registry.ts';
import { DeliveryFailure, type ChatSenders } from '../platforms/sender.ts';
import { DigestDeliveryError, errorText, pickIdentities, UNCONFIRMED_PREFIX } from './deliver.ts';
import { digestPeriod, localDate, periodLabel, startOfLocalDay, type Cadence, type DigestPeriod } from './period.ts';
import { nextRetryAt, type RetryPolicy } from './retry-policy.ts';
import { FINAL_RUN_STATUSES, REOPENABLE_RUN_STATUSES, type DeliveryOutcome, type DigestPlatform, type RunStatus } from './run-states.ts';
import { parseCron } from './schedule.ts';

export interface DigestServices {
  managers: DigestRepository;
  runs: DigestRunRepository;
  figures: DigestFiguresRepository;
  /** The configured platforms' senders; a platform without one records its delivery as skipped. */
  senders: ChatSenders;
  compose: ComposeOptions;
  log: Logger;
  /** Retries of scheduled digests; a manual send is tried once. */
  retry?: RetryPolicy;
  now?: () => Date;
}

export interface DigestRequest {
  managerId: string;
  /** The scheduled fire time; the period (and its key) comes from its local date. */
  fireAt: Date;
  /** Overrides the preference's cadence (CLI --period). */
  cadence?: Cadence;
  /** A scheduled job respects a paused preference; a manual send does not. */
  scheduled: boolean;
  /** Queue jobs retry failed deliveries (by the retry policy); a manual send is tried once and may resend a missed or failed digest. */
  retry?: boolean;
}

export type DigestOutcome =
  | { status: RunStatus; periodKey: string; deliveries: DeliveryRecord[] }
  | { status: 'already_done'; periodKey: string; runStatus: RunStatus; deliveries: DeliveryRecord[] }
  | { status: 'in_progress'; periodKey: string }
  | { status: 'not_applicable'; reason: string };

/** The period a digest fired at `fireAt` covers: from where the manager's last digest stopped. */
export async function periodFor(
  svc: Pick<DigestServices, 'runs'>,
  managerId: string,
  timeZone: string,
  cadence: Cadence,
  cron: string,
  fireAt: Date,
): Promise<DigestPeriod> {
  const end = startOfLocalDay(timeZone, localDate(timeZone, fireAt));
  const coveredUntil = await svc.runs.coveredUntil(managerId, end);
  return digestPeriod({ cadence, timeZone, fireAt, scheduleDays: parseCron(cron).days, coveredUntil });
}

export async function runDigest(svc: DigestServices, req: DigestRequest): Promise<DigestOutcome> {
  const now = svc.now ?? (() => new Date());
  const found = await svc.managers.managerWithIdentities(req.managerId);
  if (!found?.manager.team) return { status: 'not_applicable', reason: 'not a manager of a team' };
  const { manager, identities: linked } = found;
  if (!manager.active) return { status: 'not_applicable', reason: 'the manager is deactivated' };
  if (req.scheduled && !manager.schedule.enabled) {
    // A retry that outlived the pause: the pending run ends as cancelled, not `running` for ever.
    await svc.runs.cancelPending(manager.id, 'the manager paused the digest');
    return { status: 'not_applicable', reason: 'the digest is paused' };
  }
  const cadence = req.cadence ?? manager.schedule.cadence;
  let period = await periodFor(svc, manager.id, manager.timeZone, cadence, manager.schedule.cron, req.fireAt);
  let run = await svc.runs.ensure(manager.id, period);
  if (FINAL_RUN_STATUSES.includes(run.status)) {
    const unconfirmed = run.deliveries.some((d) => d.status === 'skipped' && d.error?.startsWith(UNCONFIRMED_PREFIX));
    if (req.scheduled || req.retry || !(REOPENABLE_RUN_STATUSES.includes(run.status) || unconfirmed))
      return { status: 'already_done', periodKey: period.key, runStatus: run.status, deliveries: run.deliveries };
    // By hand, a missed, failed or cancelled digest is sent after all (`salesos digest --send --at <date>`),
    // and so is a delivery skipped because an earlier attempt could not be confirmed.
    await svc.runs.reopen(run.id);
    run = { ...run, status: 'running' };
  }
  // The run may be older than this job's view of the history: its stored span is the period.
  if (run.periodStart.getTime() !== period.start.getTime())
    period = digestPeriod({
      cadence,
      timeZone: manager.timeZone,
      fireAt: req.fireAt,
      scheduleDays: parseCron(manager.schedule.cron).days,
      coveredUntil: new Date(run.periodStart),
    });
  const identities = pickIdentities(linked);
  // Compose only when the run has no card yet; a retry re-sends the card stored on the run.
  let composed = null;
  if (!run.content) {
    composed = await composeDigest(svc.figures, manager, period, svc.compose);
    const missed = await svc.runs.missedBefore(manager.id, period.start, period.end);
    if (missed.length) composed.missed = missed.map((m) => ({ label: periodLabel(manager.timeZone, m.start, m.end), reason: m.reason }));
  }
  const { content, claimed } = await svc.runs.claim(run.id, composed, [...identities.keys()]);
  const card = content ?? composed!;
  // Nothing to claim while there are platforms: another worker is sending right now.
  if (claimed.length === 0 && identities.size > 0) return { status: 'in_progress', periodKey: period.key };

  const outcomes: DeliveryOutcome[] = [];
  const failed: { platform: DigestPlatform; error: string; attempts: number; retryAfterMs?: number; final?: boolean }[] = [];
  await Promise.all(
    claimed.map(async ({ platform, attempts, recheck }) => {
      const identity = identities.get(platform)!;
      const sender = svc.senders.get(platform);
      if (!sender) return void outcomes.push({ platform, status: 'skipped', error: `${PLATFORMS[platform].label} is not configured for sending` });
      if (identity.unreachableAt)
        return void outcomes.push({ platform, status: 'skipped', error: `identity unreachable: ${identity.unreachableReason ?? 'unknown reason'}` });
      try {
        const sent = await sender.sendDigest(identity, card, { runId: run.id, recheck });
        if (sent.status === 'sent') outcomes.push({ platform, status: 'sent', ref: sent.ref });
        else
          outcomes.push({
            platform,
            status: 'skipped',
            error: sent.status === 'skipped' && sent.unconfirmed ? `${UNCONFIRMED_PREFIX}${sent.reason}` : `${sent.status}: ${sent.reason}`,
          });
      } catch (err) {
        const error = errorText(err);
        // Anything but a failure the sender vouches for may have reached the platform.
        const uncertain = err instanceof DeliveryFailure ? err.uncertain : true;
        failed.push({
          platform,
          error,
          attempts,
          retryAfterMs: err instanceof DeliveryFailure ? err.retryAfterMs : undefined,
          final: err instanceof DeliveryFailure && !err.retryable && !err.uncertain,
        });
        outcomes.push({ platform, status: 'failed', error, uncertain });
      }
    }),
  );
  let retryAt: Date | undefined;
  // A failure the sender calls final and certain (the platform refused the message) is not retried; an
  // uncertain one gets a later pass, where the sender rechecks (Slack) or records it unconfirmed (Teams).
  if (failed.length && req.retry && svc.retry && failed.some((f) => !f.final)) {
    const retryAfters = failed.map((f) => f.retryAfterMs).filter((ms): ms is number => ms !== undefined);
    retryAt = nextRetryAt(svc.retry, {
      attempts: Math.max(...failed.map((f) => f.attempts)),
      retryAfterMs: retryAfters.length ? Math.max(...retryAfters) : undefined,
      now: now(),
      firstAttemptAt: run.createdAt ?? now(),
    });
  }
  const final = failed.length > 0 && !retryAt;
  // The reason is written before the run is settled as failed, so nobody reads a failed run without one.
  let gaveUp: string | undefined;
  if (final && req.retry) {
    const minutes = Math.round((now().getTime() - (run.createdAt ?? now()).getTime()) / 60_000);
    gaveUp = `gave up after ${Math.max(...failed.map((f) => f.attempts))} attempts over ${minutes} min: ${failed.map((f) => `${f.platform}: ${f.error}`).join('; ')}`;
    await svc.runs.giveUp(run.id, gaveUp);
  }
  const settled = await svc.runs.settle(run.id, outcomes, final, retryAt);
  if (failed.length) {
    if (gaveUp) {
      svc.log.error('digest delivery failed for good: the retry budget is spent', { managerId: manager.id, periodKey: period.key, reason: gaveUp });
    } else if (retryAt) {
      svc.log.warn('digest delivery failed; trying again later', {
        managerId: manager.id,
        periodKey: period.key,
        retryAt: retryAt.toISOString(),
        failed: failed.map((f) => `${f.platform}: ${f.error}`),
      });
    }
    throw new DigestDeliveryError(
      failed.map(({ platform, error }) => ({ platform, error })),
      { retryAt },
    );
  }
  svc.log.info('digest run finished', { managerId: manager.id, periodKey: period.key, status: settled.status });
  return { status: settled.status, periodKey: period.key, deliveries: settled.deliveries };
}
