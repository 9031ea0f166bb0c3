// One manager's digest for one period, exactly once: claim the (manager, period) run row, compose the card
// once (kept on the run, so a retry re-sends the same figures), deliver to each platform not yet done, and
// record every attempt. A retryable failure is thrown after the successes are committed.
import type { DigestFigures } from '../db/digest-figures.ts';
import type { DigestRepository } from '../db/digest-repository.ts';
import { FINAL_RUN_STATUSES, type DeliveryRecord, type DigestPlatform, type DigestRunRepository, type RunStatus } from '../db/digest-runs.ts';
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
  const failed: { platform: DigestPlatform; error: string }[] = [];
  const result = await svc.runs.withRun(manager.id, period, async (locked): Promise<DigestOutcome> => {
    const { run } = locked;
    if (FINAL_RUN_STATUSES.includes(run.status)) return { status: 'already_done', periodKey: period.key, runStatus: run.status, deliveries: run.deliveries };
    let card = run.content;
    if (!card) {
      card = await composeDigest(svc.figures, manager, period, svc.compose);
      await locked.setContent(card);
    }
    const identities = pickIdentities(linked);
    for (const platform of identities.keys()) await locked.addDelivery(platform);
    for (const delivery of [...run.deliveries]) {
      if (delivery.status === 'sent' || delivery.status === 'skipped') continue;
      const { platform } = delivery;
      const identity = identities.get(platform);
      const send = svc.deliveries[platform];
      if (!identity) await locked.recordAttempt(platform, 'skipped', `no ${LABEL[platform]} identity any more`);
      else if (!send) await locked.recordAttempt(platform, 'skipped', `${LABEL[platform]} is not configured for sending`);
      else if (identity.unreachableAt) await locked.recordAttempt(platform, 'skipped', `identity unreachable: ${identity.unreachableReason ?? 'unknown reason'}`);
      else {
        try {
          const sent = await send(identity, card);
          if (sent.status === 'sent') await locked.recordAttempt(platform, 'sent');
          else await locked.recordAttempt(platform, 'skipped', `${sent.status}: ${sent.reason}`);
        } catch (err) {
          const error = errorText(err);
          failed.push({ platform, error });
          await locked.recordAttempt(platform, 'failed', error);
          svc.log.warn('digest delivery failed; it will be retried', { managerId: manager.id, periodKey: period.key, platform, err });
        }
      }
    }
    const done = run.deliveries;
    let status: RunStatus;
    if (failed.length) status = req.finalAttempt ? 'failed' : 'running';
    else if (done.length && done.every((d) => d.status === 'sent')) status = 'sent';
    else status = done.some((d) => d.status === 'sent') ? 'partial' : 'skipped';
    await locked.finish(status);
    return { status, periodKey: period.key, deliveries: done };
  });
  if (!result.locked) return { status: 'in_progress', periodKey: period.key };
  if (failed.length) throw new DigestDeliveryError(failed);
  if (result.value.status !== 'already_done')
    svc.log.info('digest run finished', { managerId: manager.id, periodKey: period.key, status: result.value.status });
  return result.value;
}
