// Figures for the operator's /metrics that live in the database: digest runs and deliveries by state.
import type pg from 'pg';

export async function digestRunCounts(pool: pg.Pool): Promise<{ labels: Record<string, string>; value: number }[]> {
  const { rows } = await pool.query<{ status: string; n: string }>('SELECT status::text AS status, count(*) AS n FROM digest_runs GROUP BY 1');
  return rows.map((r) => ({ labels: { status: r.status }, value: Number(r.n) }));
}

export async function digestDeliveryCounts(pool: pg.Pool): Promise<{ labels: Record<string, string>; value: number }[]> {
  const { rows } = await pool.query<{ platform: string; status: string; n: string }>(
    'SELECT platform::text AS platform, status::text AS status, count(*) AS n FROM digest_deliveries GROUP BY 1, 2',
  );
  return rows.map((r) => ({ labels: { platform: r.platform, status: r.status }, value: Number(r.n) }));
}
