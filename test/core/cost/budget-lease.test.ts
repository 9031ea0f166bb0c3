// CostGuard budget leases (core/cost/budget-lease.ts): reservations served in memory from a slice of the budget
// a process holds in PostgreSQL. The promises: a budget is never overspent, across processes too; a call is never
// charged twice; a crash loses no recorded spend and leaves at most one lease held, which the sweeper settles once;
// totals stay equal to the ledger's sums; unused lease goes back (idle, replaced, shutdown).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/agent/types.ts';
import { createAuditTrail, type AppendingAuditTrail } from '../../../core/audit/audit-trail.ts';
import { verifyAuditTrail } from '../../../core/audit/verify.ts';
import { createCostGuard, type LeasingCostGuard } from '../../../core/cost/cost-guard.ts';
import { sweepStaleReservations } from '../../../core/cost/reservation-sweeper.ts';
import { openDatabase, type Database } from '../../../core/db/client.ts';
import { usageReport } from '../../../core/db/usage-repository.ts';
import type { AppError } from '../../../core/errors.ts';
import type { Reservation } from '../../../core/governance.ts';
import { testAuditKey } from '../../support/audit-key.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

let db: TestDatabase;
let second: Database;
let audit: AppendingAuditTrail;
let n = 0;
// A fixed instant (no test reads the real clock); the guard's clock moves only when a test moves it.
const T0 = Date.parse('2026-03-10T12:00:00Z');
let clock = T0;
const now = () => new Date(clock);

beforeAll(async () => {
  db = await createTestDatabase();
  // A second pool on the same database: another process, as far as PostgreSQL can tell.
  second = await openDatabase({ databaseUrl: db.url, dataDir: '', migrate: false });
  audit = createAuditTrail(db, { key: testAuditKey });
});
afterAll(async () => {
  await second?.close();
  await db?.drop();
});

async function makeUser(dailyLimitUsd: number, teamId?: string): Promise<Actor> {
  const u = await db.prisma.user.create({ data: { email: `lease${++n}@example.com`, name: `Rep ${n}`, timeZone: 'UTC', dailyLimitUsd, teamId } });
  return { id: u.id, email: u.email, name: u.name, role: 'rep', timeZone: u.timeZone, teamId: u.teamId };
}

const guardOn = (source: Database | TestDatabase, share: number, idleMs = 10_000): LeasingCostGuard =>
  createCostGuard({ db: source, defaultDailyLimitUsd: 5, audit, now, lease: { share, serveMs: 60_000, idleMs } });

const entry = (userId: string) => ({
  kind: 'tool' as const,
  name: 'enrichLead',
  actorId: userId,
  platform: 'worker' as const,
  input: {},
  outcome: 'ok' as const,
  durationMs: 1,
});

async function paidCall(guard: LeasingCostGuard, actor: Actor, estimateUsd: number, costUsd: number): Promise<number | 'refused'> {
  try {
    const r = await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd });
    return await guard.close(r, { actualUsd: costUsd }, audit, entry(actor.id));
  } catch (err) {
    if ((err as AppError).code === 'over_budget') return 'refused';
    throw err;
  }
}

const micros = (usd: unknown) => Math.round(Number(usd) * 1e6);

/** The ledger of a user: call rows (settled, micro-dollars), open leases, and the running total vs the sum. */
/**
 * After every process gave its leases back: the reps' charged calls add up to `spent` (each at most `perRepMax`
 * micro-USD, `calls` settled rows when given), no lease is left open, each rep's running total equals their
 * ledger, and the team's running total equals what its reps spent. Returns what they spent.
 */
