// The audit_entries table: chained appends under one advisory lock (a single chain across all
// processes, never forked) written a batch at a time, ordered reads for verification, and recent rows
// for `audit tail`.
import type { PrismaClient } from './generated/client.ts';
import type { SqlRunner } from './sql-runner.ts';

/** Serialises every append in every process: read the last hash and insert the next row as one step. */
const AUDIT_CHAIN_LOCK = 7_240_301;

export interface AuditRowFields {
  actorId: string | null;
  platform: string;
  conversationId: string | null;
  kind: 'tool' | 'model' | 'delivery';
  name: string;
  input: unknown;
  outcome: string;
  errorCode: string | null;
  /** Exactly 6 decimals, e.g. "0.012000". */
  costUsd: string;
  durationMs: number;
}

export interface StoredAuditRow extends AuditRowFields {
  seq: number;
  createdAt: Date;
  prevHash: string;
  hash: string;
}

export interface AuditTailRow {
  seq: number;
  createdAt: Date;
  actorEmail: string | null;
  platform: string;
  kind: string;
  name: string;
  input: unknown;
  outcome: string;
  errorCode: string | null;
  costUsd: number;
  durationMs: number;
}

const INSERT_ROWS = `INSERT INTO audit_entries ("createdAt", "actorId", platform, "conversationId", kind, name, input, outcome, "errorCode", "costUsd", "durationMs", "prevHash", hash)
  SELECT $1::timestamptz, r."actorId", r.platform, r."conversationId", r.kind::"AuditKind", r.name, r.input, r.outcome::"AuditOutcome", r."errorCode", r."costUsd", r."durationMs", r."prevHash", r.hash
  FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::numeric[], $11::int[], $12::text[], $13::text[])
       WITH ORDINALITY AS r("actorId", platform, "conversationId", kind, name, input, outcome, "errorCode", "costUsd", "durationMs", "prevHash", hash, ord)
  ORDER BY r.ord
  RETURNING seq, hash`;

/**
 * Append rows in order as one transaction (the hot path of every tool and model call, batched by the
 * trail's writer). Under the chain lock, BEGIN + lock + reading the last hash and the clock travel in one
 * round trip, then one INSERT; `chain` gets the previous row's hash (undefined for the first row) and the
 * batch's timestamp, and returns [prevHash, hash] for each row. Returns the rows' seqs, in order.
 */
export async function appendAuditRows(
  sql: SqlRunner,
  rows: AuditRowFields[],
  chain: (prev: string | undefined, createdAt: Date) => [string, string][],
): Promise<number[]> {
  return sql.transaction(
    async (tx, firstRows) => {
      const last = firstRows[0] as { prev: string | null; now: Date | string };
      const createdAt = new Date(last.now);
      const hashes = chain(last.prev ?? undefined, createdAt);
      const col = <K extends keyof AuditRowFields>(k: K) => rows.map((r) => r[k]);
      const inserted = await tx.query<{ seq: number | bigint; hash: string }>(INSERT_ROWS, [
        createdAt,
        col('actorId'),
        col('platform'),
        col('conversationId'),
        col('kind'),
        col('name'),
        rows.map((r) => JSON.stringify(r.input)),
        col('outcome'),
        col('errorCode'),
        col('costUsd'),
        col('durationMs'),
        hashes.map((h) => h[0]),
        hashes.map((h) => h[1]),
      ]);
      const seqOf = new Map(inserted.map((r) => [r.hash, Number(r.seq)]));
      return hashes.map((h) => seqOf.get(h[1])!);
    },
    [
      `SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`,
      // Timestamps are stored with millisecond precision; truncate first so the hash covers what is stored.
      `SELECT (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1) AS prev, date_trunc('milliseconds', clock_timestamp()) AS now`,
    ],
  );
}

/** Reads of the trail: ordered batches for verification and recent rows for `audit tail`. */
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Up to `limit` rows after `afterSeq`, in seq order, with every hashed field as stored. */
  async batchAfter(afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
    const rows = await this.prisma.$queryRaw<(Omit<StoredAuditRow, 'seq'> & { seq: number | bigint })[]>`
      SELECT seq, "createdAt", "actorId"::text AS "actorId", platform, "conversationId", kind::text AS kind, name, input,
             outcome::text AS outcome, "errorCode", "costUsd"::text AS "costUsd", "durationMs", "prevHash", hash
      FROM audit_entries WHERE seq > ${afterSeq}::int8 ORDER BY seq LIMIT ${limit}::int`;
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  async hasUser(email: string): Promise<boolean> {
    return (await this.prisma.user.count({ where: { email: email.toLowerCase() } })) > 0;
  }

  /** The newest rows first, optionally for one user (by email) or one tool/model name. */
  async tail(opts: { userEmail?: string; name?: string; limit: number }): Promise<AuditTailRow[]> {
    const rows = await this.prisma.$queryRaw<(Omit<AuditTailRow, 'seq' | 'costUsd'> & { seq: number | bigint; costUsd: string })[]>`
      SELECT a.seq, a."createdAt", u.email AS "actorEmail", a.platform, a.kind::text AS kind, a.name, a.input,
             a.outcome::text AS outcome, a."errorCode", a."costUsd"::text AS "costUsd", a."durationMs"
      FROM audit_entries a LEFT JOIN users u ON u.id = a."actorId"
      WHERE (${opts.userEmail ?? null}::text IS NULL OR u.email = ${opts.userEmail ?? null}::text)
        AND (${opts.name ?? null}::text IS NULL OR a.name = ${opts.name ?? null}::text)
      ORDER BY a.seq DESC LIMIT ${opts.limit}::int`;
    return rows.map((r) => ({ ...r, seq: Number(r.seq), costUsd: Number(r.costUsd) }));
  }
}
