import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail, tailAudit } from '../../../core/audit/audit-trail.ts';
import { GENESIS } from '../../../core/audit/hash-chain.ts';
import { EMAIL_BODY_FIELDS } from '../../../core/audit/redact-input.ts';
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
  // 200 concurrent appends from two pools (two "processes"), one through its pg pool, one through Prisma.
  const trails = [createAuditTrail(db, { key: auditKey }), createAuditTrail(second.prisma, { key: auditKey })];
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      trails[i % 2]!.append(
        entry({ name: i % 3 ? 'findLeads' : 'enrichLead', input: { query: `cto fintech ${i}`, limit: i, nested: { b: 1, a: [1.5, 'x'] } }, costUsd: i / 1000 }),
      ),
    ),
  );
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

async function rows() {
  return db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
}

describe('audit trail chain', () => {
  it('links 200 concurrent appends from two pools into one chain without forks', async () => {
    const all = await rows();
    expect(all).toHaveLength(200);
    expect(all[0]!.prevHash).toBe(GENESIS);
    expect(new Set(all.map((r) => r.prevHash)).size).toBe(200);
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
  });

  it('verifies an intact trail, reading it in batches', async () => {
    expect(await verifyAuditTrail(db.prisma, { key: auditKey, batchSize: 7 })).toMatchObject({ ok: true, count: 200 });
  });

  it('detects an edited row and names it', async () => {
    const target = (await rows())[120]!;
    await db.pool.query(`UPDATE audit_entries SET input = '{"query":"something else"}' WHERE seq = $1`, [target.seq]);
    const result = await verifyAuditTrail(db.prisma, { key: auditKey, batchSize: 50 });
    await db.pool.query(`UPDATE audit_entries SET input = $2::jsonb WHERE seq = $1`, [target.seq, JSON.stringify(target.input)]);
    expect(result).toMatchObject({ ok: false, firstBadSeq: Number(target.seq), count: 120 });
    if (!result.ok) expect(result.reason).toMatch(/edited/);
    expect((await verifyAuditTrail(db.prisma, { key: auditKey })).ok).toBe(true);
  });

  it('detects an edited cost', async () => {
    const target = (await rows())[10]!;
    await db.pool.query(`UPDATE audit_entries SET "costUsd" = 0 WHERE seq = $1`, [target.seq]);
    const result = await verifyAuditTrail(db.prisma, { key: auditKey });
    await db.pool.query(`UPDATE audit_entries SET "costUsd" = $2 WHERE seq = $1`, [target.seq, target.costUsd.toString()]);
    expect(result).toMatchObject({ ok: false, firstBadSeq: Number(target.seq) });
  });

  it('detects a deleted row and names the row after the gap', async () => {
    const all = await rows();
    const victim = all[60]!;
    const { rows: saved } = await db.pool.query(`DELETE FROM audit_entries WHERE seq = $1 RETURNING *`, [victim.seq]);
    const result = await verifyAuditTrail(db.prisma, { key: auditKey });
    const s = saved[0];
    await db.pool.query(
      `INSERT INTO audit_entries (seq, "createdAt", "actorId", platform, "conversationId", kind, name, input, outcome, "errorCode", "costUsd", "durationMs", "prevHash", hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        s.seq,
        s.createdAt,
        s.actorId,
        s.platform,
        s.conversationId,
        s.kind,
        s.name,
        s.input,
        s.outcome,
        s.errorCode,
        s.costUsd,
        s.durationMs,
        s.prevHash,
        s.hash,
      ],
    );
    expect(result).toMatchObject({ ok: false, firstBadSeq: Number(all[61]!.seq), count: 60 });
    if (!result.ok) expect(result.reason).toMatch(/deleted|re-ordered/);
    expect((await verifyAuditTrail(db.prisma, { key: auditKey })).ok).toBe(true);
  });

  it('detects two rows whose order was swapped', async () => {
    const all = await rows();
    const [a, b] = [Number(all[30]!.seq), Number(all[31]!.seq)];
    const swap = async () => {
      await db.pool.query(`UPDATE audit_entries SET seq = -1 WHERE seq = $1`, [a]);
      await db.pool.query(`UPDATE audit_entries SET seq = $1 WHERE seq = $2`, [a, b]);
      await db.pool.query(`UPDATE audit_entries SET seq = $1 WHERE seq = -1`, [b]);
    };
    await swap();
    const result = await verifyAuditTrail(db.prisma, { key: auditKey });
    await swap();
    expect(result).toMatchObject({ ok: false, firstBadSeq: a });
    expect((await verifyAuditTrail(db.prisma, { key: auditKey })).ok).toBe(true);
  });

  it('detects a deleted first row', async () => {
    const { rows: saved } = await db.pool.query(`DELETE FROM audit_entries WHERE "prevHash" = 'GENESIS' RETURNING seq`);
    const result = await verifyAuditTrail(db.prisma, { key: auditKey });
    expect(result).toMatchObject({ ok: false, count: 0 });
    if (!result.ok) expect(result.firstBadSeq).toBeGreaterThan(Number(saved[0].seq));
  });
});

describe('audit trail storage', () => {
  it('never stores a bearer token or an email body', async () => {
    const trail = createAuditTrail(db, { key: auditKey });
    const body = 'Hi Jane, I noticed Acme is hiring three data engineers. Worth a call next week?';
    const seq = await trail.appendRow(
      entry({
        name: 'roastEmail',
        input: { subject: 'Quick idea', body, note: 'sent with Authorization: Bearer abcdefghijklmnop123456', apiKey: 'k-123456789' },
        redactFields: EMAIL_BODY_FIELDS,
      }),
    );
    const stored = await db.prisma.auditEntry.findUniqueOrThrow({ where: { seq: BigInt(seq) } });
    const text = JSON.stringify(stored.input);
    expect(text).not.toContain('abcdefghijklmnop123456');
    expect(text).not.toContain('k-123456789');
    expect(text).not.toContain('data engineers');
    expect(stored.input).toMatchObject({ subject: 'Quick idea', body: '[email body: 15 words]' });
  });

  it('tails the newest rows for one user and one tool', async () => {
    const other = (await db.prisma.user.create({ data: { email: 'bob@example.com', name: 'Bob' } })).id;
    const trail = createAuditTrail(db, { key: auditKey });
    await trail.append(entry({ actorId: other, name: 'enrichLead', outcome: 'denied', errorCode: 'forbidden' }));
    await trail.append(entry({ actorId: other, name: 'findLeads' }));
    const tail = await tailAudit(db.prisma, { userEmail: 'bob@example.com', tool: 'enrichLead', limit: 10 });
    expect(tail).toHaveLength(1);
    expect(tail[0]).toMatchObject({ actorEmail: 'bob@example.com', name: 'enrichLead', outcome: 'denied', errorCode: 'forbidden' });
    expect((await tailAudit(db.prisma, { limit: 2 })).map((r) => r.name)).toEqual(['findLeads', 'enrichLead']);
    await expect(tailAudit(db.prisma, { userEmail: 'nobody@example.com' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
