// Digest runs and their deliveries. The unique (managerId, periodKey) row is what makes a digest go out
// once per period: every job for that period (retried, duplicated, run twice at once) meets the same row,
// and only the worker holding its row lock delivers; the others see a finished run or step aside.
// A run costs two round trips: "BEGIN; create-if-missing; lock" and, after delivering, "write; COMMIT".
import type pg from 'pg';
import type { DigestCard } from '../cards.ts';
import { ValidationError } from '../errors.ts';

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

/** A run whose row lock this worker holds, for the length of one transaction. */
export interface LockedRun {
  run: DigestRunRecord;
  /** The composed card, kept on the run so a retry re-sends the same figures (written by `finish`). */
  setContent(card: DigestCard): Promise<void>;
  /** Adds a pending delivery for the platform unless one exists. */
  addDelivery(platform: DigestPlatform): Promise<void>;
  /** One attempt at a platform and how it ended (written by `finish`). */
  recordAttempt(platform: DigestPlatform, status: Exclude<DeliveryStatus, 'pending'>, error?: string): Promise<void>;
  /** Writes the status, the content and every delivery changed, in one statement. */
  finish(status: RunStatus): Promise<void>;
}

export interface RunPeriod {
  key: string;
  start: Date;
  end: Date;
}

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['sent', 'partial', 'skipped'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIOD_KEY = /^(daily|weekly):\d{4}-\d{2}-\d{2}$/;
const STATUSES: readonly RunStatus[] = ['running', 'sent', 'partial', 'failed', 'skipped'];

const RUN_COLUMNS = `r.id::text AS id, r."managerId"::text AS "managerId", r."periodKey", r."periodStart", r."periodEnd", r.status::text AS status, r.content,
  COALESCE((SELECT json_agg(json_build_object('platform', d.platform, 'status', d.status, 'attempts', d.attempts, 'error', d.error, 'sentAt', d."sentAt") ORDER BY d.platform)
            FROM digest_deliveries d WHERE d."runId" = r.id), '[]') AS deliveries`;

function toRun(row: DigestRunRecord | undefined): DigestRunRecord | undefined {
  if (!row) return undefined;
  return { ...row, deliveries: row.deliveries.map((d) => ({ ...d, sentAt: d.sentAt ? new Date(d.sentAt) : null })) };
}

export class DigestRunRepository {
  constructor(private readonly db: { pool: pg.Pool }) {}

  async find(managerId: string, periodKey: string): Promise<DigestRunRecord | undefined> {
    if (!UUID.test(managerId)) return undefined;
    const { rows } = await this.db.pool.query<DigestRunRecord>(`SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r."managerId" = $1::uuid AND r."periodKey" = $2::text`, [managerId, periodKey]);
    return toRun(rows[0]);
  }

  /**
   * Creates the manager's run for the period unless it exists, then runs `fn` holding its row lock (one
   * transaction); `{ locked: false }` at once when another worker holds it. What `fn` records is written
   * by `finish`, with the commit; nothing is written when `fn` throws.
   */
  async withRun<T>(managerId: string, period: RunPeriod, fn: (locked: LockedRun) => Promise<T>): Promise<{ locked: true; value: T } | { locked: false }> {
    // Checked so that the values can travel inline with BEGIN in one simple query.
    if (!UUID.test(managerId)) throw new ValidationError(`"${managerId}" is not a manager id.`);
    if (!PERIOD_KEY.test(period.key)) throw new ValidationError(`"${period.key}" is not a digest period key.`);
    const client = await this.db.pool.connect();
    let open = false;
    try {
      const lit = (v: string) => client.escapeLiteral(v);
      // A concurrent first insert of the same row waits for this transaction, then finds it done.
      const results = (await client.query(
        `BEGIN;
         INSERT INTO digest_runs (id, "managerId", "periodKey", "periodStart", "periodEnd", status)
         VALUES (gen_random_uuid(), ${lit(managerId)}::uuid, ${lit(period.key)}, ${lit(period.start.toISOString())}::timestamptz, ${lit(period.end.toISOString())}::timestamptz, 'running')
         ON CONFLICT ("managerId", "periodKey") DO NOTHING;
         SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r."managerId" = ${lit(managerId)}::uuid AND r."periodKey" = ${lit(period.key)} FOR UPDATE SKIP LOCKED`,
      )) as unknown as pg.QueryResult<DigestRunRecord>[];
      open = true;
      const run = toRun(results[2]!.rows[0]);
      if (!run) {
        await client.query('ROLLBACK');
        open = false;
        return { locked: false };
      }
      let content: DigestCard | undefined;
      let finished = false;
      const changed = new Set<DigestPlatform>();
      const delivery = (platform: DigestPlatform) => run.deliveries.find((d) => d.platform === platform);
      const locked: LockedRun = {
        run,
        async setContent(card) {
          run.content = content = card;
        },
        async addDelivery(platform) {
          if (delivery(platform)) return;
          run.deliveries.push({ platform, status: 'pending', attempts: 0, error: null, sentAt: null });
          changed.add(platform);
        },
        async recordAttempt(platform, status, error) {
          const d = delivery(platform);
          if (!d) throw new Error(`no ${platform} delivery on digest run ${run.id}`);
          Object.assign(d, { status, attempts: d.attempts + 1, error: error?.slice(0, 1000) ?? null, sentAt: status === 'sent' ? new Date() : d.sentAt });
          changed.add(platform);
        },
        async finish(status) {
          if (!STATUSES.includes(status)) throw new ValidationError(`"${status}" is not a digest run status.`);
          const rows = run.deliveries.filter((d) => changed.has(d.platform));
          await client.query(
            `WITH run AS (
               UPDATE digest_runs SET status = ${lit(status)}::"DigestRunStatus", content = COALESCE(${content ? `${lit(JSON.stringify(content))}::jsonb` : 'NULL'}, content),
                 "finishedAt" = ${status === 'running' ? 'NULL' : 'now()'}
               WHERE id = ${lit(run.id)}::uuid RETURNING id
             ), deliveries AS (
               INSERT INTO digest_deliveries (id, "runId", platform, status, attempts, error, "sentAt", "updatedAt")
               SELECT gen_random_uuid(), ${lit(run.id)}::uuid, d.platform::"Platform", d.status::"DeliveryStatus", d.attempts, d.error, d."sentAt", now()
               FROM json_to_recordset(${lit(JSON.stringify(rows))}::json) AS d(platform text, status text, attempts int, error text, "sentAt" timestamptz)
               ON CONFLICT ("runId", platform) DO UPDATE
                 SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, error = EXCLUDED.error, "sentAt" = EXCLUDED."sentAt", "updatedAt" = now()
               RETURNING 1
             )
             SELECT (SELECT count(*) FROM run) AS runs, (SELECT count(*) FROM deliveries) AS deliveries;
             COMMIT`,
          );
          open = false;
          finished = true;
          run.status = status;
        },
      };
      const value = await fn(locked);
      if (!finished) {
        await client.query('COMMIT');
        open = false;
      }
      return { locked: true, value };
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  }
}
