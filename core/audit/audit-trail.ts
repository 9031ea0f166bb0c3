// The audit trail: one hash-chained row per tool call and model call, input redacted before storing.
import type { Prisma } from '../db/client.ts';
import { sqlRunner, type SqlSource } from '../db/sql-runner.ts';
import { appendAuditRow, AuditRepository, type AuditTailRow } from '../db/audit-repository.ts';
import { NotFoundError } from '../errors.ts';
import type { AuditInput, AuditTrail } from '../governance.ts';
import { entryHash, GENESIS } from './hash-chain.ts';
import { redactAuditInput } from './redact-input.ts';

export interface AppendingAuditTrail extends AuditTrail {
  /** Like append, returning the row's seq (for tests and tools that link to a row). */
  appendRow(entry: AuditInput): Promise<number>;
}

/** `db`: the Database from openDatabase (appends then use its pg pool, the fast path) or a Prisma client. */
export function createAuditTrail(db: SqlSource): AppendingAuditTrail {
  const sql = sqlRunner(db);
  const appendRow = (entry: AuditInput): Promise<number> => {
    const fields = {
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
    };
    return appendAuditRow(sql, fields, (prev, createdAt) => {
      const prevHash = prev ?? GENESIS;
      return [prevHash, entryHash(prevHash, { ...fields, createdAt })];
    });
  };
  return {
    appendRow,
    async append(entry) {
      await appendRow(entry);
    },
  };
}

/** Recent audit rows, newest first, for `salesos audit tail [--user] [--tool]`. */
export async function tailAudit(prisma: Prisma, opts: { userEmail?: string; tool?: string; limit?: number } = {}): Promise<AuditTailRow[]> {
  if (opts.userEmail && !(await prisma.user.findUnique({ where: { email: opts.userEmail }, select: { id: true } })))
    throw new NotFoundError(`No SalesOS user has the email ${opts.userEmail}.`);
  return new AuditRepository(prisma).tail({ userEmail: opts.userEmail, name: opts.tool, limit: opts.limit ?? 20 });
}
