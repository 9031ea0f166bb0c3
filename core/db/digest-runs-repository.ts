// Digest runs and their deliveries. The unique (managerId, periodKey) row is what makes a digest go out
// once per period: every job for that period (retried, duplicated, run twice at once) meets the same row.
// Each platform's delivery is claimed before sending (a committed "pending" attempt): a second worker
// finds it in flight and steps aside; a claim older than the lease (a worker that died mid-send) can be
// taken over. No transaction stays open while a platform is called, which also keeps the embedded
// database (one backend serving every connection) from waiting on itself. A delivery whose last attempt
// may have reached the platform (a crash mid-send, a timeout, a 5xx) is `uncertain`: whoever claims it
// next is told to look for the message before posting again.
import type pg from 'pg';
import type { DigestCard } from '../cards.ts';
import { ValidationError } from '../errors.ts';
import { DELIVERY_LEASE_SECONDS, type DeliveryOutcome, type DeliveryStatus, type DigestPlatform, type RunStatus } from '../digest/run-states.ts';
import { digestDbOf, digestQuery, type DigestDb } from './digest-statements.ts';
import type { PrismaClient } from './generated/client.ts';
import { UUID } from '../ids.ts';
import { PLATFORMS as PLATFORMS_INFO, PROACTIVE_PLATFORMS, type ProactivePlatform } from '../platforms/registry.ts';

export interface DeliveryRecord {
  platform: DigestPlatform;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  sentAt: Date | null;
  ref?: string | null;
}

export interface DigestRunRecord {
  id: string;
  managerId: string;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  status: RunStatus;
  content: DigestCard | null;
  reason?: string | null;
  retryAt?: Date | null;
  createdAt?: Date;
  deliveries: DeliveryRecord[];
}

export interface RunPeriod {
  key: string;
  start: Date;
  end: Date;
}

/** A platform this caller now owns, and whether an earlier attempt may already have delivered it. */
export interface ClaimedDelivery {
  platform: DigestPlatform;
  attempts: number;
  recheck: boolean;
}

// Creating a run and claiming a delivery commit without waiting for the WAL flush: a database crash could
// lose the last few, and a lost claim can only matter in the same crash window as a message sent but not
// yet recorded. Recording a delivery's outcome (settle) waits for the flush as usual.
const ASYNC_COMMIT = `set_config('synchronous_commit', 'off', true) AS async_commit`;

const PLATFORMS: readonly string[] = PROACTIVE_PLATFORMS;
/** Platforms whose earlier posts cannot be looked up (core/platforms/registry.ts `searchable`). */
const UNSEARCHABLE = PROACTIVE_PLATFORMS.filter((p) => !PLATFORMS_INFO[p].searchable);

const DELIVERIES = `COALESCE((SELECT json_agg(json_build_object('platform', d.platform, 'status', d.status, 'attempts', d.attempts, 'error', d.error, 'sentAt', d."sentAt", 'ref', d.ref) ORDER BY d.platform)
  FROM digest_deliveries d WHERE d."runId" = r.id), '[]')`;
const RUN_COLUMNS = `r.id::text AS id, r."managerId"::text AS "managerId", r."periodKey", r."periodStart", r."periodEnd", r.status::text AS status, r.content, r.reason, r."retryAt", r."createdAt"`;

function toRun(row: DigestRunRecord | undefined): DigestRunRecord | undefined {
  if (!row) return undefined;
  return { ...row, deliveries: (row.deliveries ?? []).map((d) => ({ ...d, sentAt: d.sentAt ? new Date(d.sentAt) : null })) };
}

export class DigestRunRepository {
  private readonly db: DigestDb;
  private readonly leaseSeconds: number;

  /** `leaseSeconds`: DIGEST_DELIVERY_LEASE_SECONDS. */
  constructor(prisma: PrismaClient, opts: { leaseSeconds?: number } = {}) {
    this.db = digestDbOf(prisma);
    this.leaseSeconds = opts.leaseSeconds ?? DELIVERY_LEASE_SECONDS;
  }

