// One way for the governance repositories to run SQL, over either a pg pool (the fast path: a Prisma
// interactive transaction costs several times the statements it wraps) or a Prisma client.
import type pg from 'pg';
import type { PrismaClient } from './generated/client.ts';
import { clientOverPool, poolBehind } from './client.ts';
import { UUID } from '../ids.ts';

export interface SqlRunner {
  /** Rows of a statement with positional parameters ($1, $2…); UPDATEs return rows through RETURNING. */
  query<R>(text: string, params?: unknown[], opts?: QueryOptions): Promise<R[]>;
  /**
   * Run `fn` in one transaction on one connection; rolled back when it throws. `first` (statements
   * without parameters, e.g. taking a lock, then reading what the lock guards) run before `fn`, sent with
   * BEGIN in one round trip on a pool; `fn` gets the rows of the last of them.
   */
  transaction<T>(fn: (sql: SqlRunner, firstRows: unknown[]) => Promise<T>, first?: string | string[]): Promise<T>;
}

export interface QueryOptions {
  /**
   * A hot statement with a fixed text: prepared once per connection under this name and then only bound and
   * executed, so PostgreSQL neither receives nor parses and plans its text again (on a pool; Prisma ignores it).
   * Never for a text built at run time: each name must always stand for one text.
   */
  prepare?: string;
}

export const isUuid = (s: string | undefined): s is string => typeof s === 'string' && UUID.test(s);

type TxClient = Pick<PrismaClient, '$queryRawUnsafe'>;

const list = (first: string | string[] | undefined): string[] => (first === undefined ? [] : Array.isArray(first) ? first : [first]);

/** Several parameterless statements in one simple-protocol round trip; the rows of the last one. */
async function simpleBatch(client: pg.PoolClient, statements: string[]): Promise<unknown[]> {
  const result = (await client.query(statements.join('; '))) as unknown as pg.QueryResult | pg.QueryResult[];
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return last?.rows ?? [];
}

function fromPrisma(prisma: TxClient, root?: PrismaClient): SqlRunner {
  return {
    query: <R>(text: string, params: unknown[] = []) => prisma.$queryRawUnsafe<R[]>(text, ...params),
    transaction: async <T>(fn: (sql: SqlRunner, firstRows: unknown[]) => Promise<T>, first?: string | string[]) => {
      const run = async (tx: TxClient) => {
        let rows: unknown[] = [];
        for (const statement of list(first)) rows = await tx.$queryRawUnsafe<unknown[]>(statement);
        return fn(fromPrisma(tx), rows);
      };
      if (!root) return run(prisma);
      return root.$transaction((tx) => run(tx), { maxWait: 10_000, timeout: 15_000 });
    },
  };
}

function fromClient(client: pg.PoolClient): SqlRunner {
  return {
    query: async <R>(text: string, params: unknown[] = [], opts?: QueryOptions) =>
      (await client.query({ text, values: params, name: opts?.prepare })).rows as R[],
    transaction: async (fn, first) => {
      const statements = list(first);
      return fn(fromClient(client), statements.length ? await simpleBatch(client, statements) : []);
    },
  };
}

function fromPool(pool: pg.Pool): SqlRunner {
  return {
    query: async <R>(text: string, params: unknown[] = [], opts?: QueryOptions) =>
      (await pool.query({ text, values: params, name: opts?.prepare })).rows as R[],
    async transaction<T>(fn: (sql: SqlRunner, firstRows: unknown[]) => Promise<T>, first?: string | string[]): Promise<T> {
      const client = await pool.connect();
      try {
        const firstRows = await simpleBatch(client, ['BEGIN', ...list(first)]);
        const result = await fn(fromClient(client), list(first).length ? firstRows : []);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

/** What callers hand the governance services: the Database from openDatabase (preferred) or a Prisma client. */
export type SqlSource = PrismaClient | { pool: pg.Pool };

export function sqlRunner(source: SqlSource): SqlRunner {
  if ('pool' in source && source.pool) return fromPool(source.pool);
  return fromPrisma(source as PrismaClient, source as PrismaClient);
}

/** How a repository runs its SQL: on the pool behind the client when openDatabase made it (the fast path), else through Prisma. */
export function sqlOf(prisma: PrismaClient): SqlRunner {
  const pool = poolBehind(prisma);
  return pool ? fromPool(pool) : fromPrisma(prisma, prisma);
}

const clientsOfPools = new WeakMap<pg.Pool, PrismaClient>();

/** The Prisma client to build repositories from, whichever SqlSource a service was given (one client per bare pool). */
export function prismaOf(source: SqlSource): PrismaClient {
  if (!('pool' in source && source.pool)) return source as PrismaClient;
  const own = (source as { prisma?: PrismaClient }).prisma;
  if (own) return own;
  let prisma = clientsOfPools.get(source.pool);
  if (!prisma) clientsOfPools.set(source.pool, (prisma = clientOverPool(source.pool)));
  return prisma;
}
