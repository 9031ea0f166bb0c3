// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, without Prisma's
// native engine: same advisory lock, same `_prisma_migrations` bookkeeping (sha256 checksums), one
// transaction per migration. Prisma's own `migrate status` accepts a database migrated by this.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'prisma', 'migrations');
const PRISMA_ADVISORY_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since. */
  modified: string[];
}

type Queryable = Pick<pg.ClientBase, 'query'>;

async function appliedMigrations(db: Queryable): Promise<Map<string, string>> {
  const exists = await db.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return new Map();
  const res = await db.query(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  return new Map(res.rows.map((r) => [r.migration_name as string, r.checksum as string]));
}

export async function migrationStatus(db: Queryable, migrations = readMigrations()): Promise<MigrationStatus> {
  const applied = await appliedMigrations(db);
  return {
    applied: migrations.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !applied.has(m.name)).map((m) => m.name),
    modified: migrations.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name),
  };
}

/** Apply every pending migration. Safe to run from several processes at once (advisory lock). */
export async function migrate(databaseUrl: string, migrations = readMigrations()): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const done: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_TABLE);
    const applied = await appliedMigrations(client);
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      const id = crypto.randomUUID();
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES ($1, $2, now(), $3, 1, now())`,
          [id, m.checksum, m.name],
        );
        await client.query('COMMIT');
        done.push(m.name);
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => {});
        throw new AppError('internal', `Migration ${m.name} failed: ${(cause as Error).message}`, { cause });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
  return done;
}