  /**
   * Where the manager's digests stopped before `end`: the latest end of a run that is not cancelled
   * (sent, failed, missed or still running), so the next period starts there.
   */
  async coveredUntil(managerId: string, end: Date): Promise<Date | undefined> {
    if (!UUID.test(managerId)) return undefined;
    const { rows } = await digestQuery<{ until: Date | null }>(
      this.db,
      'digest-covered-until',
      `SELECT max("periodEnd") AS until FROM digest_runs WHERE "managerId" = $1::uuid AND "periodEnd" < $2::timestamptz AND status <> 'cancelled'`,
      [managerId, end],
    );
    return rows[0]?.until ? new Date(rows[0].until) : undefined;
  }

  /** Missed periods since the manager's last delivered digest, ending no later than `start`: the next digest names them. */
  async missedBefore(managerId: string, start: Date, end: Date): Promise<{ start: Date; end: Date; reason: string | null }[]> {
    if (!UUID.test(managerId)) return [];
    const { rows } = await this.db.pool.query<{ start: Date; end: Date; reason: string | null }>(
      `SELECT m."periodStart" AS start, m."periodEnd" AS end, m.reason FROM digest_runs m
       WHERE m."managerId" = $1::uuid AND m.status = 'missed' AND m."periodEnd" <= $2::timestamptz
         AND m."periodEnd" > $2::timestamptz - interval '30 days'
         AND NOT EXISTS (SELECT 1 FROM digest_runs r WHERE r."managerId" = m."managerId" AND r.status IN ('sent', 'partial')
                         AND r."periodEnd" > m."periodEnd" AND r."periodEnd" < $3::timestamptz)
       ORDER BY m."periodEnd"`,
      [managerId, start, end],
    );
    return rows.map((r) => ({ start: new Date(r.start), end: new Date(r.end), reason: r.reason }));
  }

  /** Each manager's run for the given period key, if any: what reconciliation compares the due periods with. */
  async runsFor(pairs: { managerId: string; key: string }[]): Promise<Map<string, Pick<DigestRunRecord, 'id' | 'status' | 'retryAt'>>> {
    const valid = pairs.filter((p) => UUID.test(p.managerId));
    const out = new Map<string, Pick<DigestRunRecord, 'id' | 'status' | 'retryAt'>>();
    if (!valid.length) return out;
    const { rows } = await this.db.pool.query<{ id: string; managerId: string; status: RunStatus; retryAt: Date | null }>(
      `SELECT r.id::text AS id, r."managerId"::text AS "managerId", r.status::text AS status, r."retryAt"
       FROM unnest($1::uuid[], $2::text[]) AS p(manager, key) JOIN digest_runs r ON r."managerId" = p.manager AND r."periodKey" = p.key`,
      [valid.map((p) => p.managerId), valid.map((p) => p.key)],
    );
    for (const r of rows) out.set(r.managerId, { id: r.id, status: r.status, retryAt: r.retryAt ? new Date(r.retryAt) : null });
    return out;
  }

  /**
   * Runs still `running` whose next try is overdue by more than `graceSeconds` (or that never got one):
   * their job was lost with Redis, or never existed. Reconciliation re-enqueues or cancels them.
   */
  async stranded(graceSeconds: number): Promise<{ id: string; managerId: string; periodKey: string; periodEnd: Date }[]> {
    const { rows } = await this.db.pool.query<{ id: string; managerId: string; periodKey: string; periodEnd: Date }>(
      `SELECT id::text AS id, "managerId"::text AS "managerId", "periodKey", "periodEnd" FROM digest_runs
       WHERE status = 'running' AND COALESCE("retryAt", "createdAt") < now() - make_interval(secs => $1::int)
       ORDER BY "periodEnd" LIMIT 1000`,
      [graceSeconds],
    );
    return rows.map((r) => ({ ...r, periodEnd: new Date(r.periodEnd) }));
  }

