// Re-anchoring: (re)computes the keyed chain over the rows as they are, oldest first, and writes the head.
// Runs automatically on the first append after the anchoring migration (a version-1 trail, whose plain
// SHA-256 chain is checked first), and from `salesos audit reanchor`. A broken legacy chain is never
// laundered silently: it is refused unless `force` (an operator who has seen `audit verify`'s report).
import { relinkRows, rowsAfter, writeHead, type StoredHead } from '../db/audit-repository.ts';
import type { SqlRunner } from '../db/sql-runner.ts';
import { ConflictError } from '../errors.ts';
import type { AuditKey } from './audit-key.ts';
import { entryMac, GENESIS, headMac, legacyEntryHash } from './hash-chain.ts';

export class AuditIntegrityError extends ConflictError {}

export interface AnchorResult {
  head: StoredHead;
  /** Rows whose links were rewritten. */
  anchored: number;
  /** The first row where the old chain was already broken (only with force). */
  brokenAt?: number;
}

export async function anchorRows(tx: SqlRunner, key: AuditKey, at: Date, opts: { force?: boolean; batchSize?: number } = {}): Promise<AnchorResult> {
  const batchSize = opts.batchSize ?? 2_000;
  let legacyPrev = GENESIS;
  let prev = GENESIS;
  let lastSeq = 0;
  let count = 0;
  let brokenAt: number | undefined;
  for (;;) {
    const rows = await rowsAfter(tx, lastSeq, batchSize);
    const links = rows.map((row) => {
      if (brokenAt === undefined && row.chainVersion === 1 && (row.prevHash !== legacyPrev || legacyEntryHash(row.prevHash, row) !== row.hash)) {
        if (!opts.force)
          throw new AuditIntegrityError(
            `The audit trail written before keyed anchoring is already broken at entry #${row.seq}, so it was not re-anchored. ` +
              'Investigate with `salesos audit verify`, then run `salesos audit reanchor --force` to anchor the trail as it stands.',
          );
        brokenAt = row.seq;
      }
      legacyPrev = row.hash;
      const hash = entryMac(key, row.seq, prev, row);
      const link = { seq: row.seq, prevHash: prev, hash };
      prev = hash;
      lastSeq = row.seq;
      count++;
      return link;
    });
    await relinkRows(tx, links);
    if (rows.length < batchSize) break;
  }
  const head = { lastSeq, lastHash: prev, count };
  const stored: StoredHead = { ...head, keyId: key.id, mac: headMac(key, head) };
  await writeHead(tx, stored, at);
  return { head: stored, anchored: count, brokenAt };
}