async function expectTeamLedger(teamId: string, reps: { id: string }[], spent: number, perRepMax: number, calls?: number): Promise<number> {
  const ls = await Promise.all(reps.map((r) => ledger(r.id)));
  expect(ls.reduce((s, l) => s + l.callsCharged, 0)).toBe(spent);
  if (calls !== undefined) expect(ls.reduce((s, l) => s + l.settledCalls.length, 0)).toBe(calls);
  for (const l of ls) {
    expect(l.callsCharged).toBeLessThanOrEqual(perRepMax);
    expect(l.openLeases).toEqual([]);
    expect(l.total).toBe(l.sum);
  }
  const { rows } = await db.pool.query<{ used: string }>(`SELECT "usedUsd"::text AS used FROM usage_day_totals WHERE scope = 2 AND "scopeId" = $1::uuid`, [
    teamId,
  ]);
  expect(micros(rows[0]?.used ?? 0)).toBe(spent);
  return spent;
}

async function ledger(userId: string) {
  const rows = await db.prisma.usageEntry.findMany({ where: { userId } });
  const calls = rows.filter((r) => !r.lease);
  const leases = rows.filter((r) => r.lease);
  const charge = (r: (typeof rows)[number]) => (r.status === 'settled' ? micros(r.costUsd) : r.status === 'reserved' ? micros(r.reservedUsd) : 0);
  const { rows: t } = await db.pool.query<{ used: string }>(
    `SELECT COALESCE(SUM("usedUsd"), 0)::text AS used FROM usage_day_totals WHERE scope = 1 AND "scopeId" = $1::uuid`,
    [userId],
  );
  return {
    callsCharged: calls.filter((r) => r.status === 'settled').reduce((s, r) => s + micros(r.costUsd), 0),
    settledCalls: calls.filter((r) => r.status === 'settled'),
    openLeases: leases.filter((r) => r.status === 'reserved'),
    leases,
    sum: rows.reduce((s, r) => s + charge(r), 0),
    total: micros(t[0]!.used),
  };
}

