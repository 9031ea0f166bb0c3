// The audit trail: one row per tool call and model call, input redacted before storing, chained with a
// keyed MAC (AUDIT_KEY); the chain head is updated in the same transaction as every append.
import type { Prisma } from '../db/client.ts';
import { sqlRunner, type SqlRunner, type SqlSource } from '../db/sql-runner.ts';
import { appendAuditRows, AuditRepository, type AuditRowFields, type AuditTailRow, type ChainPlan, type ChainState } from '../db/audit-repository.ts';
import { closeReservations, type LedgerClose } from '../db/usage-repository.ts';
import { NotFoundError } from '../errors.ts';
import type { AuditInput, AuditTrail, Settlement } from '../governance.ts';
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
  /** Like append (with an optional settlement), returning the row's seq (for tests and tools that link to a row). */
  appendRow(entry: AuditInput, settlement?: Settlement): Promise<number>;
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

/** One queued append: the row, and the reservation to close with it (same transaction). */
interface Item {
  row: AuditRowFields;
  close?: LedgerClose;
}

interface Written {
  seq: number;
  chargedUsd: number;
}

function ledgerClose(s: Settlement): LedgerClose {
  const r = s.reservation;
  return {
    id: r.id,
    userId: r.userId,
    teamId: r.teamId,
    day: r.day,
    kind: r.kind,
    name: r.name,
    reservedUsd: r.reservedUsd,
    status: s.release ? 'released' : 'settled',
    costUsd: s.release ? 0 : s.chargeUsd,
    inputTokens: s.usage?.inputTokens,
    outputTokens: s.usage?.outputTokens,
  };
}

/**
 * `db`: the Database from openDatabase (appends then use its pg pool, the fast path) or a Prisma client.
 * Appends are written by one batched writer per trail: each resolves once its own row is committed.
 */
export function createAuditTrail(db: SqlSource, opts: AuditTrailOptions): AppendingAuditTrail {
  const sql = sqlRunner(db);
  const { key } = opts;
  const every = opts.checkpointEvery ?? 1_000;
  const plan = (items: Item[], charged: number[]) => async (tx: SqlRunner, state: ChainState): Promise<ChainPlan> => {
    const head = await currentHead(tx, key, state);
    // The calls' charges first, on the same transaction: a row records what its settlement really charged.
    const closing = items.flatMap((item, i) => (item.close ? [{ i, close: item.close }] : []));
    const results = await closeReservations(tx, closing.map((c) => c.close));
    const rows = items.map((item) => item.row);
    closing.forEach(({ i, close }, k) => {
      charged[i] = results[k] === 'closed' ? 0 : close.costUsd;
      rows[i] = { ...rows[i]!, costUsd: charged[i]!.toFixed(6) };
    });
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
    return { rows, links, head: { ...next, keyId: key.id, mac: headMac(key, next) } };
  };
  // One batch at a time per trail (the batch writer), so one slot is enough.
  let pendingCheckpoint: string | undefined;
  const write = createBatchWriter<Item, Written>({
    maxBatch: opts.maxBatch,
    isItemError: isRowError,
    write: async (items) => {
      pendingCheckpoint = undefined;
      const charged = items.map(() => 0);
      const seqs = await appendAuditRows(sql, plan(items, charged));
      if (pendingCheckpoint) {
        log.info('audit checkpoint (keep it outside the database; `salesos audit verify --against <checkpoint>`)', { auditCheckpoint: pendingCheckpoint });
        opts.onCheckpoint?.(pendingCheckpoint);
        pendingCheckpoint = undefined;
      }
      return seqs.map((seq, i) => ({ seq, chargedUsd: charged[i]! }));
    },
  });
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    const settled: Promise<unknown> = p.then(
      (): unknown => pending.delete(settled),
      (): unknown => pending.delete(settled),
    );
    pending.add(settled);
    return p;
  };
  const writeRow = (entry: AuditInput, settlement?: Settlement): Promise<Written> =>
    track(
      write({
        row: {
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
        },
        close: settlement && ledgerClose(settlement),
      }),
    );
  const appendRow = async (entry: AuditInput, settlement?: Settlement): Promise<number> => (await writeRow(entry, settlement)).seq;
  return {
    appendRow,
    async append(entry) {
      await writeRow(entry);
    },
    async appendSettled(entry, settlement) {
      return (await writeRow(entry, settlement)).chargedUsd;
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
