// The audit trail: one row per tool call and model call, input redacted before storing, chained with a
// keyed MAC (AUDIT_KEY); the chain head is updated in the same transaction as every append, and so are the
// calls' CostGuard charges (one durable commit per call, or per batch of calls).
import type { Prisma } from '../db/client.ts';
import { sqlRunner, type SqlRunner, type SqlSource } from '../db/sql-runner.ts';
import {
  appendChained,
  AuditRepository,
  withChainLock,
  type AuditRowFields,
  type AuditTailRow,
  type ChainedAppend,
  type ChainState,
  type StoredHead,
} from '../db/audit-repository.ts';
import { type LedgerClose, type LedgerCloseResult, leasedCallOf } from '../db/usage-repository.ts';
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

/** A stored head is only ever extended once it verifies under this key. */
function verifiedHead(key: AuditKey, head: StoredHead): StoredHead {
  if (head.keyId !== key.id)
    throw new AuditIntegrityError(`The audit trail was anchored with another AUDIT_KEY (key id ${head.keyId}; this process has ${key.id}).`);
  if (!sameMac(headMac(key, head), head.mac)) throw new AuditIntegrityError('The audit chain head fails its MAC (it was edited): run `salesos audit verify`.');
  return head;
}

/**
 * The head appends build on, read under the chain lock (the slow path: a trail's first append, or one that
 * lost the race several times); re-anchors a legacy trail. Undefined: no head row yet (genesis).
 */
async function currentHead(tx: SqlRunner, key: AuditKey, state: ChainState): Promise<StoredHead | undefined> {
  const { head, newest } = state;
  if (!head) {
    if (!newest) return undefined;
    if (newest.chainVersion === 1) {
      const anchored = await anchorRows(tx, key, state.now);
      log.warn(`Re-anchored the existing audit trail under AUDIT_KEY: ${anchored.anchored} entries now carry keyed MACs.`, {
        head: formatCheckpoint(signCheckpoint(key, anchored.head, state.now)),
      });
      return anchored.head;
    }
    throw new AuditIntegrityError('The audit chain head row is missing while anchored entries exist: run `salesos audit verify`.');
  }
  return verifiedHead(key, head);
}

const GENESIS_HEAD: ChainHead = { lastSeq: 0, lastHash: GENESIS, count: 0 };
/** Appends that lose the race to another process this many times take the chain lock first instead. */
const OPTIMISTIC_TRIES = 3;

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

function ledgerClose(s: Settlement): LedgerClose | undefined {
  const r = s.reservation;
  // A leased call that was never billed: its estimate simply stays with the lease (in memory); nothing to write.
  if (s.release && r.leaseId) return undefined;
  return {
    ...leasedCallOf(r),
    leaseId: r.leaseId,
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
  // Rows are chained in this process onto the head it last wrote or read (verified), and written in one
  // statement that checks, under the chain lock, that the head is still that one (appendChained).
  let known: StoredHead | undefined;
  let checkpoint: string | undefined;
  const plan = (items: Item[], expect: StoredHead | undefined, createdAt: Date): ChainedAppend => {
    const from = expect ?? GENESIS_HEAD;
    let prevHash = from.lastHash;
    const rows = items.map((item, i) => {
      const seq = from.lastSeq + i + 1;
      const hash = entryMac(key, seq, prevHash, { ...item.row, createdAt });
      const row = { ...item.row, seq, prevHash, hash };
      prevHash = hash;
      return row;
    });
    const next = { lastSeq: from.lastSeq + rows.length, lastHash: prevHash, count: from.count + rows.length };
    // Logged only once the batch commits: a batch that is not written must not leave a checkpoint behind.
    checkpoint = Math.floor(next.count / every) > Math.floor(from.count / every) ? formatCheckpoint(signCheckpoint(key, next, createdAt)) : undefined;
    const closes = items.flatMap((item) => (item.close ? [item.close] : []));
    return { expect, createdAt, rows, head: { ...next, keyId: key.id, mac: headMac(key, next) }, closes };
  };
  // Timestamps are stored with millisecond precision, which a Date has: the MAC covers what is stored.
  const tryWrite = async (items: Item[]): Promise<Written[] | undefined> => {
    const planned = plan(items, known, new Date());
    const result = await appendChained(sql, planned);
    if (result.ok) return done(items, planned, result.closes);
    known = result.head && verifiedHead(key, result.head);
    return undefined;
  };
  const writeLocked = async (items: Item[]): Promise<Written[]> => {
    const [planned, closes] = await withChainLock(sql, async (tx, state) => {
      const p = plan(items, await currentHead(tx, key, state), state.now);
      const result = await appendChained(tx, p);
      if (!result.ok) throw new AuditIntegrityError('The audit chain head changed while the chain lock was held: run `salesos audit verify`.');
      return [p, result.closes] as const;
    });
    return done(items, planned, closes);
  };
  /** After the commit: remember the head, log a due checkpoint, and say what each settlement charged. */
  const done = (items: Item[], planned: ChainedAppend, closes: LedgerCloseResult[]): Written[] => {
    known = planned.head;
    if (checkpoint) {
      log.info('audit checkpoint (keep it outside the database; `salesos audit verify --against <checkpoint>`)', { auditCheckpoint: checkpoint });
      opts.onCheckpoint?.(checkpoint);
      checkpoint = undefined;
    }
    let k = 0;
    // A reservation already closed (the sweeper charged it) is not charged twice: this commit charged 0.
    return planned.rows.map((row, i) => ({ seq: row.seq, chargedUsd: items[i]!.close ? (closes[k++] === 'closed' ? 0 : items[i]!.close!.costUsd) : 0 }));
  };
  const write = createBatchWriter<Item, Written>({
    maxBatch: opts.maxBatch,
    isItemError: isRowError,
    write: async (items) => {
      let written: Written[] | undefined;
      for (let i = 0; !written && known && i < OPTIMISTIC_TRIES; i++) written = await tryWrite(items);
      return written ?? writeLocked(items);
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
          input: redactAuditInput(entry.input, entry.redactFields),
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
