// A throw-away database on the local PostgreSQL for one benchmark run (BENCH_SERVER_URL overrides it).
import crypto from 'node:crypto';
import pg from 'pg';

export const BENCH_SERVER = process.env.BENCH_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BENCH_SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `salesos_bench_<label>_<random>`; `drop()` removes it even with connections still open. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `salesos_bench_${label}_${crypto.randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    name,
    url: Object.assign(new URL(BENCH_SERVER), { pathname: `/${name}` }).toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
