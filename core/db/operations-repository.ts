// Figures for the operator's /metrics that live in the database: digest runs and deliveries by state.
import type { PrismaClient } from './generated/client.ts';
import { sqlOf, type SqlRunner } from './sql-runner.ts';

export interface LabelledCount {
  labels: Record<string, string>;
  value: number;
}

export class OperationsRepository {
  private readonly sql: SqlRunner;

  constructor(prisma: PrismaClient) {
    this.sql = sqlOf(prisma);
  }

  async digestRunCounts(): Promise<LabelledCount[]> {
    const rows = await this.sql.query<{ status: string; n: string }>('SELECT status::text AS status, count(*) AS n FROM digest_runs GROUP BY 1');
    return rows.map((r) => ({ labels: { status: r.status }, value: Number(r.n) }));
  }

  async digestDeliveryCounts(): Promise<LabelledCount[]> {
    const rows = await this.sql.query<{ platform: string; status: string; n: string }>(
      'SELECT platform::text AS platform, status::text AS status, count(*) AS n FROM digest_deliveries GROUP BY 1, 2',
    );
    return rows.map((r) => ({ labels: { platform: r.platform, status: r.status }, value: Number(r.n) }));
  }
}
