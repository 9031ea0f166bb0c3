// The audit trail's hash chain: each row's hash covers the previous row's hash and the row's own fields,
// in a canonical JSON (sorted keys), so editing, deleting or re-ordering any row breaks the chain.
import crypto from 'node:crypto';

export const GENESIS = 'GENESIS';

/** The fields a row's hash covers, exactly as they are stored and read back. */
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

export function entryHash(prevHash: string, row: ChainedFields): string {
  const payload = canonicalJson({
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
  });
  return crypto.createHash('sha256').update(payload).digest('hex');
}
