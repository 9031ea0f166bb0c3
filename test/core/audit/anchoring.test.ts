// The red-team holes of the old chain, each as a test: tail deletion, TRUNCATE, re-chaining with the
// project's own hash function, and an existing (unkeyed) trail that must migrate.
import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reanchorTrail, checkpointNow } from '../../../core/audit/anchoring.ts';
import { auditKeyFrom } from '../../../core/audit/audit-key.ts';
import { createAuditTrail } from '../../../core/audit/audit-trail.ts';
import { formatCheckpoint, parseCheckpoint } from '../../../core/audit/checkpoint.ts';
import { canonicalJson, GENESIS, legacyEntryHash } from '../../../core/audit/hash-chain.ts';
import { verifyAuditTrail } from '../../../core/audit/verify.ts';
import type { AuditInput } from '../../../core/governance.ts';
import { testAuditKey as key } from '../../support/audit-key.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

let db: TestDatabase;
let actorId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  actorId = (await db.prisma.user.create({ data: { email: 'ada@example.com', name: 'Ada' } })).id;
});
afterAll(async () => {
  await db?.drop();
});

function entry(i: number): AuditInput {
  return {
    kind: 'tool',
    name: 'updateLead',
    actorId,
    platform: 'slack',
    conversationId: 'c',
    input: { lead: `lead ${i}`, status: 'contacted' },
    outcome: 'ok',
    costUsd: i / 1000,
    durationMs: 4,
  };
}

async function freshTrail(n = 30): Promise<void> {
  await db.pool.query('TRUNCATE audit_entries; DELETE FROM audit_chain_head');
  const trail = createAuditTrail(db, { key });
  await Promise.all(Array.from({ length: n }, (_, i) => trail.append(entry(i))));
}

const verify = (opts: Partial<Parameters<typeof verifyAuditTrail>[1]> = {}) => verifyAuditTrail(db.prisma, { key, batchSize: 7, ...opts });

async function seqs(): Promise<number[]> {
  const { rows } = await db.pool.query<{ seq: string }>('SELECT seq FROM audit_entries ORDER BY seq');
  return rows.map((r) => Number(r.seq));
}

