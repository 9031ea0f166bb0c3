// Digest runs and their deliveries. The unique (managerId, periodKey) row is what makes a digest go out
// once per period: every job for that period (retried, duplicated, run twice at once) meets the same row.
// Each platform's delivery is claimed before sending (a committed "pending" attempt): a second worker
// finds it in flight and steps aside; a claim older than the lease (a worker that died mid-send) can be
// taken over. No transaction stays open while a platform is called, which also keeps the embedded
// database (one backend serving every connection) from waiting on itself.
import type pg from 'pg';
import type { DigestCard } from '../cards.ts';
import { ValidationError } from '../errors.ts';
import { digestQuery, type DigestDb } from './digest-statements.ts';

export type RunStatus = 'running' | 'sent' | 'partial' | 'failed' | 'skipped';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';
export type DigestPlatform = 'slack' | 'teams';

export interface DeliveryRecord {
  platform: DigestPlatform;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  sentAt: Date | null;
}

export interface DigestRunRecord {
  id: string;
  managerId: string;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  status: RunStatus;
  content: DigestCard | null;
  deliveries: DeliveryRecord[];
}

export interface RunPeriod {
  key: string;
  start: Date;
  end: Date;
}

export interface DeliveryOutcome {
  platform: DigestPlatform;
  status: 'sent' | 'failed' | 'skipped';
  error?: string;
}

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['sent', 'partial', 'skipped'];
/** A claim older than this is taken to belong to a worker that died mid-send. */
export const DELIVERY_LEASE_SECONDS = 120;

// Creating a run and claiming a delivery commit without waiting for the WAL flush: a database crash could
// lose the last few, and a lost claim can only matter in the same crash window as a message sent but not
// yet recorded. Recording a delivery's outcome (settle) waits for the flush as usual.
const ASYNC_COMMIT = `set_config('synchronous_commit', 'off', true) AS async_commit`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLATFORMS: readonly string[] = ['slack', 'teams'];

const DELIVERIES = `COALESCE((SELECT json_agg(json_build_object('platform', d.platform, 'status', d.status, 'attempts', d.attempts, 'error', d.error, 'sentAt', d."sentAt") ORDER BY d.platform)
  FROM digest_deliveries d WHERE d."runId" = r.id), '[]')`;
const RUN_COLUMNS = `r.id::text AS id, r."managerId"::text AS "managerId", r."periodKey", r."periodStart", r."periodEnd", r.status::text AS status, r.content`;

function toRun(row: DigestRunRecord | undefined): DigestRunRecord | undefined {
  if (!row) return undefined;
  return { ...row, deliveries: (row.deliveries ?? []).map((d) => ({ ...d, sentAt: d.sentAt ? new Date(d.sentAt) : null })) };
}

export class DigestRunRepository {
  constructor(private readonly db: DigestDb) {}

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
    const { rows } = await digestQuery<DigestRunRecord>(this.db, 'digest-run-ensure', `WITH created AS (
               INSERT INTO digest_runs (id, "managerId", "periodKey", "periodStart", "periodEnd", status)
               VALUES (gen_random_uuid(), $1::uuid, $2::text, $3::timestamptz, $4::timestamptz, 'running')
               ON CONFLICT ("managerId", "periodKey") DO NOTHING
               RETURNING id::text AS id, "managerId"::text AS "managerId", "periodKey", "periodStart", "periodEnd", status::text AS status, content
             )
             SELECT *, '[]'::json AS deliveries, ${ASYNC_COMMIT} FROM created
             UNION ALL
             SELECT ${RUN_COLUMNS}, ${DELIVERIES}, ${ASYNC_COMMIT} FROM digest_runs r
             WHERE r."managerId" = $1::uuid AND r."periodKey" = $2::text AND NOT EXISTS (SELECT 1 FROM created)`, [managerId, period.key, period.start, period.end]);
    // A concurrent first insert makes ours do nothing, and this statement's snapshot predates it: read again.
    return toRun(rows[0]) ?? (await this.find(managerId, period.key))!;
  }

  /**
   * Stores the card unless the run has one (then returns that one, so every worker sends the same card),
   * and claims the delivery of each platform that is new, failed, or in flight longer than the lease.
   * Returns the card and the platforms this caller now owns.
   */
  async claim(runId: string, card: DigestCard | null, platforms: DigestPlatform[]): Promise<{ content: DigestCard | null; claimed: DigestPlatform[] }> {
    if (platforms.some((p) => !PLATFORMS.includes(p))) throw new ValidationError(`Unknown platform in ${platforms.join(', ')}.`);
    const { rows } = await digestQuery<{ content: DigestCard | null; claimed: DigestPlatform[] | null }>(this.db, 'digest-run-claim', `WITH card AS (
               UPDATE digest_runs SET content = COALESCE(content, $2::jsonb) WHERE id = $1::uuid RETURNING content
             ), claimed AS (
               INSERT INTO digest_deliveries AS d (id, "runId", platform, status, attempts, "updatedAt")
               SELECT gen_random_uuid(), $1::uuid, p::"Platform", 'pending', 1, now() FROM unnest($3::text[]) AS p
               ON CONFLICT ("runId", platform) DO UPDATE SET status = 'pending', attempts = d.attempts + 1, error = NULL, "updatedAt" = now()
               WHERE d.status = 'failed' OR (d.status = 'pending' AND (d.attempts = 0 OR d."updatedAt" < now() - make_interval(secs => $4::int)))
               RETURNING d.platform::text AS platform
             )
             SELECT (SELECT content FROM card) AS content, (SELECT array_agg(platform ORDER BY platform) FROM claimed) AS claimed, ${ASYNC_COMMIT}`, [runId, card ? JSON.stringify(card) : null, platforms, DELIVERY_LEASE_SECONDS]);
    return { content: rows[0]?.content ?? null, claimed: rows[0]?.claimed ?? [] };
  }

  /**
   * Records how the claimed deliveries ended and settles the run's status from all its deliveries, in one
   * short transaction. The run's row lock makes two workers finishing at once settle one after the other,
   * so the second sees the first's deliveries. `finalAttempt`: a failure will not be retried.
   */
  async settle(runId: string, outcomes: DeliveryOutcome[], finalAttempt: boolean): Promise<DigestRunRecord> {
    if (!UUID.test(runId)) throw new ValidationError(`"${runId}" is not a digest run id.`);
    if (outcomes.some((o) => !PLATFORMS.includes(o.platform))) throw new ValidationError('Unknown platform in the delivery outcomes.');
    const client = await this.db.pool.connect();
    try {
      const lit = (v: string) => client.escapeLiteral(v);
      const id = `${lit(runId)}::uuid`;
      const rows = JSON.stringify(outcomes.map((o) => ({ platform: o.platform, status: o.status, error: o.error?.slice(0, 1000) ?? null })));
      // One round trip; the values are inline because a multi-statement query takes no parameters.
      const results = (await client.query(
        `BEGIN;
         UPDATE digest_deliveries d SET status = o.status::"DeliveryStatus", error = o.error, "updatedAt" = now(),
           "sentAt" = CASE WHEN o.status = 'sent' THEN now() ELSE d."sentAt" END
         FROM json_to_recordset(${lit(rows)}::json) AS o(platform text, status text, error text)
         WHERE d."runId" = ${id} AND d.platform::text = o.platform;
         SELECT id FROM digest_runs WHERE id = ${id} FOR UPDATE;
         UPDATE digest_runs r SET
           status = s.status::"DigestRunStatus",
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
         WHERE r.id = ${id} AND r.status NOT IN ('sent', 'partial', 'skipped');
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
