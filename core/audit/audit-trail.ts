// The audit trail: one hash-chained row per tool call and model call, input redacted before storing.
import type { Prisma } from '../db/client.ts';
import { sqlRunner, type SqlSource } from '../db/sql-runner.ts';
import { appendAuditRows, AuditRepository, type AuditRowFields, type AuditTailRow } from '../db/audit-repository.ts';
import { NotFoundError } from '../errors.ts';
import type { AuditInput, AuditTrail } from '../governance.ts';
import { createBatchWriter } from './batch-writer.ts';
import { entryHash, GENESIS } from './hash-chain.ts';
import { redactAuditInput } from './redact-input.ts';

export interface AppendingAuditTrail extends AuditTrail {
  /** Like append, returning the row's seq (for tests and tools that link to a row). */
  appendRow(entry: AuditInput): Promise<number>;
  /** Resolves once every append made so far is written (or failed): shutdown calls it before closing the pool. */
  flush(): Promise<void>;
}

// SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the row, not the database, is at fault.
function isRowError(err: unknown): boolean {
  for (let e = err as { code?: unknown; meta?: { code?: unknown }; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    const code = typeof e.code === 'string' && /^\d{2}[0-9A-Z]{3}$/.test(e.code) ? e.code : e.meta?.code;
    if (typeof code === 'string' && /^2[23]/.test(code)) return true;
  }
  return false;
}

/**
 * `db`: the Database from openDatabase (appends then use its pg pool, the fast path) or a Prisma client.
 * Appends are written by one batched writer per trail: each resolves once its own row is committed.
 */
export function createAuditTrail(db: SqlSource, opts: { maxBatch?: number } = {}): AppendingAuditTrail {
  const sql = sqlRunner(db);
  const write = createBatchWriter<AuditRowFields, number>({
    maxBatch: opts.maxBatch,
    isItemError: isRowError,
    write: (rows) =>
      appendAuditRows(sql, rows, (prev, createdAt) => {
        let prevHash = prev ?? GENESIS;
        return rows.map((fields) => {
          const hash = entryHash(prevHash, { ...fields, createdAt });
          const link: [string, string] = [prevHash, hash];
          prevHash = hash;
          return link;
        });
      }),
  });
  const pending = new Set<Promise<unknown>>();
  const appendRow = (entry: AuditInput): Promise<number> => {
    const row = writeRow(entry);
    const settled: Promise<unknown> = row.then(
      (): unknown => pending.delete(settled),
      (): unknown => pending.delete(settled),
    );
    pending.add(settled);
    return row;
  };
  const writeRow = (entry: AuditInput): Promise<number> =>
    write({
      actorId: entry.actorId ?? null,
      platform: entry.platform,
      conversationId: entry.conversationId ?? null,
      kind: entry.kind,
      name: entry.name,
      input: redactAuditInput(entry.name, entry.input),
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
      costUsd: (Number.isFinite(entry.costUsd) ? entry.costUsd : 0).toFixed(6),
      durationMs: Math.max(0, Math.round(entry.durationMs)),
    });
  return {
    appendRow,
    async append(entry) {
      await appendRow(entry);
    },
    async flush() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}

/** Recent audit rows, newest first, for `salesos audit tail [--user] [--tool]`. */
export async function tailAudit(prisma: Prisma, opts: { userEmail?: string; tool?: string; limit?: number } = {}): Promise<AuditTailRow[]> {
  const repo = new AuditRepository(prisma);
  if (opts.userEmail && !(await repo.hasUser(opts.userEmail))) throw new NotFoundError(`No SalesOS user has the email ${opts.userEmail}.`);
  return repo.tail({ userEmail: opts.userEmail, name: opts.tool, limit: opts.limit ?? 20 });
}