function runChild(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../support/lease-racer.ts'), db.url, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('budget leases in one process', () => {
  it('serve many paid calls from one lease taken in one statement, each call its own settled row; the idle lease goes back', async () => {
    clock = T0;
    const rep = await makeUser(10);
    const guard = guardOn(db, 0.02); // a lease of $0.20: twenty $0.01 calls
    for (let i = 0; i < 15; i++) expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    let l = await ledger(rep.id);
    expect(l.leases).toHaveLength(1);
    // The lease row is not written per call: until reconciled it still counts its whole grant (never less).
    expect(micros(l.leases[0]!.reservedUsd)).toBe(200_000);
    expect(l.settledCalls).toHaveLength(15);
    expect(l.settledCalls.every((r) => r.leaseId === l.leases[0]!.id)).toBe(true);
    expect(l.callsCharged).toBe(15 * 4_000);
    expect(l.total).toBe(l.sum);

    // Not idle yet: still held, now counting only what it holds (the calls' estimates moved to their rows).
    clock = T0 + 5_000;
    await guard.returnIdleLeases();
    l = await ledger(rep.id);
    expect(l.openLeases).toHaveLength(1);
    expect(micros(l.openLeases[0]!.reservedUsd)).toBe(200_000 - 15 * 10_000);
    expect(l.total).toBe(15 * 4_000 + 50_000);
    expect(l.total).toBe(l.sum);
    // Idle for idleMs: given back, and only what the calls cost stays charged.
    clock = T0 + 20_000;
    await guard.returnIdleLeases();
    l = await ledger(rep.id);
    expect(l.openLeases).toEqual([]);
    expect(l.leases[0]!.status).toBe('released');
    expect(l.total).toBe(15 * 4_000);
    expect(l.total).toBe(l.sum);
    expect(await verifyAuditTrail(db.prisma, { key: testAuditKey })).toMatchObject({ ok: true });
  });

  it('spends a budget to the last cent in one process (the lease it replaces is given back first), then refuses with the figures', async () => {
    clock = T0;
    const rep = await makeUser(0.05);
    const guard = guardOn(db, 0.5); // leases of half of what is left: $0.025, then smaller
    for (let i = 0; i < 5; i++) expect(await paidCall(guard, rep, 0.01, 0.01)).toBe(0.01);
    const err = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 }).catch((e: AppError) => e);
    expect((err as AppError).code).toBe('over_budget');
    expect((err as AppError).userMessage).toContain('You have used $0.05 of your $0.05 daily AI budget');
    const l = await ledger(rep.id);
    expect(l.callsCharged).toBe(50_000);
    expect(l.total).toBe(l.sum);
    await guard.settleOpen();
    expect((await ledger(rep.id)).openLeases).toEqual([]);
  });

  it("a lease is not a call: the rep's usage card and `salesos usage` count the calls, the lease only as held", async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    for (let i = 0; i < 3; i++) expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    clock = T0 + 2_000;
    await guard.returnIdleLeases(); // reconciled: the lease holds $0.10 less the three estimates
    const card = await guard.usageToday(rep);
    expect(card.byName).toEqual([{ name: 'enrichLead', kind: 'tool', calls: 3, costUsd: 0.012 }]);
    expect(card.spentUsd).toBe(0.012);
    expect(card.reservedUsd).toBe(0.07);
    expect(card.remainingUsd).toBe(0.918);
    const report = await usageReport(db.prisma, { userEmail: rep.email });
    expect(report.find((r) => r.name === 'enrichLead')).toMatchObject({ calls: 3, costUsd: 0.012 });
    expect(report.find((r) => r.name === 'budget lease')).toMatchObject({ calls: 0, costUsd: 0.07 });
    await guard.settleOpen();
    expect((await guard.usageToday(rep)).reservedUsd).toBe(0);
  });

  it("never serves a call from the previous day's lease: a call after the user's midnight charges the new day", async () => {
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    clock = Date.parse('2026-03-10T23:59:50Z');
    expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    clock = Date.parse('2026-03-11T00:00:05Z'); // 15 s later: within the serving time, but another budget day
    expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    const l = await ledger(rep.id);
    expect(l.settledCalls.map((r) => r.day).sort()).toEqual(['2026-03-10', '2026-03-11']);
    expect(l.leases.map((r) => r.day).sort()).toEqual(['2026-03-10', '2026-03-11']);
    await guard.settleOpen();
    expect((await ledger(rep.id)).openLeases).toEqual([]);
  });

  it('a released call (never billed) writes no charge and leaves its estimate to the lease', async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    const r = await guard.reserve(rep, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.05 });
    expect(await guard.close(r, { release: true }, audit, { ...entry(rep.id), outcome: 'error' })).toBe(0);
    let l = await ledger(rep.id);
    expect(l.settledCalls).toEqual([]);
    expect(micros(l.openLeases[0]!.reservedUsd)).toBe(100_000);
    // Outside the audit append (a guard's settle and release on their own): the same rows, once.
    const settled = await guard.reserve(rep, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.05 });
    expect(await guard.settle(settled, 0.02)).toBe(0.02);
    await guard.release(await guard.reserve(rep, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.05 }));
    l = await ledger(rep.id);
    expect(l.settledCalls.map((c) => [c.id, c.leaseId, micros(c.costUsd)])).toEqual([[settled.id, settled.leaseId, 20_000]]);
    await guard.settleOpen();
    l = await ledger(rep.id);
    expect(l.total).toBe(20_000);
    expect(l.total).toBe(l.sum);
  });
});