  /** Records a period that was due too long ago to send; nothing happens when it already has a run. */
  async markMissed(managerId: string, period: RunPeriod, reason: string): Promise<boolean> {
    if (!UUID.test(managerId)) throw new ValidationError(`"${managerId}" is not a manager id.`);
    const { rows } = await this.db.pool.query(
      `INSERT INTO digest_runs (id, "managerId", "periodKey", "periodStart", "periodEnd", status, reason, "finishedAt")
       VALUES (gen_random_uuid(), $1::uuid, $2::text, $3::timestamptz, $4::timestamptz, 'missed', $5::text, now())
       ON CONFLICT ("managerId", "periodKey") DO NOTHING RETURNING id`,
      [managerId, period.key, period.start, period.end, reason.slice(0, 500)],
    );
    return rows.length === 1;
  }

  /**
   * The manager paused: runs still pending (waiting for a retry) end as cancelled, and so do their
   * unfinished deliveries. A send already in flight still records what it did (see settle).
   */
  async cancelPending(managerIds: string | string[], reason: string): Promise<number> {
    const ids = (Array.isArray(managerIds) ? managerIds : [managerIds]).filter((id) => UUID.test(id));
    if (!ids.length) return 0;
    const { rows } = await this.db.pool.query(
      `WITH runs AS (
         UPDATE digest_runs SET status = 'cancelled', reason = $2::text, "finishedAt" = now()
         WHERE "managerId" = ANY($1::uuid[]) AND status = 'running' RETURNING id
       ), deliveries AS (
         UPDATE digest_deliveries SET status = 'cancelled', "updatedAt" = now()
         WHERE "runId" IN (SELECT id FROM runs) AND status IN ('pending', 'failed') RETURNING id
       )
       SELECT id FROM runs`,
      [ids, reason.slice(0, 500)],
    );
    return rows.length;
  }

  /**
   * A manual send takes up a failed, missed or cancelled run again, and deliveries skipped because an
   * earlier attempt could not be confirmed (the operator decides to send; no look-up first).
   */
  async reopen(runId: string): Promise<void> {
    if (!UUID.test(runId)) throw new ValidationError(`"${runId}" is not a digest run id.`);
    await this.db.pool.query(
      `WITH deliveries AS (
         UPDATE digest_deliveries SET status = 'failed', uncertain = false
         WHERE "runId" = $1::uuid AND (status = 'cancelled' OR (status = 'skipped' AND error LIKE 'unconfirmed: %')) RETURNING id
       ), blind AS (
         -- A platform that cannot be looked up (Teams) is sent as the operator asked; one that can (Slack's
         -- history) still looks first.
         UPDATE digest_deliveries SET uncertain = false
         WHERE "runId" = $1::uuid AND platform::text = ANY($2::text[]) AND status = 'failed' RETURNING id
       )
       UPDATE digest_runs SET status = 'running', reason = NULL, "finishedAt" = NULL
       WHERE id = $1::uuid AND (status IN ('failed', 'missed', 'cancelled') OR (SELECT count(*) FROM deliveries) > 0)`,
      [runId, UNSEARCHABLE],
    );
  }

  /** A scheduled run gave up (its retry budget is spent): the run is failed, with the reason in words. */
  async giveUp(runId: string, reason: string): Promise<void> {
    if (!UUID.test(runId)) throw new ValidationError(`"${runId}" is not a digest run id.`);
    await this.db.pool.query(
      `UPDATE digest_runs SET status = 'failed', reason = $2::text, "finishedAt" = COALESCE("finishedAt", now()) WHERE id = $1::uuid AND status IN ('running', 'failed')`,
      [runId, reason.slice(0, 500)],
    );
  }