describe('keyed audit chain', () => {
  beforeEach(() => freshTrail());

  it('keeps a head row in step with every append and verifies intact', async () => {
    const { rows } = await db.pool.query('SELECT "lastSeq", "entryCount", "keyId" FROM audit_chain_head');
    expect(rows.map((r) => ({ ...r, lastSeq: Number(r.lastSeq), entryCount: Number(r.entryCount) }))).toEqual([{ lastSeq: 30, entryCount: 30, keyId: key.id }]);
    expect(await verify()).toMatchObject({ ok: true, count: 30 });
  });

  it('detects the newest entries deleted and names the first missing one', async () => {
    await db.pool.query('DELETE FROM audit_entries WHERE seq > 25');
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 26, count: 25 });
    if (!result.ok) expect(result.reason).toMatch(/newest entries were deleted/);
  });

  it('detects an emptied table (TRUNCATE)', async () => {
    await db.pool.query('TRUNCATE audit_entries');
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 1, count: 0 });
    if (!result.ok) expect(result.reason).toMatch(/emptied/);
  });

  it('detects a deleted entry in the middle', async () => {
    await db.pool.query('DELETE FROM audit_entries WHERE seq = 12');
    expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 13, count: 11 });
  });

  it('detects re-ordered entries', async () => {
    await db.pool.query(
      'UPDATE audit_entries SET seq = -1 WHERE seq = 5; UPDATE audit_entries SET seq = 5 WHERE seq = 6; UPDATE audit_entries SET seq = 6 WHERE seq = -1',
    );
    expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('detects an edit re-chained with the old unkeyed hash function, and with a guessed key', async () => {
    for (const rechain of [
      (prev: string, row: Record<string, unknown>) => legacyEntryHash(prev, row as never),
      (prev: string, row: Record<string, unknown>, seq: number) =>
        crypto
          .createHmac('sha256', 'a-guessed-key-that-is-not-the-real-one!!')
          .update(canonicalJson({ v: 2, seq, prevHash: prev, ...row, createdAt: (row.createdAt as Date).toISOString() }))
          .digest('hex'),
    ]) {
      await freshTrail();
      await db.pool.query(`UPDATE audit_entries SET input = '{"lead":"someone else","status":"customer"}' WHERE seq = 10`);
      // Re-chain from the edited row to the end, and the head too, as someone with only the database could.
      const { rows } = await db.pool.query(`SELECT * FROM audit_entries WHERE seq >= 10 ORDER BY seq`);
      let prev = (await db.pool.query(`SELECT hash FROM audit_entries WHERE seq = 9`)).rows[0].hash as string;
      for (const r of rows) {
        const fields = {
          createdAt: new Date(r.createdAt),
          actorId: r.actorId,
          platform: r.platform,
          conversationId: r.conversationId,
          kind: r.kind,
          name: r.name,
          input: r.input,
          outcome: r.outcome,
          errorCode: r.errorCode,
          costUsd: r.costUsd,
          durationMs: r.durationMs,
        };
        const hash = rechain(prev, fields, Number(r.seq));
        await db.pool.query(`UPDATE audit_entries SET "prevHash" = $2, hash = $3 WHERE seq = $1`, [r.seq, prev, hash]);
        prev = hash;
      }
      await db.pool.query(`UPDATE audit_chain_head SET "lastHash" = $1`, [prev]);
      const result = await verify();
      expect(result.ok).toBe(false);
      // The forged head fails first; with the head put back, the first re-chained entry is named.
      if (!result.ok) expect(result.reason).toMatch(/head row was edited/);
    }
  });

  it('names the first re-chained entry when only entries were re-chained', async () => {
    await db.pool.query(`UPDATE audit_entries SET outcome = 'denied' WHERE seq = 17`);
    const row = (await db.pool.query(`SELECT * FROM audit_entries WHERE seq = 17`)).rows[0];
    const fields = {
      createdAt: row.createdAt,
      actorId: row.actorId,
      platform: row.platform,
      conversationId: row.conversationId,
      kind: row.kind,
      name: row.name,
      input: row.input,
      outcome: row.outcome,
      errorCode: row.errorCode,
      costUsd: row.costUsd,
      durationMs: row.durationMs,
    };
    await db.pool.query(`UPDATE audit_entries SET hash = $2 WHERE seq = $1`, [17, legacyEntryHash(row.prevHash, fields)]);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 17, count: 16 });
    if (!result.ok) expect(result.reason).toMatch(/edited \(or re-chained without the key\)/);
  });

  it('refuses to extend a forged head, so an append never launders it', async () => {
    await db.pool.query('DELETE FROM audit_entries WHERE seq > 20; UPDATE audit_chain_head SET "lastSeq" = 20, "entryCount" = 20');
    await expect(createAuditTrail(db, { key }).append(entry(99))).rejects.toThrow(/head fails its MAC/);
    expect(await verify()).toMatchObject({ ok: false });
  });

  it('detects a deleted head row, and keeps refusing appends until an operator re-anchors', async () => {
    await db.pool.query('DELETE FROM audit_chain_head');
    const result = await verify();
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toMatch(/head row is missing/);
    await expect(createAuditTrail(db, { key }).append(entry(99))).rejects.toThrow(/head row is missing/);
    expect(await reanchorTrail(db, key, { force: true })).toMatchObject({ anchored: 30 });
    await createAuditTrail(db, { key }).append(entry(99));
    expect(await verify()).toMatchObject({ ok: true, count: 31 });
  });

  it('refuses a trail anchored with another key', async () => {
    const other = auditKeyFrom('another-key-another-key-another-key-1234');
    const result = await verifyAuditTrail(db.prisma, { key: other });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toMatch(/another AUDIT_KEY/);
  });
});

