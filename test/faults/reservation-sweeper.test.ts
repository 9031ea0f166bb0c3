// No reservation left behind: a reservation its process never settled (a crash) is settled by the sweeper at
// the reserved amount, once, audited, and shown by `salesos usage`; shutdown settles the process's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStaleReservations } from '../../core/cost/reservation-sweeper.ts';
import { runCli } from '../support/cli.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let c: TestContainer;
let org: TestOrg;
beforeAll(async () => {
  // A reservation per call (COST_LEASE_PERCENT=0); budget leases are swept as in test/core/cost/budget-lease.test.ts.
  c = await createTestContainer({ COST_LEASE_PERCENT: '0' });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

const FIFTEEN_MINUTES = 15 * 60_000;

async function sweptAudit(reservationId: string) {
  return c.db.prisma.auditEntry.findMany({ where: { errorCode: 'reservation_swept', input: { path: ['reservationId'], equals: reservationId } } });
}

describe('the reservation sweeper', () => {
  it('settles reservations older than the bound at the reserved amount, once, audited; younger ones stay open', async () => {
    const crashed = await c.guards.costs.reserve(org.alice, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.25 });
    const running = await c.guards.costs.reserve(org.alice, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.1 });
    // The crashed process reserved 20 minutes ago and never came back.
    await c.db.pool.query(`UPDATE usage_entries SET "createdAt" = now() - interval '20 minutes' WHERE id = $1`, [crashed.id]);

    const swept = await sweepStaleReservations({ db: c.db, audit: c.guards.audit, olderThanMs: FIFTEEN_MINUTES });
    expect(swept.map((r) => r.id)).toEqual([crashed.id]);
    const row = await c.db.prisma.usageEntry.findUniqueOrThrow({ where: { id: crashed.id } });
    expect(row.status).toBe('settled');
    expect(Number(row.costUsd)).toBe(0.25);
    expect(row.sweptAt).not.toBeNull();
    expect((await c.db.prisma.usageEntry.findUniqueOrThrow({ where: { id: running.id } })).status).toBe('reserved');

    const [audit] = await sweptAudit(crashed.id);
    expect(audit).toMatchObject({ kind: 'model', name: 'gpt-5-mini', actorId: org.alice.id, outcome: 'error', errorCode: 'reservation_swept' });
    expect(Number(audit!.costUsd)).toBe(0.25);

    // Never twice.
    expect(await sweepStaleReservations({ db: c.db, audit: c.guards.audit, olderThanMs: FIFTEEN_MINUTES })).toEqual([]);
    expect(await sweptAudit(crashed.id)).toHaveLength(1);
    await c.guards.costs.release(running);
  });

  it('`salesos usage` shows swept calls', async () => {
    const r = await runCli(['usage', '--user', org.alice.email, '--json'], { DATABASE_URL: c.db.url });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; swept: number; costUsd: number }[];
    expect(rows.find((x) => x.name === 'gpt-5-mini')).toMatchObject({ swept: 1, costUsd: 0.25 });
    const text = await runCli(['usage', '--user', org.alice.email], { DATABASE_URL: c.db.url });
    expect(text.stdout).toContain('Swept: 1 call(s) never settled by their process were charged at their reserved (worst-case) amount');
  }, 60_000);

  it('on shutdown, settles what this process still has open, audited, and only once', async () => {
    const open = await c.guards.costs.reserve(org.alice, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.05 });
    const settled = await c.guards.costs.reserve(org.alice, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.05 });
    await c.guards.costs.settle(settled, 0.01);
    expect(await c.guards.costs.settleOpen()).toBe(1);
    expect((await c.db.prisma.usageEntry.findUniqueOrThrow({ where: { id: open.id } })).status).toBe('settled');
    expect(Number((await c.db.prisma.usageEntry.findUniqueOrThrow({ where: { id: settled.id } })).costUsd)).toBe(0.01);
    expect(await sweptAudit(open.id)).toHaveLength(1);
    expect(await c.guards.costs.settleOpen()).toBe(0);
  });
});
