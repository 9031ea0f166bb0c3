// `salesos digest --status`: per period, how the runs went — runs by status, deliveries, attempts,
// failures — and each run that did not simply go out, with its reason.
import { digestDbOf, type DigestDb } from './digest-statements.ts';
import type { PrismaClient } from './generated/client.ts';
import { UUID } from '../ids.ts';

export interface PeriodStatus {
  periodKey: string;
  runs: number;
  byStatus: Record<string, number>;
  deliveries: number;
  delivered: number;
  attempts: number;
  failedDeliveries: number;
}

export interface RunProblem {
  periodKey: string;
  manager: string;
  status: string;
  reason: string | null;
  deliveries: { platform: string; status: string; attempts: number; error: string | null }[];
}

export class DigestRunStatusRepository {
  private readonly db: DigestDb;

  constructor(prisma: PrismaClient) {
    this.db = digestDbOf(prisma);
  }

  /** The latest `periods` period keys (all managers, or one), newest first, and the runs among them that need a look. */
  async report(opts: { periods: number; managerId?: string }): Promise<{ periods: PeriodStatus[]; problems: RunProblem[] }> {
    const manager = opts.managerId && UUID.test(opts.managerId) ? opts.managerId : null;
    const { rows: periods } = await this.db.pool.query<PeriodStatus>(
      `WITH keys AS (
         SELECT DISTINCT "periodKey" FROM digest_runs WHERE $1::uuid IS NULL OR "managerId" = $1::uuid ORDER BY "periodKey" DESC LIMIT $2::int
       ), runs AS (
         SELECT r.* FROM digest_runs r JOIN keys k ON k."periodKey" = r."periodKey" WHERE $1::uuid IS NULL OR r."managerId" = $1::uuid
       )
       SELECT k."periodKey",
         (SELECT count(*)::int FROM runs r WHERE r."periodKey" = k."periodKey") AS runs,
         (SELECT json_object_agg(status, n) FROM (SELECT status::text, count(*)::int AS n FROM runs r WHERE r."periodKey" = k."periodKey" GROUP BY status) s) AS "byStatus",
         count(d.id)::int AS deliveries,
         (count(d.id) FILTER (WHERE d.status = 'sent'))::int AS delivered,
         COALESCE(sum(d.attempts), 0)::int AS attempts,
         (count(d.id) FILTER (WHERE d.status = 'failed'))::int AS "failedDeliveries"
       FROM keys k LEFT JOIN runs r ON r."periodKey" = k."periodKey" LEFT JOIN digest_deliveries d ON d."runId" = r.id
       GROUP BY k."periodKey" ORDER BY k."periodKey" DESC`,
      [manager, opts.periods],
    );
    const { rows: problems } = await this.db.pool.query<RunProblem>(
      `SELECT r."periodKey", u.email AS manager, r.status::text AS status, r.reason,
         COALESCE((SELECT json_agg(json_build_object('platform', d.platform, 'status', d.status, 'attempts', d.attempts, 'error', d.error) ORDER BY d.platform)
                   FROM digest_deliveries d WHERE d."runId" = r.id), '[]') AS deliveries
       FROM digest_runs r JOIN users u ON u.id = r."managerId"
       WHERE r."periodKey" = ANY($2::text[]) AND ($1::uuid IS NULL OR r."managerId" = $1::uuid)
         AND (r.status NOT IN ('sent', 'skipped') OR EXISTS (SELECT 1 FROM digest_deliveries d WHERE d."runId" = r.id AND d.status <> 'sent'))
       ORDER BY r."periodKey" DESC, u.email`,
      [manager, periods.map((p) => p.periodKey)],
    );
    return { periods: periods.map((p) => ({ ...p, byStatus: p.byStatus ?? {} })), problems };
  }
}