describe('signed checkpoints', () => {
  beforeEach(() => freshTrail(40));

  it('round-trip as one line and pass while the trail holds what they name, also after later appends', async () => {
    const line = formatCheckpoint(await checkpointNow(db.prisma, key, new Date('2026-11-29T12:00:00Z')));
    expect(line).toMatch(
      /^salesos-audit-checkpoint\/v1\/seq=40\/count=40\/hash=[0-9a-f]{64}\/at=2026-11-29T12:00:00.000Z\/key=[0-9a-f]{16}\/mac=[0-9a-f]{64}$/,
    );
    await createAuditTrail(db, { key }).append(entry(41));
    expect(await verify({ against: parseCheckpoint(line) })).toMatchObject({ ok: true, count: 41 });
  });

  it('detect a trail emptied together with its head row', async () => {
    const cp = await checkpointNow(db.prisma, key, new Date('2026-11-29T12:00:00Z'));
    await db.pool.query('TRUNCATE audit_entries; DELETE FROM audit_chain_head');
    expect(await verify()).toMatchObject({ ok: true, count: 0 });
    const result = await verify({ against: cp });
    expect(result).toMatchObject({ ok: false, firstBadSeq: 1 });
    if (!result.ok) expect(result.reason).toMatch(/emptied/);
  });

  it('detect a rollback of entries and head to an earlier consistent state', async () => {
    const saved = (await db.pool.query('SELECT * FROM audit_chain_head')).rows[0];
    const trail = createAuditTrail(db, { key });
    for (let i = 0; i < 5; i++) await trail.append(entry(100 + i));
    const cp = await checkpointNow(db.prisma, key, new Date('2026-11-29T12:00:00Z'));
    await db.pool.query('DELETE FROM audit_entries WHERE seq > 40');
    await db.pool.query('UPDATE audit_chain_head SET "lastSeq" = $1, "lastHash" = $2, "entryCount" = $3, mac = $4', [
      saved.lastSeq,
      saved.lastHash,
      saved.entryCount,
      saved.mac,
    ]);
    expect(await verify()).toMatchObject({ ok: true, count: 40 });
    expect(await verify({ against: cp })).toMatchObject({ ok: false, firstBadSeq: 41 });
  });

  it('refuse a forged or altered checkpoint', async () => {
    const line = formatCheckpoint(await checkpointNow(db.prisma, key, new Date('2026-11-29T12:00:00Z')));
    const altered = parseCheckpoint(line.replace('/count=40/', '/count=39/'));
    const result = await verify({ against: altered });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toMatch(/not signed with this AUDIT_KEY .* or was altered/);
    expect(() => parseCheckpoint('seq=1')).toThrow(/not a SalesOS audit checkpoint/);
  });

  it('go to the log every N entries through the writer', async () => {
    const lines: string[] = [];
    const trail = createAuditTrail(db, { key, checkpointEvery: 10, onCheckpoint: (l) => lines.push(l) });
    for (let i = 0; i < 25; i++) await trail.append(entry(i));
    // 40 → 65 entries crosses 50 and 60.
    expect(lines.map((l) => parseCheckpoint(l).count)).toEqual([50, 60]);
    expect(await verify({ against: parseCheckpoint(lines[0]!) })).toMatchObject({ ok: true, count: 65 });
  });
});

describe('an existing unkeyed trail migrates', () => {
  async function legacyTrail(n: number): Promise<void> {
    await db.pool.query('TRUNCATE audit_entries; DELETE FROM audit_chain_head');
    let prev = GENESIS;
    for (let i = 0; i < n; i++) {
      const fields = {
        createdAt: new Date(Date.UTC(2026, 10, 1, 9, 0, i)),
        actorId,
        platform: 'slack',
        conversationId: 'c',
        kind: 'tool',
        name: 'findLeads',
        input: { q: `cto ${i}` },
        outcome: 'ok',
        errorCode: null,
        costUsd: '0.001000',
        durationMs: 3,
      };
      const hash = legacyEntryHash(prev, fields);
      await db.pool.query(
        `INSERT INTO audit_entries ("createdAt", "actorId", platform, "conversationId", kind, name, input, outcome, "costUsd", "durationMs", "prevHash", hash, "chainVersion")
         VALUES ($1,$2,'slack','c','tool','findLeads',$3,'ok',0.001,3,$4,$5,1)`,
        [fields.createdAt, actorId, JSON.stringify(fields.input), prev, hash],
      );
      prev = hash;
    }
  }

  it('reports an unanchored trail, then anchors it on the next append and verifies', async () => {
    await legacyTrail(12);
    const before = await verify();
    expect(before).toMatchObject({ ok: false });
    if (!before.ok) expect(before.reason).toMatch(/predates keyed anchoring/);
    await createAuditTrail(db, { key }).append(entry(1));
    expect(await verify()).toMatchObject({ ok: true, count: 13 });
    expect(await seqs()).toHaveLength(13);
  });

  it('anchors through `reanchor`, and refuses to launder an old chain that was already broken', async () => {
    await legacyTrail(12);
    await db.pool.query(`UPDATE audit_entries SET outcome = 'denied' WHERE seq = (SELECT min(seq) + 4 FROM audit_entries)`);
    await expect(reanchorTrail(db, key)).rejects.toThrow(/already broken at entry #\d+/);
    await expect(createAuditTrail(db, { key }).append(entry(1))).rejects.toThrow(/already broken/);
    const forced = await reanchorTrail(db, key, { force: true });
    expect(forced).toMatchObject({ anchored: 12 });
    expect(await verify()).toMatchObject({ ok: true, count: 12 });
    expect(await reanchorTrail(db, key)).toEqual({ alreadyAnchored: true });
  });
});
