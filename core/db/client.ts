// Opens the database SalesOS runs on: a PostgreSQL server (DATABASE_URL) or the embedded PGlite.
// Both go through the same pg pool, the same Prisma adapter and the same migrations.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma as PrismaNamespace } from './generated/client.ts';
import { databaseStartError } from './connection-errors.ts';
import type { EmbeddedDatabase } from './embedded.ts';
import { migrate, migrationStatus, type MigrationStatus } from './migrate.ts';
import { log } from '../log.ts';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  url: string;
  mode: 'postgres' | 'embedded';
  /** Embedded only: the folder had no database before this start. */
  created: boolean;
  ping(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Connections in the pg pool (default 20; the embedded server allows two more for migrations and admin). */
  poolSize?: number;
}

// Timestamps and numerics arrive as strings we never need as JS numbers with precision loss;
// bigint (int8) counts fit in a JS number for everything SalesOS counts.
pg.types.setTypeParser(20, (v) => Number(v));

/** What openDatabase knows about a client it made: the pg pool behind it and the kind of server. */
export interface ClientConnection {
  pool: pg.Pool;
  mode: Database['mode'];
}

const connectionsOfClients = new WeakMap<PrismaClient, ClientConnection>();

/**
 * The pg pool behind a Prisma client made by openDatabase, or undefined for any other client (a transaction,
 * a client built elsewhere). Hot-path repositories run their SQL on it: a Prisma raw query costs ~0.3 ms of
 * CPU more than the same `pool.query`, an ORM query ~0.7 ms more (the wasm query compiler).
 */
export function poolBehind(prisma: PrismaClient): pg.Pool | undefined {
  return connectionsOfClients.get(prisma)?.pool;
}

/** The pool and server kind behind a client made by openDatabase (or by clientOverPool), if it was. */
export function connectionBehind(prisma: PrismaClient): ClientConnection | undefined {
  return connectionsOfClients.get(prisma);
}

/**
 * A Prisma client over a pool someone else made (tests that count a pool's commits), remembered like
 * openDatabase's own: repositories built from it run their SQL on that pool. The caller ends the pool.
 */
export function clientOverPool(pool: pg.Pool, mode: Database['mode'] = 'postgres'): PrismaClient {
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  connectionsOfClients.set(prisma, { pool, mode });
  return prisma;
}

/** Rows of a `Prisma.sql` statement: `pool.query(sql.text, sql.values)` when the client has a pool, else Prisma. */
export async function rawRows<R>(prisma: PrismaClient, sql: PrismaNamespace.Sql): Promise<R[]> {
  const pool = poolBehind(prisma);
  if (pool) return (await pool.query(sql.text, sql.values)).rows as R[];
  return prisma.$queryRaw<R[]>(sql);
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  // Turns hold a connection only per statement (the audit trail uses at most one, for its batches), so
  // 20 covers bursts of concurrent turns without queueing; PostgreSQL's default max_connections is 100.
  const poolSize = opts.poolSize ?? 20;
  let embedded: EmbeddedDatabase | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    // Loaded only here: PGlite and its socket server are modules a DATABASE_URL start never needs.
    const { startEmbeddedDatabase } = await import('./embedded.ts');
    embedded = await startEmbeddedDatabase(opts.dataDir, { maxConnections: poolSize + 2 });
    url = embedded.url;
    log.info('using the embedded database', { dataDir: embedded.dataDir, created: embedded.created });
  }
  try {
    if (opts.migrate !== false) {
      const applied = await migrate(url);
      if (applied.length) log.info('applied database migrations', { migrations: applied });
    } else if (opts.databaseUrl) {
      // Fail at start, naming the server, rather than on the first query.
      const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      try {
        await probe.connect();
      } finally {
        await probe.end().catch(() => {});
      }
    }
  } catch (err) {
    await embedded?.stop();
    throw opts.databaseUrl ? databaseStartError(err, opts.databaseUrl) : err;
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (err) => log.warn('idle database connection failed', { err }));
  const mode = embedded ? 'embedded' : 'postgres';
  const prisma = clientOverPool(pool, mode);
  let closed = false;
  return {
    prisma,
    pool,
    url,
    mode,
    created: embedded?.created ?? false,
    async ping() {
      await pool.query('SELECT 1');
    },
    migrationStatus: async () => {
      const client = await pool.connect();
      try {
        return await migrationStatus(client);
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
      await embedded?.stop();
    },
  };
}
