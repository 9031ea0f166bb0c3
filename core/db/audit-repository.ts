// The audit_entries table and its chain head: chained appends under one advisory lock (a single chain
// across all processes, never forked) written a batch at a time together with the head row, ordered reads
// for verification and re-anchoring, and recent rows for `audit tail`.
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
  chainVersion: number;
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

export interface StoredHead {
  lastSeq: number;
  lastHash: string;
  count: number;
  keyId: string;
  mac: string;
}

/** What the chain lock guards, read right after taking it. */
export interface ChainState {
  head?: StoredHead;
  /** The newest row's seq and chain version (undefined when the table is empty). */
  newest?: { seq: number; chainVersion: number };
  now: Date;
}

/** The rows to insert, each one's place in the chain and the head after them; computed by core/audit under the lock. */
export interface ChainPlan {
  rows: AuditRowFields[];
  links: { seq: number; prevHash: string; hash: string }[];
  head: StoredHead;
}

const INSERT_ROWS = `INSERT INTO audit_entries (seq, "createdAt", "actorId", platform, "conversationId", kind, name, input, outcome, "errorCode", "costUsd", "durationMs", "prevHash", hash, "chainVersion")
  SELECT r.seq, $1::timestamptz, r."actorId", r.platform, r."conversationId", r.kind::"AuditKind", r.name, r.input, r.outcome::"AuditOutcome", r."errorCode", r."costUsd", r."durationMs", r."prevHash", r.hash, 2
  FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::numeric[], $11::int[], $12::text[], $13::text[], $14::int8[])
       WITH ORDINALITY AS r("actorId", platform, "conversationId", kind, name, input, outcome, "errorCode", "costUsd", "durationMs", "prevHash", hash, seq, ord)
  ORDER BY r.ord`;

const WRITE_HEAD = `INSERT INTO audit_chain_head (id, "lastSeq", "lastHash", "entryCount", "keyId", mac, "updatedAt")
  VALUES (1, $1::int8, $2, $3::int8, $4, $5, $6::timestamptz)
  ON CONFLICT (id) DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq", "lastHash" = EXCLUDED."lastHash", "entryCount" = EXCLUDED."entryCount",
    "keyId" = EXCLUDED."keyId", mac = EXCLUDED.mac, "updatedAt" = EXCLUDED."updatedAt"`;

const LOCK = `SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
// Timestamps are stored with millisecond precision; truncate first so the MAC covers what is stored.
const READ_STATE = `SELECT h."lastSeq" AS "lastSeq", h."lastHash" AS "lastHash", h."entryCount" AS "entryCount", h."keyId" AS "keyId", h.mac,
    n.seq AS "newestSeq", n."chainVersion" AS "newestVersion", date_trunc('milliseconds', clock_timestamp()) AS now
  FROM (SELECT 1) one
  LEFT JOIN audit_chain_head h ON h.id = 1
  LEFT JOIN LATERAL (SELECT seq, "chainVersion" FROM audit_entries ORDER BY seq DESC LIMIT 1) n ON true`;

function toState(row: Record<string, unknown>): ChainState {
  return {
    head:
      row.lastSeq === null || row.lastSeq === undefined
        ? undefined
        : { lastSeq: Number(row.lastSeq), lastHash: String(row.lastHash), count: Number(row.entryCount), keyId: String(row.keyId), mac: String(row.mac) },
    newest: row.newestSeq === null || row.newestSeq === undefined ? undefined : { seq: Number(row.newestSeq), chainVersion: Number(row.newestVersion) },
    now: new Date(row.now as string | Date),
  };
}

/** Run `fn` under the chain lock (every process, every append), with the head and newest row as read under it. */
export async function withChainLock<T>(sql: SqlRunner, fn: (tx: SqlRunner, state: ChainState) => Promise<T>): Promise<T> {
  return sql.transaction(async (tx, firstRows) => fn(tx, toState(firstRows[0] as Record<string, unknown>)), [LOCK, READ_STATE]);
}

export async function writeHead(tx: SqlRunner, head: StoredHead, at: Date): Promise<void> {
  await tx.query(WRITE_HEAD, [head.lastSeq, head.lastHash, head.count, head.keyId, head.mac, at]);
}

/**
 * Append rows in order as one transaction (the hot path of every tool and model call, batched by the
 * trail's writer): under the chain lock, `plan` places them in the chain (and may write on `tx` what must
 * commit with them, e.g. the calls' charges), then one INSERT and the head's update commit together.
 * Returns the rows' seqs, in order.
 */
export async function appendAuditRows(sql: SqlRunner, plan: (tx: SqlRunner, state: ChainState) => Promise<ChainPlan>): Promise<number[]> {
  return withChainLock(sql, async (tx, state) => {
    const { rows, links, head } = await plan(tx, state);
    const col = <K extends keyof AuditRowFields>(k: K) => rows.map((r) => r[k]);
    await tx.query(INSERT_ROWS, [
      state.now,
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
      links.map((l) => l.prevHash),
      links.map((l) => l.hash),
      links.map((l) => l.seq),
    ]);
    await writeHead(tx, head, state.now);
    return links.map((l) => l.seq);
  });
}

const ROW_COLUMNS = `seq, "createdAt", "actorId"::text AS "actorId", platform, "conversationId", kind::text AS kind, name, input,
  outcome::text AS outcome, "errorCode", "costUsd"::text AS "costUsd", "durationMs", "prevHash", hash, "chainVersion"`;

function toStored(r: Record<string, unknown>): StoredAuditRow {
  return { ...(r as unknown as StoredAuditRow), seq: Number(r.seq), chainVersion: Number(r.chainVersion), createdAt: new Date(r.createdAt as string | Date) };
}

/** Up to `limit` rows after `afterSeq`, in seq order, with every chained field as stored (any SqlRunner). */
export async function rowsAfter(sql: SqlRunner, afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
  const rows = await sql.query<Record<string, unknown>>(`SELECT ${ROW_COLUMNS} FROM audit_entries WHERE seq > $1::int8 ORDER BY seq LIMIT $2::int`, [afterSeq, limit]);
  return rows.map(toStored);
}

/** Rewrite rows' links (re-anchoring a legacy trail): one UPDATE per batch. */
export async function relinkRows(tx: SqlRunner, links: { seq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (!links.length) return;
  await tx.query(
    `UPDATE audit_entries a SET "prevHash" = r."prevHash", hash = r.hash, "chainVersion" = 2
     FROM unnest($1::int8[], $2::text[], $3::text[]) AS r(seq, "prevHash", hash) WHERE a.seq = r.seq`,
    [links.map((l) => l.seq), links.map((l) => l.prevHash), links.map((l) => l.hash)],
  );
}

/** Reads of the trail: ordered batches for verification and recent rows for `audit tail`. */
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Up to `limit` rows after `afterSeq`, in seq order, with every chained field as stored. */
  async batchAfter(afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
    const rows = await this.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${ROW_COLUMNS} FROM audit_entries WHERE seq > $1::int8 ORDER BY seq LIMIT $2::int`,
      afterSeq,
      limit,
    );
    return rows.map(toStored);
  }

  async head(): Promise<StoredHead | undefined> {
    const h = await this.prisma.auditChainHead.findUnique({ where: { id: 1 } });
    return h ? { lastSeq: Number(h.lastSeq), lastHash: h.lastHash, count: Number(h.entryCount), keyId: h.keyId, mac: h.mac } : undefined;
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
