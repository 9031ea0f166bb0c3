// Operator actions on the chain as a whole: sign a checkpoint of the current head, and re-anchor.
import { AuditRepository, withChainLock } from '../db/audit-repository.ts';
import type { Prisma } from '../db/client.ts';
import { sqlRunner, type SqlSource } from '../db/sql-runner.ts';
import { anchorRows, AuditIntegrityError, type AnchorResult } from './anchor.ts';
import type { AuditKey } from './audit-key.ts';
import { signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { GENESIS, headMac, sameMac } from './hash-chain.ts';

/** A checkpoint of the head as it stands (the head's own MAC is checked first: a forged head is never signed). */
export async function checkpointNow(prisma: Prisma, key: AuditKey, at: Date = new Date()): Promise<Checkpoint> {
  const head = await new AuditRepository(prisma).head();
  if (!head) return signCheckpoint(key, { lastSeq: 0, lastHash: GENESIS, count: 0 }, at);
  if (head.keyId !== key.id)
    throw new AuditIntegrityError(`The audit trail was anchored with another AUDIT_KEY (key id ${head.keyId}; this one is ${key.id}).`);
  if (!sameMac(headMac(key, head), head.mac)) throw new AuditIntegrityError('The audit chain head fails its MAC (it was edited): run `salesos audit verify`.');
  return signCheckpoint(key, head, at);
}

/**
 * `salesos audit reanchor`: chain every row under the key as it stands. Without force only an unanchored
 * (pre-migration) trail whose old chain is intact is anchored; with force, whatever is there (after a key
 * change, or once an operator has investigated a reported break).
 */
export async function reanchorTrail(db: SqlSource, key: AuditKey, opts: { force?: boolean } = {}): Promise<AnchorResult | { alreadyAnchored: true }> {
  return withChainLock(sqlRunner(db), async (tx, state) => {
    if (state.head && !opts.force) return { alreadyAnchored: true as const };
    return anchorRows(tx, key, state.now, { force: opts.force });
  });
}
