// `salesos audit verify`: walk the chain in seq order, in batches, check every link and keyed MAC, then
// hold the end of the walk against the chain head (and, when given, a checkpoint kept elsewhere), and name
// the first bad entry.
import type { Prisma } from '../db/client.ts';
import { AuditRepository, type StoredHead } from '../db/audit-repository.ts';
import type { AuditKey } from './audit-key.ts';
import { checkpointSigned, type Checkpoint } from './checkpoint.ts';
import { entryMac, GENESIS, headMac, sameMac, type ChainHead } from './hash-chain.ts';

export type AuditVerification = { ok: true; count: number; head: ChainHead } | { ok: false; count: number; firstBadSeq: number; reason: string };

export interface VerifyOptions {
  key: AuditKey;
  batchSize?: number;
  /** A checkpoint printed earlier: the trail must still contain exactly what it names. */
  against?: Checkpoint;
}

export async function verifyAuditTrail(prisma: Prisma, opts: VerifyOptions): Promise<AuditVerification> {
  const { key, against } = opts;
  const repo = new AuditRepository(prisma);
  const batchSize = opts.batchSize ?? 2_000;
  const head: StoredHead | undefined = await repo.head();
  const fail = (count: number, firstBadSeq: number, reason: string): AuditVerification => ({ ok: false, count, firstBadSeq, reason });

  if (against && !checkpointSigned(key, against))
    return fail(0, against.lastSeq, `the checkpoint was not signed with this AUDIT_KEY (key id ${key.id}) or was altered`);
  if (head) {
    if (head.keyId !== key.id) return fail(0, head.lastSeq, `the trail was anchored with another AUDIT_KEY (key id ${head.keyId}; this one is ${key.id})`);
    if (!sameMac(headMac(key, head), head.mac)) return fail(0, head.lastSeq, 'the chain head row was edited: its MAC does not match');
  }

  let prevHash = GENESIS;
  let prevSeq: number | undefined;
  let count = 0;
  let sawCheckpoint = false;
  for (;;) {
    const rows = await repo.batchAfter(prevSeq ?? 0, batchSize);
    for (const row of rows) {
      if (against && !sawCheckpoint && row.seq > against.lastSeq && against.count > 0)
        return fail(
          count,
          against.lastSeq,
          `entry #${against.lastSeq}, the newest one the checkpoint of ${against.at.toISOString()} names, is missing (entries were deleted)`,
        );
      if (row.chainVersion !== 2)
        return fail(
          count,
          row.seq,
          head
            ? `entry #${row.seq} is not chained with the audit key (it was inserted or rewritten outside SalesOS)`
            : `entry #${row.seq} predates keyed anchoring: run \`salesos audit reanchor\` (SalesOS also does it on its next append)`,
        );
      if (head && row.seq > head.lastSeq)
        return fail(count, row.seq, `entry #${row.seq} lies beyond the chain head (#${head.lastSeq}): it was inserted outside SalesOS`);
      if (row.prevHash !== prevHash) {
        const where = prevSeq === undefined ? 'the first entry does not start the chain' : `it does not follow entry #${prevSeq}`;
        return fail(count, row.seq, `entry #${row.seq} is out of chain: ${where} (an entry before it was deleted, or entries were re-ordered)`);
      }
      if (!sameMac(entryMac(key, row.seq, row.prevHash, row), row.hash))
        return fail(count, row.seq, `entry #${row.seq} was edited (or re-chained without the key): its content no longer matches its MAC`);
      prevHash = row.hash;
      prevSeq = row.seq;
      count++;
      if (against && row.seq === against.lastSeq) {
        if (row.hash !== against.lastHash || count !== against.count)
          return fail(count, row.seq, `entry #${row.seq} differs from the checkpoint of ${against.at.toISOString()} (the trail up to it was rewritten)`);
        sawCheckpoint = true;
      }
    }
    if (rows.length < batchSize) break;
  }

  const lastSeq = prevSeq ?? 0;
  if (against && !sawCheckpoint && against.count > 0)
    return fail(
      count,
      lastSeq + 1,
      `the trail ends at entry #${lastSeq}, but the checkpoint of ${against.at.toISOString()} names ${against.count} entries up to #${against.lastSeq} (the newest entries were deleted${count === 0 ? ': the trail was emptied' : ''})`,
    );
  if (!head) {
    if (count > 0) return fail(count, lastSeq, 'the chain head row is missing (it was deleted)');
    return { ok: true, count: 0, head: { lastSeq: 0, lastHash: GENESIS, count: 0 } };
  }
  if (count === 0 && head.count > 0)
    return fail(
      0,
      head.lastSeq - head.count + 1,
      `the trail is empty, but its head records ${head.count} entries up to #${head.lastSeq} (the table was emptied)`,
    );
  if (lastSeq !== head.lastSeq || prevHash !== head.lastHash || count !== head.count)
    return fail(
      count,
      lastSeq + 1,
      `the trail ends at entry #${lastSeq} (${count} entries), but its head records ${head.count} entries up to #${head.lastSeq} (the newest entries were deleted)`,
    );
  return { ok: true, count, head: { lastSeq, lastHash: prevHash, count } };
}
