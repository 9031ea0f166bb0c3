// `salesos audit verify`: walk the chain in seq order, in batches, and name the first row that breaks it.
import type { Prisma } from '../db/client.ts';
import { AuditRepository } from '../db/audit-repository.ts';
import { entryHash, GENESIS } from './hash-chain.ts';

export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; firstBadSeq: number; reason: string };

export async function verifyAuditTrail(prisma: Prisma, opts: { batchSize?: number } = {}): Promise<AuditVerification> {
  const repo = new AuditRepository(prisma);
  const batchSize = opts.batchSize ?? 2_000;
  let prevHash = GENESIS;
  let prevSeq: number | undefined;
  let count = 0;
  for (;;) {
    const rows = await repo.batchAfter(prevSeq ?? 0, batchSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        const where = prevSeq === undefined ? 'the first row does not start the chain' : `it does not follow row ${prevSeq}`;
        return { ok: false, count, firstBadSeq: row.seq, reason: `row ${row.seq} is out of chain: ${where} (a row before it was deleted, or rows were re-ordered)` };
      }
      if (entryHash(row.prevHash, row) !== row.hash)
        return { ok: false, count, firstBadSeq: row.seq, reason: `row ${row.seq} was edited: its content no longer matches its hash` };
      prevHash = row.hash;
      prevSeq = row.seq;
      count++;
    }
    if (rows.length < batchSize) return { ok: true, count };
  }
}
