// The audit trail's chain: each row's MAC covers its seq, the previous row's MAC and the row's own
// fields, in a canonical JSON (sorted keys), keyed with AUDIT_KEY (HMAC-SHA-256). Editing, deleting or
// re-ordering any row breaks the chain, and without the key nobody can compute a replacement chain.
// Version 1 rows (before keyed anchoring) used plain SHA-256 without seq; they are only read to check
// them once before re-anchoring (see anchor.ts).
import crypto from 'node:crypto';
import type { AuditKey } from './audit-key.ts';

export const GENESIS = 'GENESIS';
/** The chain version written today (audit_entries."chainVersion"). */
export const CHAIN_VERSION = 2;

/** The fields a row's MAC covers, exactly as they are stored and read back. */
export interface ChainedFields {
  createdAt: Date;
  actorId: string | null;
  platform: string;
  conversationId: string | null;
  kind: string;
  name: string;
  /** Plain JSON (what the jsonb column returns). */
  input: unknown;
  outcome: string;
  errorCode: string | null;
  /** numeric(12,6) as text, e.g. "0.012000". */
  costUsd: string;
  durationMs: number;
}

/** JSON with object keys sorted at every depth: jsonb re-orders keys, so the hash must not depend on order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function payload(prevHash: string, row: ChainedFields): Record<string, unknown> {
  return {
    prevHash,
    createdAt: row.createdAt.toISOString(),
    actorId: row.actorId,
    platform: row.platform,
    conversationId: row.conversationId,
    kind: row.kind,
    name: row.name,
    input: row.input,
    outcome: row.outcome,
    errorCode: row.errorCode,
    costUsd: row.costUsd,
    durationMs: row.durationMs,
  };
}

/** The keyed MAC of one row (chain version 2). */
export function entryMac(key: AuditKey, seq: number, prevHash: string, row: ChainedFields): string {
  return crypto
    .createHmac('sha256', key.secret)
    .update(canonicalJson({ v: CHAIN_VERSION, seq, ...payload(prevHash, row) }))
    .digest('hex');
}

/** The unkeyed hash of a version-1 row, only to check a legacy trail before it is re-anchored. */
export function legacyEntryHash(prevHash: string, row: ChainedFields): string {
  return crypto
    .createHash('sha256')
    .update(canonicalJson(payload(prevHash, row)))
    .digest('hex');
}

/** The chain head: the newest row's seq and MAC and the number of rows, as kept in audit_chain_head. */
export interface ChainHead {
  lastSeq: number;
  lastHash: string;
  count: number;
}

export function headMac(key: AuditKey, head: ChainHead): string {
  return crypto
    .createHmac('sha256', key.secret)
    .update(canonicalJson({ head: 1, keyId: key.id, lastSeq: head.lastSeq, lastHash: head.lastHash, count: head.count }))
    .digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