  async find(managerId: string, periodKey: string): Promise<DigestRunRecord | undefined> {
    if (!UUID.test(managerId)) return undefined;
    const { rows } = await this.db.pool.query<DigestRunRecord>(
      `SELECT ${RUN_COLUMNS}, ${DELIVERIES} AS deliveries FROM digest_runs r WHERE r."managerId" = $1::uuid AND r."periodKey" = $2::text`,
      [managerId, periodKey],
    );
    return toRun(rows[0]);
  }

  /** The manager's run for the period, created when missing. */
  async ensure(managerId: string, period: RunPeriod): Promise<DigestRunRecord> {
    if (!UUID.test(managerId)) throw new ValidationError(`"${managerId}" is not a manager id.`);
    const { rows } = await digestQuery<DigestRunRecord>(
      this.db,
      'digest-run-ensure',
      `WITH created AS (
               INSERT INTO digest_runs (id, "managerId", "periodKey", "periodStart", "periodEnd", status)
               VALUES (gen_random_uuid(), $1::uuid, $2::text, $3::timestamptz, $4::timestamptz, 'running')
               ON CONFLICT ("managerId", "periodKey") DO NOTHING
               RETURNING id::text AS id, "managerId"::text AS "managerId", "periodKey", "periodStart", "periodEnd", status::text AS status, content, reason, "retryAt", "createdAt"
             )
             SELECT *, '[]'::json AS deliveries, ${ASYNC_COMMIT} FROM created
             UNION ALL
             SELECT ${RUN_COLUMNS}, ${DELIVERIES}, ${ASYNC_COMMIT} FROM digest_runs r
             WHERE r."managerId" = $1::uuid AND r."periodKey" = $2::text AND NOT EXISTS (SELECT 1 FROM created)`,
      [managerId, period.key, period.start, period.end],
    );
    // A concurrent first insert makes ours do nothing, and this statement's snapshot predates it: read again.
    return toRun(rows[0]) ?? (await this.find(managerId, period.key))!;
  }

  /**
   * Stores the card unless the run has one (then returns that one, so every worker sends the same card),
   * and claims the delivery of each platform that is new, failed, or in flight longer than the lease.
   * Returns the card and the platforms this caller now owns.
   */
  async claim(runId: string, card: DigestCard | null, platforms: DigestPlatform[]): Promise<{ content: DigestCard | null; claimed: ClaimedDelivery[] }> {
    if (platforms.some((p) => !PLATFORMS.includes(p))) throw new ValidationError(`Unknown platform in ${platforms.join(', ')}.`);
    // A pending claim taken over after its lease, or a failure marked uncertain, may have been delivered:
    // `recheck` (computed from the row before this update: an expired pending claim is one) says so.
    const { rows } = await digestQuery<{ content: DigestCard | null; claimed: ClaimedDelivery[] | null }>(
      this.db,
      'digest-run-claim',
      `WITH card AS (
               UPDATE digest_runs SET content = COALESCE(content, $2::jsonb) WHERE id = $1::uuid RETURNING content
             ), claimed AS (
               INSERT INTO digest_deliveries AS d (id, "runId", platform, status, attempts, "updatedAt")
               SELECT gen_random_uuid(), $1::uuid, p::"Platform", 'pending', 1, now() FROM unnest($3::text[]) AS p
               ON CONFLICT ("runId", platform) DO UPDATE SET status = 'pending', attempts = d.attempts + 1, error = NULL, "updatedAt" = now(),
                 uncertain = d.uncertain OR d.status = 'pending'
               WHERE d.status = 'failed' OR (d.status = 'pending' AND (d.attempts = 0 OR d."updatedAt" < now() - make_interval(secs => $4::int)))
               RETURNING d.platform::text AS platform, d.attempts, d.uncertain
             )
             SELECT (SELECT content FROM card) AS content,
               (SELECT json_agg(json_build_object('platform', platform, 'attempts', attempts, 'recheck', uncertain) ORDER BY platform) FROM claimed) AS claimed,
               ${ASYNC_COMMIT}`,
      [runId, card ? JSON.stringify(card) : null, platforms, this.leaseSeconds],
    );
    return { content: rows[0]?.content ?? null, claimed: rows[0]?.claimed ?? [] };
  }

