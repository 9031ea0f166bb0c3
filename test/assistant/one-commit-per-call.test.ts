// One durable commit per tool call on the hot path: the reservation commits asynchronously (PostgreSQL says
// so), the settle and the audit row commit together, durably, once. And the promises around it: a lost
// reservation row still gets its charge written, a failed combined commit leaves neither the charge nor the
// row (the caller gets a clear error), the chain verifies throughout.
import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../core/agent/types.ts';
import { createAuditTrail, type AppendingAuditTrail } from '../../core/audit/audit-trail.ts';
import { verifyAuditTrail } from '../../core/audit/verify.ts';
import { createConfirmations } from '../../core/confirmations.ts';
import { createCostGuard } from '../../core/cost/cost-guard.ts';
import { VENDORED_PRICES, type PriceTable } from '../../core/cost/prices.ts';
import { sweepStaleReservations } from '../../core/cost/reservation-sweeper.ts';
import type { Guards } from '../../core/governance.ts';
import { runTool } from '../../assistant/run-tool.ts';
import type { SalesTool, ToolContext } from '../../tools/tool.ts';
import { testAuditKey as auditKey } from '../support/audit-key.ts';
import { recordingPool, type CommitRecorder } from '../support/commit-recorder.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let rec: CommitRecorder;
let audit: AppendingAuditTrail;
let guards: Guards;
let n = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  rec = recordingPool(db.url);
  audit = createAuditTrail({ pool: rec.pool }, { key: auditKey });
  guards = { costs: createCostGuard({ db: { pool: rec.pool }, defaultDailyLimitUsd: 5, audit }), audit, confirmations: createConfirmations(db.prisma) };
});
afterAll(async () => {
  await rec?.pool.end();
  await db?.drop();
});

async function makeRep(dailyLimitUsd = 1): Promise<Actor> {
  const u = await db.prisma.user.create({ data: { email: `commit${++n}@example.com`, name: `Rep ${n}`, dailyLimitUsd } });
  return { id: u.id, email: u.email, name: u.name, role: 'rep', timeZone: 'UTC', teamId: null };
}

const ctxOf = (actor: Actor): ToolContext => ({
  actor,
  platform: 'console',
  scope: { kind: 'all' },
  teamMemberIds: [],
  services: { guards } as unknown as ToolContext['services'],
});

const input = z.object({ q: z.string() });
const freeTool: SalesTool<typeof input> = {
  name: 'lookUp',
  description: 'Looks something up',
  inputSchema: input,
  permission: 'leads:read',
  statusText: 'Looking…',
  capability: 'look something up',
  redactInAudit: [],
  execute: async (i) => ({ summary: `found ${i.q}` }),
};
const paidTool: SalesTool<typeof input> = {
  ...freeTool,
  name: 'paidLookUp',
  estimateCostUsd: () => 0.01,
  execute: async (i) => ({ summary: `found ${i.q}`, costUsd: 0.004 }),
};
const failingPaidTool: SalesTool<typeof input> = {
  ...paidTool,
  name: 'failingLookUp',
  execute: async () => {
    throw new Error('the provider hung up');
  },
};

const durable = () => rec.transactions().filter((t) => t.committed && !t.asynchronous);
const verify = () => verifyAuditTrail(db.prisma, { key: auditKey });
const usageOf = (userId: string) => db.prisma.usageEntry.findMany({ where: { userId } });
const auditOf = (userId: string, name: string) => db.prisma.auditEntry.findMany({ where: { actorId: userId, name } });

