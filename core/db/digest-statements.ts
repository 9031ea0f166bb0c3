// Per-digest statements run as named (prepared) statements on PostgreSQL: planning the larger ones costs
// more than running them, and a connection then plans each once. Not on the embedded database, where
// every pool connection shares one backend session and a second PREPARE of a name fails.
import type pg from 'pg';
import { connectionBehind } from './client.ts';
import type { PrismaClient } from './generated/client.ts';

export interface DigestDb {
  pool: pg.Pool;
  mode?: 'postgres' | 'embedded';
}

export function digestQuery<R extends pg.QueryResultRow>(db: DigestDb, name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  return db.mode === 'embedded' ? db.pool.query<R>(text, values) : db.pool.query<R>({ name: `salesos-${name}`, text, values });
}

/** The pool and server kind behind the client: the digest repositories run their SQL on the pool itself. */
export function digestDbOf(prisma: PrismaClient): DigestDb {
  const connection = connectionBehind(prisma);
  if (!connection) throw new TypeError('The digest repositories need the Prisma client that openDatabase made (they run SQL on its pool).');
  return connection;
}