describe('budget leases across processes', () => {
  it('two pools racing for the last cents never overspend, and the totals equal the ledger', async () => {
    clock = T0;
    const team = await db.prisma.team.create({ data: { name: `Lease team ${++n}`, dailyLimitUsd: 0.15 } });
    const reps = [await makeUser(0.1, team.id), await makeUser(0.1, team.id)];
    const guards = [guardOn(db, 0.3), guardOn(second, 0.3)];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => paidCall(guards[i % 2]!, reps[Math.floor(i / 2) % 2]!, 0.01, 0.01)));
    const charged = results.filter((r) => r !== 'refused').length;
    // The team's $0.15 binds: at most 15 calls, whatever the interleaving and whoever held which lease.
    expect(charged).toBeLessThanOrEqual(15);
    expect(charged).toBeGreaterThan(0);
    expect(results.filter((r) => r === 'refused').length).toBe(40 - charged);
    await Promise.all(guards.map((g) => g.settleOpen()));
    const spent = await expectTeamLedger(team.id, reps, charged * 10_000, 100_000);
    expect(spent).toBeLessThanOrEqual(150_000);
  });

  it('two SalesOS processes racing for the last cents of one budget never overspend it, and no call is charged twice', async () => {
    const rep = await makeUser(0.2);
    // Each process makes 25 calls of $0.01 at once against $0.20: 50 asked, at most 20 fit.
    const [a, b] = await Promise.all([runChild([rep.id, 'race', '25', '0.01', '0.01', '0.25']), runChild([rep.id, 'race', '25', '0.01', '0.01', '0.25'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outs = [a, b].map((c) => JSON.parse(c.stdout.trim().split('\n').pop()!) as { charged: number[]; refused: number });
    const charged = outs.flatMap((o) => o.charged);
    expect(charged.length + outs.reduce((s, o) => s + o.refused, 0)).toBe(50);
    expect(charged.length).toBeLessThanOrEqual(20);
    expect(charged.length).toBeGreaterThanOrEqual(10); // each process alone can spend what the other does not hold
    const l = await ledger(rep.id);
    // Every charge a process was told of is exactly one settled row; nothing else was charged.
    expect(l.settledCalls).toHaveLength(charged.length);
    expect(l.callsCharged).toBe(charged.length * 10_000);
    expect(l.callsCharged).toBeLessThanOrEqual(200_000);
    expect(l.openLeases).toEqual([]);
    expect(l.total).toBe(l.sum);
    expect(await db.prisma.auditEntry.count({ where: { actorId: rep.id, name: 'enrichLead', outcome: 'ok' } })).toBe(charged.length);
    expect(await verifyAuditTrail(db.prisma, { key: testAuditKey })).toMatchObject({ ok: true });
  }, 120_000);
});

describe('a process that dies holding a lease', () => {
  it('loses no recorded spend; its lease stays held (at most one lease) until the sweeper settles it, once, audited', async () => {
    const rep = await makeUser(1);
    // share 0.1 of $1: a lease of $0.10; three calls settled at $0.004 of their $0.01, a fourth in flight.
    const child = await runChild([rep.id, 'crash', '3', '0.01', '0.004', '0.1']);
    expect(child.signal).toBe('SIGKILL');
    const out = JSON.parse(child.stdout.trim()) as { settled: string[]; open: string; lease: string };
    let l = await ledger(rep.id);
    expect(l.settledCalls.map((r) => r.id).sort()).toEqual([...out.settled].sort());
    expect(l.callsCharged).toBe(3 * 4_000);
    expect(l.openLeases.map((r) => r.id)).toEqual([out.lease]);
    // Counted against the budget: at most the lease (not reconciled since its calls settled), never less than it holds.
    expect(micros(l.openLeases[0]!.reservedUsd)).toBeLessThanOrEqual(100_000);
    expect(micros(l.openLeases[0]!.reservedUsd)).toBeGreaterThanOrEqual(100_000 - 3 * 10_000);
    expect(l.total).toBe(l.sum);

    // Not yet stale: the sweeper leaves it. Stale: settled at what it holds — the call in flight and the unused rest,
    // $0.10 less the three settled estimates — audited as a lease, once.
    expect((await sweepStaleReservations({ db, audit, olderThanMs: 60_000 })).filter((s) => s.userId === rep.id)).toEqual([]);
    await db.pool.query(`UPDATE usage_entries SET "createdAt" = now() - interval '20 minutes' WHERE id = $1::uuid`, [out.lease]);
    const swept = (await sweepStaleReservations({ db, audit, olderThanMs: 60_000 })).filter((s) => s.userId === rep.id);
    expect(swept.map((s) => [s.id, s.lease, s.reservedUsd])).toEqual([[out.lease, true, 0.07]]);
    expect((await sweepStaleReservations({ db, audit, olderThanMs: 60_000 })).filter((s) => s.userId === rep.id)).toEqual([]);
    const [swAudit] = await db.prisma.auditEntry.findMany({ where: { errorCode: 'reservation_swept', input: { path: ['reservationId'], equals: out.lease } } });
    expect(swAudit).toMatchObject({ actorId: rep.id, outcome: 'error' });
    expect(swAudit!.input).toMatchObject({ lease: true });
    expect(Number(swAudit!.costUsd)).toBe(0.07);

    l = await ledger(rep.id);
    expect(l.callsCharged).toBe(3 * 4_000); // the recorded spend, untouched
    expect(l.openLeases).toEqual([]);
    expect(l.total).toBe(12_000 + 70_000);
    expect(l.total).toBe(l.sum);
  }, 90_000);

  it('a call settling after its lease was swept is not charged again', async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    const r: Reservation = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    await db.pool.query(`UPDATE usage_entries SET "createdAt" = now() - interval '20 minutes' WHERE id = $1::uuid`, [r.leaseId]);
    expect((await sweepStaleReservations({ db, audit, olderThanMs: 60_000 })).map((s) => s.id)).toContain(r.leaseId);
    // The sweep charged the lease's $0.10, this call's estimate within it: the call's own close charges nothing.
    expect(await guard.close(r, { actualUsd: 0.004 }, audit, entry(rep.id))).toBe(0);
    const l = await ledger(rep.id);
    expect(l.settledCalls.filter((c) => !c.sweptAt && c.id === r.id)).toEqual([]);
    expect(l.total).toBe(100_000);
    expect(l.total).toBe(l.sum);
    await guard.settleOpen();
  });

  it('a lease row lost with an asynchronous commit (database crash) still gets its calls charged', async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    const r = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    await db.pool.query(`DELETE FROM usage_entries WHERE id = $1::uuid`, [r.leaseId]); // as if the take never reached disk
    expect(await guard.close(r, { actualUsd: 0.004 }, audit, entry(rep.id))).toBe(0.004);
    const l = await ledger(rep.id);
    expect(l.settledCalls.map((c) => [c.id, micros(c.costUsd)])).toEqual([[r.id, 4_000]]);
    expect(l.total).toBe(l.sum);
    await guard.settleOpen();
  });

  it('shutdown gives the leases back and charges a call still in flight at its estimate, audited, once', async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    const inFlight = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    expect(await guard.settleOpen()).toBe(1);
    await audit.flush();
    let l = await ledger(rep.id);
    expect(l.openLeases).toEqual([]);
    const row = l.settledCalls.find((c) => c.id === inFlight.id)!;
    expect(micros(row.costUsd)).toBe(10_000);
    expect(row.sweptAt).not.toBeNull();
    expect(l.total).toBe(4_000 + 10_000);
    expect(l.total).toBe(l.sum);
    expect(await db.prisma.auditEntry.count({ where: { errorCode: 'reservation_swept', input: { path: ['reservationId'], equals: inFlight.id } } })).toBe(1);
    // Its turn settling late changes nothing; a second shutdown finds nothing.
    expect(await guard.close(inFlight, { actualUsd: 0.004 }, audit, entry(rep.id))).toBe(0);
    expect(await guard.settleOpen()).toBe(0);
    l = await ledger(rep.id);
    expect(l.total).toBe(14_000);
    expect(l.total).toBe(l.sum);
  });
});