describe('commits per tool call', () => {
  it('a paid tool call commits twice, and only one of the two waits for the WAL flush (settle + audit)', async () => {
    const rep = await makeRep();
    await runTool(paidTool, { q: 'warm-up' }, ctxOf(rep)); // the trail's first append reads the head under the lock
    for (let i = 0; i < 5; i++) {
      rec.reset();
      const out = await runTool(paidTool, { q: `call ${i}` }, ctxOf(rep));
      expect(out).toMatchObject({ ok: true, outcome: 'ok', costUsd: 0.004 });
      const txs = rec.transactions();
      expect(txs.filter((t) => t.committed)).toHaveLength(2);
      expect(txs.filter((t) => t.asynchronous).map((t) => t.statements.join(' '))).toEqual([expect.stringContaining('salesos_reserve_usage')]);
      expect(durable()).toHaveLength(1);
      expect(durable()[0]!.statements.join(' ')).toContain('salesos_append_audit');
    }
    const rows = await usageOf(rep.id);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'settled' && Number(r.costUsd) === 0.004)).toBe(true);
    expect(await auditOf(rep.id, 'paidLookUp')).toHaveLength(6);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('with a budget lease, a paid tool call commits once: its settle + audit; only the lease is taken, asynchronously, by the first', async () => {
    const rep = await makeRep();
    const leased = createCostGuard({ db: { pool: rec.pool }, defaultDailyLimitUsd: 5, audit, lease: { share: 0.2, serveMs: 60_000, idleMs: 60_000 } });
    const ctx: ToolContext = { ...ctxOf(rep), services: { guards: { ...guards, costs: leased } } as unknown as ToolContext['services'] };
    rec.reset();
    expect(await runTool(paidTool, { q: 'first' }, ctx)).toMatchObject({ ok: true, costUsd: 0.004 });
    expect(
      rec
        .transactions()
        .filter((t) => t.asynchronous)
        .map((t) => t.statements.join(' ')),
    ).toEqual([expect.stringContaining('salesos_take_lease')]);
    expect(durable()).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      rec.reset();
      expect(await runTool(paidTool, { q: `call ${i}` }, ctx)).toMatchObject({ ok: true, outcome: 'ok', costUsd: 0.004 });
      // No reservation round trip at all: one transaction, the durable settle + audit.
      expect(rec.transactions().filter((t) => t.committed)).toHaveLength(1);
      expect(durable()).toHaveLength(1);
      expect(durable()[0]!.statements.join(' ')).toContain('salesos_append_audit');
    }
    const rows = await usageOf(rep.id);
    expect(rows.filter((r) => !r.lease).every((r) => r.status === 'settled' && Number(r.costUsd) === 0.004)).toBe(true);
    expect(rows.filter((r) => !r.lease)).toHaveLength(6);
    await leased.settleOpen();
    expect((await usageOf(rep.id)).filter((r) => r.status === 'reserved')).toEqual([]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a free tool call and a failing paid call each make exactly one durable commit too', async () => {
    const rep = await makeRep();
    rec.reset();
    expect(await runTool(freeTool, { q: 'x' }, ctxOf(rep))).toMatchObject({ ok: true });
    expect(rec.transactions().filter((t) => t.committed)).toHaveLength(1);
    expect(durable()).toHaveLength(1);

    rec.reset();
    const out = await runTool(failingPaidTool, { q: 'x' }, ctxOf(rep));
    expect(out).toMatchObject({ ok: false, outcome: 'error' });
    expect(durable()).toHaveLength(1);
    // Failed, yet settled (at the reservation: the paid call may have happened) and audited.
    const [row] = await usageOf(rep.id);
    expect(row).toMatchObject({ status: 'settled', name: 'failingLookUp' });
    expect(Number(row!.costUsd)).toBe(0.01);
    const [entry] = await auditOf(rep.id, 'failingLookUp');
    expect(entry).toMatchObject({ outcome: 'error' });
    expect(Number(entry!.costUsd)).toBe(0.01);
  });

  it('concurrent calls of one rep never overspend the budget, with the reservation committed asynchronously', async () => {
    const rep = await makeRep(0.05); // fits 5 reservations of $0.01
    // Every admitted call holds its reservation until all 20 have been admitted or refused: otherwise a call
    // settling early ($0.004 of its $0.01) frees room and a sixth is rightly admitted on a slow machine.
    let admitted = 0;
    let refused = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const check = () => admitted + refused === 20 && release();
    const heldTool: SalesTool<typeof input> = {
      ...paidTool,
      execute: async (i) => {
        admitted++;
        check();
        await gate;
        return paidTool.execute(i, undefined as never);
      },
    };
    const outs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runTool(heldTool, { q: `c${i}` }, ctxOf(rep)).then((o) => {
          if (o.outcome === 'over_budget') {
            refused++;
            check();
          }
          return o;
        }),
      ),
    );
    expect(outs.filter((o) => o.ok)).toHaveLength(5);
    expect(outs.filter((o) => o.outcome === 'over_budget')).toHaveLength(15);
    const rows = await usageOf(rep.id);
    expect(rows.reduce((s, r) => s + Number(r.costUsd), 0)).toBeCloseTo(0.02, 6);
    expect(await auditOf(rep.id, 'paidLookUp')).toHaveLength(20);
    expect(await verify()).toMatchObject({ ok: true });
  });
});

