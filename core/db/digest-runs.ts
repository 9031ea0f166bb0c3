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
  setContent(card: DigestCard): Promise<void>;
  /** Adds a pending delivery for the platform unless one exists. */
  addDelivery(platform: DigestPlatform): Promise<void>;
  /** One attempt at a platform and how it ended. */
  recordAttempt(platform: DigestPlatform, status: Exclude<DeliveryStatus, 'pending'>, error?: string): Promise<void>;
  finish(status: RunStatus): Promise<void>;
}

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['sent', 'partial', 'skipped'];

async function readRun(sql: SqlRunner, where: string, params: unknown[], lock = ''): Promise<DigestRunRecord | undefined> {
  const [run] = await sql.query<Omit<DigestRunRecord, 'deliveries'>>(
    `SELECT id::text AS id, "managerId"::text AS "managerId", "periodKey", "periodStart", "periodEnd", status::text AS status, content
     FROM digest_runs WHERE ${where} ${lock}`,
    params,
  );
  if (!run) return undefined;
  const deliveries = await sql.query<DeliveryRecord>(
    `SELECT platform::text AS platform, status::text AS status, attempts, error, "sentAt"
     FROM digest_deliveries WHERE "runId" = $1::uuid ORDER BY platform`,
    [run.id],
  );
  return { ...run, deliveries };
}

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
    return readRun(this.sql, `"managerId" = $1::uuid AND "periodKey" = $2::text`, [managerId, periodKey]);
  }

  /**
   * Runs `fn` holding the run's row lock (one transaction); `{ locked: false }` at once when another
   * worker holds it. What `fn` records commits when it returns, and rolls back when it throws.
   */
  async withRun<T>(managerId: string, periodKey: string, fn: (locked: LockedRun) => Promise<T>): Promise<{ locked: true; value: T } | { locked: false }> {
    return this.sql.transaction(async (tx) => {
      const run = await readRun(tx, `"managerId" = $1::uuid AND "periodKey" = $2::text`, [managerId, periodKey], 'FOR UPDATE SKIP LOCKED');
      if (!run) return { locked: false as const };
      const locked: LockedRun = {
        run,
        async setContent(card) {
          await tx.query(`UPDATE digest_runs SET content = $2::jsonb WHERE id = $1::uuid RETURNING id`, [run.id, JSON.stringify(card)]);
          run.content = card;
        },
        async addDelivery(platform) {
          await tx.query(
            `INSERT INTO digest_deliveries (id, "runId", platform, status, attempts, "updatedAt")
             VALUES (gen_random_uuid(), $1::uuid, $2::text::"Platform", 'pending', 0, now())
             ON CONFLICT ("runId", platform) DO NOTHING RETURNING id`,
            [run.id, platform],
          );
          if (!run.deliveries.some((d) => d.platform === platform))
            run.deliveries.push({ platform, status: 'pending', attempts: 0, error: null, sentAt: null });
        },
        async recordAttempt(platform, status, error) {
          const [row] = await tx.query<DeliveryRecord>(
            `UPDATE digest_deliveries SET status = $3::text::"DeliveryStatus", attempts = attempts + 1, error = $4::text,
               "sentAt" = CASE WHEN $3::text = 'sent' THEN now() ELSE "sentAt" END, "updatedAt" = now()
             WHERE "runId" = $1::uuid AND platform = $2::text::"Platform"
             RETURNING platform::text AS platform, status::text AS status, attempts, error, "sentAt"`,
            [run.id, platform, status, error?.slice(0, 1000) ?? null],
          );
          const i = run.deliveries.findIndex((d) => d.platform === platform);
          if (row && i >= 0) run.deliveries[i] = row;
        },
        async finish(status) {
          await tx.query(
            `UPDATE digest_runs SET status = $2::text::"DigestRunStatus", "finishedAt" = CASE WHEN $2::text = 'running' THEN NULL ELSE now() END
             WHERE id = $1::uuid RETURNING id`,
            [run.id, status],
          );
          run.status = status;
        },
      };
      return { locked: true as const, value: await fn(locked) };
    });
  }
}
