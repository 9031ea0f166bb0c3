import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail } from '../../../core/audit/audit-trail.ts';
import { verifyAuditTrail } from '../../../core/audit/verify.ts';
import { openDatabase, type Database } from '../../../core/db/client.ts';
import type { AuditInput } from '../../../core/governance.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { testAuditKey as auditKey } from '../../support/audit-key.ts';

let db: TestDatabase;
let second: Database;
let actorId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  second = await openDatabase({ databaseUrl: db.url, dataDir: '', migrate: false });
  actorId = (await db.prisma.user.create({ data: { email: 'ada@example.com', name: 'Ada' } })).id;
});
afterAll(async () => {
  await second?.close();
  await db?.drop();
});

function entry(over: Partial<AuditInput> = {}): AuditInput {
  return {
    kind: 'tool',
    name: 'findLeads',
    actorId,
    platform: 'slack',
    conversationId: 'conv-1',
    input: {},
    outcome: 'ok',
    costUsd: 0,
    durationMs: 3,
    ...over,
  };
}

async function count(): Promise<number> {
  return db.prisma.auditEntry.count();
}

describe('batched audit appends', () => {
  it('chains 400 concurrent appends from two processes, each writing in batches, into one intact chain', async () => {
    const before = await count();
    // Two pool-based trails: two processes' batched writers competing for the chain lock.
    const trails = [createAuditTrail(db, { key: auditKey, maxBatch: 50 }), createAuditTrail(second, { key: auditKey, maxBatch: 50 })];
    const seqs = await Promise.all(Array.from({ length: 400 }, (_, i) => trails[i % 2]!.appendRow(entry({ input: { query: `cto ${i}` }, costUsd: i / 1000 }))));
    expect(new Set(seqs).size).toBe(400);
    expect(await count()).toBe(before + 400);
    expect(await verifyAuditTrail(db.prisma, { key: auditKey, batchSize: 64 })).toMatchObject({ ok: true, count: before + 400 });
    // Rows written in one batch share its timestamp: far fewer transactions than rows.
    const { rows } = await db.pool.query<{ batches: number }>(`SELECT COUNT(DISTINCT "createdAt")::int AS batches FROM audit_entries`);
    expect(rows[0]!.batches).toBeLessThan(100);
  });

  it('resolves each append with its own row, in the order the appends were made', async () => {
    const trail = createAuditTrail(db, { key: auditKey });
    const seqs = await Promise.all(['a', 'b', 'c'].map((name) => trail.appendRow(entry({ name }))));
    const stored = await db.prisma.auditEntry.findMany({ where: { seq: { in: seqs.map(BigInt) } }, orderBy: { seq: 'asc' } });
    expect(stored.map((r) => [Number(r.seq), r.name])).toEqual([
      [seqs[0], 'a'],
      [seqs[1], 'b'],
      [seqs[2], 'c'],
    ]);
  });

  it('rejects only the append whose row cannot be stored; the rest of its batch is committed', async () => {
    const trail = createAuditTrail(db, { key: auditKey });
    const before = await count();
    const ghost = '00000000-0000-4000-8000-000000000000'; // no such user: a foreign-key violation
    const results = await Promise.allSettled([
      trail.append(entry({ name: 'first' })),
      trail.append(entry({ name: 'ghost', actorId: ghost })),
      trail.append(entry({ name: 'last' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(before + 2);
    expect((await verifyAuditTrail(db.prisma, { key: auditKey })).ok).toBe(true);
  });

  it('gives every waiter of a batch the error when the database cannot be written', async () => {
    const gone = await openDatabase({ databaseUrl: db.url, dataDir: '', migrate: false });
    await gone.close();
    const trail = createAuditTrail(gone, { key: auditKey });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => trail.append(entry())));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});