/** Hold the user's reservation lock (class 1, as salesos_take_lease takes it) in another transaction, as a slow replica would. */
async function holdUserLock(userId: string): Promise<() => Promise<void>> {
  const c = await db.pool.connect();
  await c.query('BEGIN');
  await c.query('SELECT pg_advisory_xact_lock(1, hashtext($1::uuid::text))', [userId]);
  return async () => {
    await c.query('COMMIT');
    c.release();
  };
}

/** Let the process's own background work (a take ahead, a give-back) proceed until `done` holds; bounded, no clock. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 5_000; i++) {
    if (await done()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

describe('the next lease taken ahead, in the background', () => {
  it('a steady stream of paid calls waits for a lease take only once, for its first lease', async () => {
    clock = T0;
    const rep = await makeUser(5);
    const guard = guardOn(db, 0.02); // $0.10 leases: a hundred $0.001 calls each
    for (let i = 0; i < 350; i++) expect(await paidCall(guard, rep, 0.001, 0.0005)).toBe(0.0005);
    const stats = guard.leaseStats();
    expect(stats.waited).toBe(1);
    expect(stats.takenAhead).toBeGreaterThanOrEqual(3);
    expect(stats.taken).toBe(stats.takenAhead + 1);
    await guard.settleOpen();
    const l = await ledger(rep.id);
    expect(l.settledCalls).toHaveLength(350);
    expect(l.callsCharged).toBe(350 * 500);
    expect(l.leases).toHaveLength(stats.taken);
    expect(l.openLeases).toEqual([]);
    expect(l.total).toBe(350 * 500);
    expect(l.total).toBe(l.sum);
  });

  it('calls go on being served while the next take waits in PostgreSQL; calls that need it share that one take', async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1); // $0.10 leases: ten $0.01 calls; the next is asked for when fewer than 2.5 are left
    const first = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    await guard.close(first, { actualUsd: 0.004 }, audit, entry(rep.id));
    const unlock = await holdUserLock(rep.id);
    // Call 8 starts the take ahead, which blocks on the lock; calls 8 to 10 are served from the first lease anyway.
    const served: string[] = [];
    for (let i = 2; i <= 10; i++) {
      const r = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
      served.push(r.leaseId!);
      await guard.close(r, { actualUsd: 0.004 }, audit, entry(rep.id));
    }
    expect(new Set(served)).toEqual(new Set([first.leaseId]));
    expect(guard.leaseStats()).toEqual({ taken: 1, takenAhead: 0, waited: 1 });
    // The lease is spent: the next two calls wait for the take under way — one take, not two of their own.
    const next = [
      guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 }),
      guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 }),
    ];
    await unlock();
    const [a, b] = await Promise.all(next);
    expect(a!.leaseId).toBe(b!.leaseId);
    expect(a!.leaseId).not.toBe(first.leaseId);
    expect(guard.leaseStats()).toEqual({ taken: 2, takenAhead: 1, waited: 3 });
    for (const r of [a!, b!]) await guard.close(r, { actualUsd: 0.004 }, audit, entry(rep.id));
    // The first lease, replaced with no call in flight, is given back: it charges nothing beyond its calls.
    await until(async () => (await ledger(rep.id)).leases.find((x) => x.id === first.leaseId)!.status === 'released', 'the replaced lease closed');
    await guard.settleOpen();
    const l = await ledger(rep.id);
    expect(l.callsCharged).toBe(12 * 4_000);
    expect(l.leases).toHaveLength(2);
    expect(l.openLeases).toEqual([]);
    expect(l.total).toBe(l.sum);
    expect(l.total).toBe(12 * 4_000);
  });

  it("a lease in the last quarter of its serving time is followed ahead, except one that ends at the rep's midnight", async () => {
    const rep = await makeUser(10);
    const guard = guardOn(db, 0.02, 60_000); // $0.20 leases serving for 60 s; plenty left, so only time can trigger
    clock = T0;
    expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    clock = T0 + 40_000; // 20 s left of 60: not yet
    expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    expect(guard.leaseStats().takenAhead).toBe(0);
    clock = T0 + 46_000; // 14 s left: this call starts the next take and is served from the current lease
    const r = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    await until(() => guard.leaseStats().takenAhead === 1, 'the take ahead');
    await guard.close(r, { actualUsd: 0.004 }, audit, entry(rep.id));
    clock = T0 + 61_000; // past the first lease's serving time: the next one serves, no call waits
    const late = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    expect(late.leaseId).not.toBe(r.leaseId);
    await guard.close(late, { actualUsd: 0.004 }, audit, entry(rep.id));
    expect(guard.leaseStats()).toMatchObject({ taken: 2, takenAhead: 1, waited: 1 });
    await guard.settleOpen();

    // Ten seconds before the rep's midnight the lease ends with the day: the next day's is taken by a call after it.
    const night = guardOn(db, 0.02, 60_000);
    clock = Date.parse('2026-03-10T23:59:40Z');
    expect(await paidCall(night, rep, 0.01, 0.004)).toBe(0.004);
    clock = Date.parse('2026-03-10T23:59:55Z');
    expect(await paidCall(night, rep, 0.01, 0.004)).toBe(0.004);
    expect(night.leaseStats()).toEqual({ taken: 1, takenAhead: 0, waited: 1 });
    clock = Date.parse('2026-03-11T00:00:01Z');
    expect(await paidCall(night, rep, 0.01, 0.004)).toBe(0.004);
    expect(night.leaseStats()).toEqual({ taken: 2, takenAhead: 0, waited: 2 });
    await night.settleOpen();
    const l = await ledger(rep.id);
    expect(l.openLeases).toEqual([]);
    expect(l.callsCharged).toBe(7 * 4_000);
    expect(l.total).toBe(l.sum);
  });

  it('two pools streaming calls for two reps of one team, leases taken ahead on both, never overspend and charge each call once', async () => {
    clock = T0;
    const team = await db.prisma.team.create({ data: { name: `Ahead team ${++n}`, dailyLimitUsd: 0.3 } });
    const reps = [await makeUser(0.2, team.id), await makeUser(0.2, team.id)];
    const guards = [guardOn(db, 0.1), guardOn(second, 0.1)]; // leases of $0.02 at most: two calls
    // Four sequential streams (each pool, each rep) of 30 calls: 120 asked of $0.01, at most 30 fit the team's $0.30.
    const results = (
      await Promise.all(
        guards.flatMap((g) =>
          reps.map(async (rep) => {
            const out: (number | 'refused')[] = [];
            for (let i = 0; i < 30; i++) out.push(await paidCall(g, rep, 0.01, 0.01));
            return out;
          }),
        ),
      )
    ).flat();
    const charged = results.filter((r) => r !== 'refused').length;
    expect(charged).toBeLessThanOrEqual(30);
    expect(charged).toBeGreaterThanOrEqual(15);
    expect(guards.reduce((s, g) => s + g.leaseStats().takenAhead, 0)).toBeGreaterThan(0);
    await Promise.all(guards.map((g) => g.settleOpen()));
    const spent = await expectTeamLedger(team.id, reps, charged * 10_000, 200_000, charged);
    expect(spent).toBeLessThanOrEqual(300_000);
  });

  it('shutdown with a take ahead still under way waits for it, then gives both leases back and charges the call in flight once', async () => {
    clock = T0;
    const rep = await makeUser(1);
    const guard = guardOn(db, 0.1);
    for (let i = 0; i < 7; i++) expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    const unlock = await holdUserLock(rep.id);
    expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004); // starts the take ahead, blocked
    const inFlight = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    let stopped = false;
    const shutdown = guard.settleOpen().then((n) => {
      stopped = true;
      return n;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false); // it waits for the take, so the lease it brings is not left behind
    await unlock();
    expect(await shutdown).toBe(1);
    await audit.flush();
    const l = await ledger(rep.id);
    expect(l.leases).toHaveLength(2);
    expect(l.openLeases).toEqual([]);
    expect(l.leases.every((x) => x.status === 'released')).toBe(true);
    const row = l.settledCalls.find((c) => c.id === inFlight.id)!;
    expect([micros(row.costUsd), row.sweptAt !== null]).toEqual([10_000, true]);
    expect(l.total).toBe(8 * 4_000 + 10_000);
    expect(l.total).toBe(l.sum);
    expect(await db.prisma.auditEntry.count({ where: { errorCode: 'reservation_swept', input: { path: ['reservationId'], equals: inFlight.id } } })).toBe(1);
    expect(await guard.settleOpen()).toBe(0);
  });

  it('a process that dies after taking ahead leaves its calls in flight and one unused lease, which the sweeper settles once each', async () => {
    // Its own frozen clock: the abandoned guard never finds a lease idle, as a dead process would not.
    const frozen = () => new Date(T0);
    const rep = await makeUser(1);
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5, audit, now: frozen, lease: { share: 0.1, serveMs: 60_000, idleMs: 60_000 } });
    for (let i = 0; i < 7; i++) expect(await paidCall(guard, rep, 0.01, 0.004)).toBe(0.004);
    const unlock = await holdUserLock(rep.id);
    const eighth = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 }); // starts the take ahead
    const ninth = await guard.reserve(rep, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    await unlock();
    await until(() => guard.leaseStats().takenAhead === 1, 'the take ahead');
    const old = eighth.leaseId!;
    // Replaced with two calls in flight: its free $0.01 goes back at once; it keeps what those two calls need.
    await until(async () => micros((await ledger(rep.id)).leases.find((x) => x.id === old)!.reservedUsd) === 20_000, 'the rest given back');
    expect(await guard.close(eighth, { actualUsd: 0.004 }, audit, entry(rep.id))).toBe(0.004);
    // … and the process dies here, the ninth call in flight, holding the new lease untouched.
    let l = await ledger(rep.id);
    expect(l.openLeases).toHaveLength(2);
    expect(l.total).toBe(l.sum);
    await db.pool.query(`UPDATE usage_entries SET "createdAt" = now() - interval '20 minutes' WHERE "userId" = $1::uuid AND lease`, [rep.id]);
    const swept = (await sweepStaleReservations({ db, audit, olderThanMs: 60_000 })).filter((s) => s.userId === rep.id);
    const fresh = l.openLeases.find((x) => x.id !== old)!;
    // The old lease: the ninth call's estimate (the eighth's moved to its own row); the new one: all it was granted.
    expect(swept.map((s) => [s.id, s.reservedUsd]).sort()).toEqual(
      [
        [old, 0.01],
        [fresh.id, Number(fresh.leasedUsd)],
      ].sort(),
    );
    expect((await sweepStaleReservations({ db, audit, olderThanMs: 60_000 })).filter((s) => s.userId === rep.id)).toEqual([]);
    expect(await db.prisma.auditEntry.count({ where: { errorCode: 'reservation_swept', actorId: rep.id } })).toBe(2);
    l = await ledger(rep.id);
    expect(l.callsCharged).toBe(8 * 4_000); // the recorded spend, untouched
    // Beyond it: the call in flight and one lease, the one taken ahead (at most what a crash may leave).
    expect(l.total).toBe(8 * 4_000 + 10_000 + micros(fresh.leasedUsd));
    expect(l.openLeases).toEqual([]);
    expect(l.total).toBe(l.sum);
    expect(ninth.leaseId).toBe(old);
    expect(await verifyAuditTrail(db.prisma, { key: testAuditKey })).toMatchObject({ ok: true });
  });
});
