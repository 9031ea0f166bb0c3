// One manager's digest for one period, exactly once: find or create the (manager, period) run row, compose
// the card once (kept on the run, so a retry re-sends the same figures), claim each platform not yet done,
// deliver, and record every attempt. A retryable failure is thrown after the outcomes are recorded.
import type { DigestFigures } from '../db/digest-figures.ts';
import type { DigestRepository } from '../db/digest-repository.ts';
import { FINAL_RUN_STATUSES, type DeliveryOutcome, type DeliveryRecord, type DigestPlatform, type DigestRunRepository, type RunStatus } from '../db/digest-runs.ts';
import type { Logger } from '../log.ts';
import { composeDigest, type ComposeOptions } from './compose.ts';
import { DigestDeliveryError, errorText, pickIdentities, type DigestDelivery } from './deliver.ts';
import { digestPeriod, type Cadence } from './period.ts';
import { parseCron } from './schedule.ts';

export interface DigestServices {
  managers: DigestRepository;
  runs: DigestRunRepository;
  figures: DigestFigures;
  deliveries: DigestDelivery;
  compose: ComposeOptions;
  log: Logger;
}

export interface DigestRequest {
  managerId: string;
  /** The scheduled fire time; the period (and its key) comes from its local date. */
  fireAt: Date;
  /** Overrides the preference's cadence (CLI --period). */
  cadence?: Cadence;
  /** A scheduled job respects a paused preference; a manual send does not. */
  scheduled: boolean;
  /** The queue will not retry after this attempt: a failure is final. */
  finalAttempt?: boolean;
}

export type DigestOutcome =
  | { status: 'sent' | 'partial' | 'skipped' | 'running' | 'failed'; periodKey: string; deliveries: DeliveryRecord[] }
  | { status: 'already_done'; periodKey: string; runStatus: RunStatus; deliveries: DeliveryRecord[] }
  | { status: 'in_progress'; periodKey: string }
  | { status: 'not_applicable'; reason: string };

const LABEL: Record<DigestPlatform, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

export async function runDigest(svc: DigestServices, req: DigestRequest): Promise<DigestOutcome> {
  const found = await svc.managers.managerWithIdentities(req.managerId);
  if (!found?.manager.team) return { status: 'not_applicable', reason: 'not a manager of a team' };
  const { manager, identities: linked } = found;
  if (!manager.active) return { status: 'not_applicable', reason: 'the manager is deactivated' };
  if (req.scheduled && !manager.schedule.enabled) return { status: 'not_applicable', reason: 'the digest is paused' };
  const period = digestPeriod({
    cadence: req.cadence ?? manager.schedule.cadence,
    timeZone: manager.timeZone,
    fireAt: req.fireAt,
    scheduleDays: parseCron(manager.schedule.cron).days,
  });
  const run = await svc.runs.ensure(manager.id, period);
  if (FINAL_RUN_STATUSES.includes(run.status)) return { status: 'already_done', periodKey: period.key, runStatus: run.status, deliveries: run.deliveries };
  const identities = pickIdentities(linked);
  // Compose only when the run has no card yet; a retry re-sends the card stored on the run.
  const composed = run.content ? null : await composeDigest(svc.figures, manager, period, svc.compose);
  const { content, claimed } = await svc.runs.claim(run.id, composed, [...identities.keys()]);
  const card = content ?? composed!;
  // Nothing to claim while there are platforms: another worker is sending right now.
  if (claimed.length === 0 && identities.size > 0) return { status: 'in_progress', periodKey: period.key };

  const outcomes: DeliveryOutcome[] = [];
  const failed: { platform: DigestPlatform; error: string }[] = [];
  await Promise.all(
    claimed.map(async (platform) => {
      const identity = identities.get(platform)!;
      const send = svc.deliveries[platform];
      if (!send) return void outcomes.push({ platform, status: 'skipped', error: `${LABEL[platform]} is not configured for sending` });
      if (identity.unreachableAt) return void outcomes.push({ platform, status: 'skipped', error: `identity unreachable: ${identity.unreachableReason ?? 'unknown reason'}` });
      try {
        const sent = await send(identity, card);
        outcomes.push(sent.status === 'sent' ? { platform, status: 'sent' } : { platform, status: 'skipped', error: `${sent.status}: ${sent.reason}` });
      } catch (err) {
        const error = errorText(err);
        failed.push({ platform, error });
        outcomes.push({ platform, status: 'failed', error });
        svc.log.warn('digest delivery failed; it will be retried', { managerId: manager.id, periodKey: period.key, platform, err });
      }
    }),
  );
  const settled = await svc.runs.settle(run.id, outcomes, req.finalAttempt ?? false);
  if (failed.length) throw new DigestDeliveryError(failed);
  svc.log.info('digest run finished', { managerId: manager.id, periodKey: period.key, status: settled.status });
  return { status: settled.status, periodKey: period.key, deliveries: settled.deliveries };
}