describe('a reservation whose row was lost', () => {
  it('(an asynchronous commit gone in a database crash) still gets its charge written, once, with the audit row', async () => {
    const rep = await makeRep(0.015);
    // The row disappears between reserve and settle, as after a crash before the WAL flush.
    const losingTool: SalesTool<typeof input> = {
      ...paidTool,
      name: 'losingLookUp',
      execute: async (i) => {
        const r = await db.pool.query(`DELETE FROM usage_entries WHERE "userId" = $1 AND status = 'reserved'`, [rep.id]);
        expect(r.rowCount).toBe(1);
        return { summary: `found ${i.q}`, costUsd: 0.004 };
      },
    };
    expect(await runTool(losingTool, { q: 'x' }, ctxOf(rep))).toMatchObject({ ok: true, costUsd: 0.004 });
    const rows = await usageOf(rep.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'settled', name: 'losingLookUp', sweptAt: null });
    expect(Number(rows[0]!.costUsd)).toBe(0.004);
    expect(await auditOf(rep.id, 'losingLookUp')).toHaveLength(1);
    // The budget counts it from then on: $0.004 spent of $0.015, so a $0.01 call fits and, at $0.008 spent, a second does not.
    expect(await runTool(paidTool, { q: 'y' }, ctxOf(rep))).toMatchObject({ ok: true });
    expect(await runTool(paidTool, { q: 'z' }, ctxOf(rep))).toMatchObject({ outcome: 'over_budget' });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('already swept (the call outlived the sweep bound) is not charged twice', async () => {
    const rep = await makeRep();
    const slowTool: SalesTool<typeof input> = {
      ...paidTool,
      name: 'slowLookUp',
      execute: async (i) => {
        expect(await sweepStaleReservations({ db, audit, olderThanMs: 0 })).toHaveLength(1);
        return { summary: `found ${i.q}`, costUsd: 0.004 };
      },
    };
    const out = await runTool(slowTool, { q: 'x' }, ctxOf(rep));
    expect(out).toMatchObject({ ok: true, costUsd: 0 });
    const rows = await usageOf(rep.id);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.costUsd)).toBe(0.01); // the sweeper's charge, at the reservation
    expect(rows[0]!.sweptAt).not.toBeNull();
  });
});

