// The audit trail: one row per tool call and model call, input redacted before storing, chained with a
// keyed MAC (AUDIT_KEY); the chain head is updated in the same transaction as every append.
import type { Prisma } from '../db/client.ts';
import { sqlRunner, type SqlRunner, type SqlSource } from '../db/sql-runner.ts';
import { appendAuditRows, AuditRepository, type AuditRowFields, type AuditTailRow, type ChainPlan, type ChainState } from '../db/audit-repository.ts';
import { NotFoundError } from '../errors.ts';
import type { AuditInput, AuditTrail } from '../governance.ts';
import { log } from '../log.ts';
import { anchorRows, AuditIntegrityError } from './anchor.ts';
import type { AuditKey } from './audit-key.ts';
import { createBatchWriter } from './batch-writer.ts';
import { formatCheckpoint, signCheckpoint } from './checkpoint.ts';
import { entryMac, GENESIS, headMac, sameMac, type ChainHead } from './hash-chain.ts';
import { redactAuditInput } from './redact-input.ts';

export interface AuditTrailOptions {
  key: AuditKey;
  maxBatch?: number;
  /** A signed checkpoint goes to the log each time the trail passes a multiple of this many entries. */
  checkpointEvery?: number;
  /** Receives each periodic checkpoint line (besides the log). */
  onCheckpoint?: (line: string) => void;
}

/** The head appends build on, checked under the chain lock; a head that does not verify is never extended. */
async function currentHead(tx: SqlRunner, key: AuditKey, state: ChainState): Promise<ChainHead> {
  const { head, newest } = state;
  if (!head) {
    if (!newest) return { lastSeq: 0, lastHash: GENESIS, count: 0 };
    if (newest.chainVersion === 1) {
      const anchored = await anchorRows(tx, key, state.now);
      log.warn(`Re-anchored the existing audit trail under AUDIT_KEY: ${anchored.anchored} entries now carry keyed MACs.`, { head: formatCheckpoint(signCheckpoint(key, anchored.head, state.now)) });
      return anchored.head;
    }
    throw new AuditIntegrityError('The audit chain head row is missing while anchored entries exist: run `salesos audit verify`.');
  }
  if (head.keyId !== key.id)
    throw new AuditIntegrityError(`The audit trail was anchored with another AUDIT_KEY (key id ${head.keyId}; this process has ${key.id}).`);
  if (!sameMac(headMac(key, head), head.mac)) throw new AuditIntegrityError('The audit chain head fails its MAC (it was edited): run `salesos audit verify`.');
  return head;
}

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
export function createAuditTrail(db: SqlSource, opts: AuditTrailOptions): AppendingAuditTrail {
  const sql = sqlRunner(db);
  const { key } = opts;
  const every = opts.checkpointEvery ?? 1_000;
  const plan = (rows: AuditRowFields[]) => async (tx: SqlRunner, state: ChainState): Promise<ChainPlan> => {
    const head = await currentHead(tx, key, state);
    let prevHash = head.lastHash;
    const links = rows.map((fields, i) => {
      const seq = head.lastSeq + i + 1;
      const hash = entryMac(key, seq, prevHash, { ...fields, createdAt: state.now });
      const link = { seq, prevHash, hash };
      prevHash = hash;
      return link;
    });
    const next = { lastSeq: head.lastSeq + rows.length, lastHash: prevHash, count: head.count + rows.length };
    if (Math.floor(next.count / every) > Math.floor(head.count / every)) {
      // Logged only once the batch commits (below): a rolled-back batch must not leave a checkpoint behind.
      pendingCheckpoint = formatCheckpoint(signCheckpoint(key, next, state.now));
    }
    return { links, head: { ...next, keyId: key.id, mac: headMac(key, next) } };
  };
  // One batch at a time per trail (the batch writer), so one slot is enough.
  let pendingCheckpoint: string | undefined;
  const write = createBatchWriter<AuditRowFields, number>({
    maxBatch: opts.maxBatch,
    isItemError: isRowError,
    write: async (rows) => {
      pendingCheckpoint = undefined;
      const seqs = await appendAuditRows(sql, rows, plan(rows));
      if (pendingCheckpoint) {
        log.info('audit checkpoint (keep it outside the database; `salesos audit verify --against <checkpoint>`)', { auditCheckpoint: pendingCheckpoint });
        opts.onCheckpoint?.(pendingCheckpoint);
        pendingCheckpoint = undefined;
      }
      return seqs;
    },
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