  /**
   * Records how the claimed deliveries ended and settles the run's status from all its deliveries, in one
   * short transaction. The run's row lock makes two workers finishing at once settle one after the other,
   * so the second sees the first's deliveries. `finalAttempt`: a failure will not be retried.
   */
  async settle(runId: string, outcomes: DeliveryOutcome[], finalAttempt: boolean, retryAt?: Date): Promise<DigestRunRecord> {
    if (!UUID.test(runId)) throw new ValidationError(`"${runId}" is not a digest run id.`);
    if (outcomes.some((o) => !PLATFORMS.includes(o.platform))) throw new ValidationError('Unknown platform in the delivery outcomes.');
    const client = await this.db.pool.connect();
    try {
      const lit = (v: string) => client.escapeLiteral(v);
      const id = `${lit(runId)}::uuid`;
      const rows = JSON.stringify(
        outcomes.map((o) => ({
          platform: o.platform,
          status: o.status,
          error: o.error?.slice(0, 1000) ?? null,
          uncertain: o.uncertain ?? false,
          ref: o.ref ?? null,
        })),
      );
      // One round trip; the values are inline because a multi-statement query takes no parameters.
      const results = (await client.query(
        `BEGIN;
         UPDATE digest_deliveries d SET status = o.status::"DeliveryStatus", error = o.error, "updatedAt" = now(),
           uncertain = CASE WHEN o.status = 'failed' THEN d.uncertain OR o.uncertain ELSE false END,
           ref = COALESCE(o.ref, d.ref),
           "sentAt" = CASE WHEN o.status = 'sent' THEN now() ELSE d."sentAt" END
         FROM json_to_recordset(${lit(rows)}::json) AS o(platform text, status text, error text, uncertain boolean, ref text)
         -- A delivery the pause cancelled stays cancelled unless the attempt in flight sent it (or may have).
         WHERE d."runId" = ${id} AND d.platform::text = o.platform AND (d.status <> 'cancelled' OR o.status = 'sent' OR o.uncertain);
         SELECT id FROM digest_runs WHERE id = ${id} FOR UPDATE;
         UPDATE digest_runs r SET
           status = s.status::"DigestRunStatus",
           "retryAt" = CASE WHEN s.status = 'running' THEN ${retryAt ? `${lit(retryAt.toISOString())}::timestamptz` : 'NULL::timestamptz'} ELSE NULL::timestamptz END,
           "finishedAt" = CASE WHEN s.status = 'running' THEN NULL ELSE now() END
         FROM (
           SELECT CASE
             WHEN count(*) = 0 THEN 'skipped'
             WHEN count(*) FILTER (WHERE status = 'pending') > 0 THEN 'running'
             WHEN count(*) FILTER (WHERE status = 'failed') > 0 THEN ${finalAttempt ? `'failed'` : `'running'`}
             WHEN count(*) FILTER (WHERE status = 'sent') = count(*) THEN 'sent'
             WHEN count(*) FILTER (WHERE status = 'sent') > 0 THEN 'partial'
             ELSE 'skipped' END AS status
           FROM digest_deliveries WHERE "runId" = ${id}
         ) s
         -- A cancelled run stays cancelled unless a send already in flight when the manager paused got through.
         WHERE r.id = ${id} AND (r.status = 'running' OR (r.status = 'cancelled' AND s.status IN ('sent', 'partial')));
         SELECT ${RUN_COLUMNS}, ${DELIVERIES} AS deliveries FROM digest_runs r WHERE r.id = ${id};
         COMMIT`,
      )) as unknown as pg.QueryResult<DigestRunRecord>[];
      return toRun(results[4]!.rows[0])!;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