describe('the combined settle + audit commit failing', () => {
  // A fault inside PostgreSQL, on one side of the commit only: the other side must roll back with it.
  async function withTrigger(table: 'audit_entries' | 'usage_entries', when: string, fn: () => Promise<void>): Promise<void> {
    await db.pool.query(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await db.pool.query(`CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION test_refuse()`);
    try {
      await fn();
    } finally {
      await db.pool.query(`DROP TRIGGER test_refuse ON ${table}; DROP FUNCTION test_refuse()`);
    }
  }

  it('when the audit row is refused, the charge is not written either; the caller gets a clear error; the sweeper settles it later', async () => {
    const rep = await makeRep();
    let out;
    await withTrigger('audit_entries', `NEW.name = 'paidLookUp' AND NEW."actorId" = '${rep.id}'`, async () => {
      out = await runTool(paidTool, { q: 'x' }, ctxOf(rep));
    });
    expect(out).toMatchObject({ ok: false, outcome: 'error', error: { code: 'not_recorded' } });
    expect((out as unknown as { summary: string }).summary).toMatch(
      /^The paidLookUp call ran, but SalesOS could not save its cost and audit record, so its result is not used\./,
    );
    const [row] = await usageOf(rep.id);
    expect(row).toMatchObject({ status: 'reserved', settledAt: null });
    expect(await auditOf(rep.id, 'paidLookUp')).toHaveLength(0);
    expect(await verify()).toMatchObject({ ok: true });

    // The open reservation is not left behind: the sweeper charges it at its reserved amount, audited.
    const swept = (await sweepStaleReservations({ db, audit, olderThanMs: 0 })).filter((s) => s.userId === rep.id);
    expect(swept.map((s) => s.id)).toEqual([row!.id]);
    expect(await db.prisma.auditEntry.count({ where: { actorId: rep.id, errorCode: 'reservation_swept' } })).toBe(1);
    // And the next call goes through as usual.
    expect(await runTool(paidTool, { q: 'y' }, ctxOf(rep))).toMatchObject({ ok: true });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('when the charge is refused, the audit row is not written either', async () => {
    const rep = await makeRep();
    let out;
    await withTrigger('usage_entries', `NEW.status = 'settled' AND NEW."userId" = '${rep.id}'`, async () => {
      out = await runTool(paidTool, { q: 'x' }, ctxOf(rep));
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'not_recorded' } });
    const [row] = await usageOf(rep.id);
    expect(row).toMatchObject({ status: 'reserved' });
    expect(await auditOf(rep.id, 'paidLookUp')).toHaveLength(0);
    expect(await verify()).toMatchObject({ ok: true });
  });
});

describe('a process killed between reserve and settle', () => {
  it('leaves an open reservation (PostgreSQL keeps an asynchronous commit when only the client dies) that the sweeper settles once; it never blocks the budget for good', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const rep = await makeRep(0.02);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.resolve(import.meta.dirname, '../support/reserve-and-die.ts'), db.url, rep.id, '0.015'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal).toBe('SIGKILL');
    const id = child.stdout.trim();
    expect(await db.prisma.usageEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'reserved', userId: rep.id });
    // While open it holds its estimate: $0.015 of $0.02 is taken, a $0.01 call does not fit.
    expect(await runTool(paidTool, { q: 'x' }, ctxOf(rep))).toMatchObject({ outcome: 'over_budget' });

    const swept = (await sweepStaleReservations({ db, audit, olderThanMs: 0 })).filter((s) => s.userId === rep.id);
    expect(swept.map((s) => s.id)).toEqual([id]);
    expect(await sweepStaleReservations({ db, audit, olderThanMs: 0 })).toEqual([]);
    expect(await db.prisma.usageEntry.count({ where: { userId: rep.id, status: 'reserved' } })).toBe(0);
    // Charged at its worst case for that day (the paid call may have happened), not held open: the next
    // budget day starts whole.
    const tomorrow = createCostGuard({ db, defaultDailyLimitUsd: 5, now: () => new Date(Date.parse(swept[0]!.createdAt.toISOString()) + 86_400_000) });
    const r = await tomorrow.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.02 });
    await tomorrow.release(r);
    expect(await verify()).toMatchObject({ ok: true });
  }, 90_000);
});

describe('a paid model call', () => {
  it('makes the same single durable commit: reservation asynchronous, settle + audit together', async () => {
    const rep = await makeRep();
    // $1000 per 1M input tokens and $2000 per 1M output: 10 input + 20 output tokens cost $0.05.
    const prices: PriceTable = {
      ...VENDORED_PRICES,
      models: { ...VENDORED_PRICES.models, 'test-model': { inputPerMTok: 1000, outputPerMTok: 2000, maxOutputTokens: 100 } },
    };
    const costs = createCostGuard({ db: { pool: rec.pool }, defaultDailyLimitUsd: 5, prices, audit });
    const usage: LanguageModelV4Usage = {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 20, text: 20, reasoning: undefined },
    };
    const mock = new MockLanguageModelV4({
      modelId: 'test-model',
      doGenerate: async () => ({ content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] }),
    });
    const model = wrapLanguageModel({ model: mock, middleware: costs.modelMiddleware(rep, 'test-model', { platform: 'console' }) });
    await generateText({ model, prompt: 'warm-up' });
    rec.reset();
    expect((await generateText({ model, prompt: 'Hello' })).text).toBe('Hi');
    expect(rec.transactions().filter((t) => t.committed)).toHaveLength(2);
    expect(durable()).toHaveLength(1);
    expect(durable()[0]!.statements.join(' ')).toContain('salesos_append_audit');
    const rows = await usageOf(rep.id);
    expect(rows.map((r) => [r.status, Number(r.costUsd), r.inputTokens, r.outputTokens])).toEqual([
      ['settled', 0.05, 10, 20],
      ['settled', 0.05, 10, 20],
    ]);
    expect(await auditOf(rep.id, 'test-model')).toHaveLength(2);
  });
});
