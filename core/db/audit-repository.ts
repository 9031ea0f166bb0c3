// The audit_entries table and its chain head: chained appends under one advisory lock (a single chain
// across all processes, never forked) written a batch at a time together with the head row, ordered reads
// for verification and re-anchoring, and recent rows for `audit tail`.
import type { PrismaClient } from './generated/client.ts';
import { log } from '../log.ts';
import type { SqlRunner } from './sql-runner.ts';
import type { LedgerClose, LedgerCloseResult } from './usage-repository.ts';

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

/** A batch of chained rows, the head after them and the reservations closed with them. */
export interface ChainedAppend {
  /** The head the rows were chained onto, exactly as stored; undefined only for the very first append (under the lock). */
  expect?: StoredHead;
  createdAt: Date;
  rows: (AuditRowFields & { seq: number; prevHash: string; hash: string })[];
  head: StoredHead;
  closes: LedgerClose[];
}

export type ChainedAppendResult = { ok: true; closes: LedgerCloseResult[] } | { ok: false; head?: StoredHead };

/**
 * Append as ONE statement (salesos_append_audit, migration 20261129150000): under the chain lock, if the head
 * is still `expect`, the reservations are closed, the rows inserted and the head moved; on a pool that is one
 * round trip and one commit. Otherwise nothing is written and the head as it stands comes back.
 */
export async function appendChained(sql: SqlRunner, a: ChainedAppend): Promise<ChainedAppendResult> {
  const [r] = await sql.query<{
    r_status: 'ok' | 'moved';
    r_closes: LedgerCloseResult[] | null;
    h_last_seq: string | null;
    h_last_hash: string;
    h_count: string;
    h_key_id: string;
    h_mac: string;
  }>(
    `SELECT r_status, r_closes, h_last_seq::text AS h_last_seq, h_last_hash, h_count::text AS h_count, h_key_id, h_mac
     FROM salesos_append_audit($1::jsonb, $2::timestamptz, $3::jsonb, $4::jsonb, $5::jsonb)`,
    [a.expect ? JSON.stringify(a.expect) : null, a.createdAt, JSON.stringify(a.rows), JSON.stringify(a.head), JSON.stringify(a.closes)],
    // Every tool and model call runs it: prepared once per connection, not parsed and planned per call.
    { prepare: 'salesos_append_audit' },
  );
  if (r?.r_status === 'ok') {
    const closes = r.r_closes ?? [];
    const restored = a.closes.filter((_, i) => closes[i] === 'restored');
    if (restored.length)
      log.warn(`wrote the charge of ${restored.length} call(s) whose reservation row was lost (a database crash before its WAL flush)`, {
        reservations: restored.map((c) => c.id),
      });
    return { ok: true, closes };
  }
  if (!r || r.h_last_seq === null) return { ok: false };
  return { ok: false, head: { lastSeq: Number(r.h_last_seq), lastHash: r.h_last_hash, count: Number(r.h_count), keyId: r.h_key_id, mac: r.h_mac } };
}

/** The stored head, read on `tx` (under the chain lock). */
export async function readHead(tx: SqlRunner): Promise<StoredHead | undefined> {
  const [h] = await tx.query<{ lastSeq: string; lastHash: string; entryCount: string; keyId: string; mac: string }>(
    `SELECT "lastSeq"::text AS "lastSeq", "lastHash", "entryCount"::text AS "entryCount", "keyId", mac FROM audit_chain_head WHERE id = 1`,
  );
  return h ? { lastSeq: Number(h.lastSeq), lastHash: h.lastHash, count: Number(h.entryCount), keyId: h.keyId, mac: h.mac } : undefined;
}

const ROW_COLUMNS = `seq, "createdAt", "actorId"::text AS "actorId", platform, "conversationId", kind::text AS kind, name, input,
  outcome::text AS outcome, "errorCode", "costUsd"::text AS "costUsd", "durationMs", "prevHash", hash, "chainVersion"`;

function toStored(r: Record<string, unknown>): StoredAuditRow {
  return { ...(r as unknown as StoredAuditRow), seq: Number(r.seq), chainVersion: Number(r.chainVersion), createdAt: new Date(r.createdAt as string | Date) };
}

/** Up to `limit` rows after `afterSeq`, in seq order, with every chained field as stored (any SqlRunner). */
export async function rowsAfter(sql: SqlRunner, afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
  const rows = await sql.query<Record<string, unknown>>(`SELECT ${ROW_COLUMNS} FROM audit_entries WHERE seq > $1::int8 ORDER BY seq LIMIT $2::int`, [
    afterSeq,
    limit,
  ]);
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
