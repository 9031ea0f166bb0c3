// Digest runs and their deliveries. The unique (managerId, periodKey) row is what makes a digest go out
// once per period: every job for that period (retried, duplicated, run twice at once) meets the same row,
// and only the worker holding its row lock delivers; the others see a finished run or step aside.
import type { DigestCard } from '../cards.ts';
import type { SqlRunner } from './sql-runner.ts';

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

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['sent', 'partial', 'skipped'];

async function readRun(sql: SqlRunner, managerId: string, periodKey: string, lock = ''): Promise<DigestRunRecord | undefined> {
  const [run] = await sql.query<DigestRunRecord>(
    `SELECT r.id::text AS id, r."managerId"::text AS "managerId", r."periodKey", r."periodStart", r."periodEnd", r.status::text AS status, r.content,
       COALESCE((SELECT json_agg(json_build_object('platform', d.platform, 'status', d.status, 'attempts', d.attempts, 'error', d.error, 'sentAt', d."sentAt") ORDER BY d.platform)
                 FROM digest_deliveries d WHERE d."runId" = r.id), '[]') AS deliveries
     FROM digest_runs r WHERE r."managerId" = $1::uuid AND r."periodKey" = $2::text ${lock}`,
    [managerId, periodKey],
  );
  if (!run) return undefined;
  run.deliveries = run.deliveries.map((d) => ({ ...d, sentAt: d.sentAt ? new Date(d.sentAt) : null }));
  return run;
}

// The run's outcome and its deliveries in one statement, when the locked work is done.
const FINISH = `
WITH run AS (
  UPDATE digest_runs SET status = $2::text::"DigestRunStatus", content = COALESCE($3::jsonb, content),
    "finishedAt" = CASE WHEN $2::text = 'running' THEN NULL ELSE now() END
  WHERE id = $1::uuid RETURNING id
), deliveries AS (
  INSERT INTO digest_deliveries (id, "runId", platform, status, attempts, error, "sentAt", "updatedAt")
  SELECT gen_random_uuid(), $1::uuid, d.platform::"Platform", d.status::"DeliveryStatus", d.attempts, d.error, d."sentAt", now()
  FROM json_to_recordset($4::json) AS d(platform text, status text, attempts int, error text, "sentAt" timestamptz)
  ON CONFLICT ("runId", platform) DO UPDATE
    SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, error = EXCLUDED.error, "sentAt" = EXCLUDED."sentAt", "updatedAt" = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM run)::int AS runs, (SELECT count(*) FROM deliveries)::int AS deliveries`;

export class DigestRunRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** Creates the run for the manager's period unless it exists; true when this call created it. */
  async ensureRun(managerId: string, period: { key: string; start: Date; end: Date }): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO digest_runs (id, "managerId", "periodKey", "periodStart", "periodEnd", status)
       VALUES (gen_random_uuid(), $1::uuid, $2::text, $3::timestamptz, $4::timestamptz, 'running')
       ON CONFLICT ("managerId", "periodKey") DO NOTHING RETURNING id`,
      [managerId, period.key, period.start, period.end],
    );
    return rows.length === 1;
  }

  find(managerId: string, periodKey: string): Promise<DigestRunRecord | undefined> {
    return readRun(this.sql, managerId, periodKey);
  }

  /**
   * Runs `fn` holding the run's row lock (one transaction); `{ locked: false }` at once when another
   * worker holds it. What `fn` records is written by `finish` and commits when `fn` returns; nothing is
   * written when it throws.
   */
  async withRun<T>(managerId: string, periodKey: string, fn: (locked: LockedRun) => Promise<T>): Promise<{ locked: true; value: T } | { locked: false }> {
    return this.sql.transaction(async (tx) => {
      const run = await readRun(tx, managerId, periodKey, 'FOR UPDATE SKIP LOCKED');
      if (!run) return { locked: false as const };
      let content: DigestCard | undefined;
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
          const rows = run.deliveries.filter((d) => changed.has(d.platform));
          await tx.query(FINISH, [run.id, status, content ? JSON.stringify(content) : null, JSON.stringify(rows)]);
          run.status = status;
        },
      };
      return { locked: true as const, value: await fn(locked) };
    });
  }
}
