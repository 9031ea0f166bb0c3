import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/agent/types.ts';
import { createCostGuard } from '../../../core/cost/cost-guard.ts';
import { openDatabase, type Database } from '../../../core/db/client.ts';
import { AppError } from '../../../core/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

let db: TestDatabase;
let second: Database;
let n = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  // A second pool and Prisma client on the same database: another process, as far as PostgreSQL can tell.
  second = await openDatabase({ databaseUrl: db.url, dataDir: '', migrate: false });
});
afterAll(async () => {
  await second?.close();
  await db?.drop();
});

async function makeUser(opts: { timeZone?: string; dailyLimitUsd?: number; teamId?: string } = {}): Promise<Actor> {
  const u = await db.prisma.user.create({
    data: { email: `rep${++n}@example.com`, name: `Rep ${n}`, timeZone: opts.timeZone ?? 'UTC', dailyLimitUsd: opts.dailyLimitUsd, teamId: opts.teamId },
  });
  return { id: u.id, email: u.email, name: u.name, role: 'rep', timeZone: u.timeZone, teamId: u.teamId };
}

async function settledTotal(userId: string): Promise<number> {
  const rows = await db.prisma.usageEntry.findMany({ where: { userId, status: 'settled' } });
  return rows.reduce((s, r) => s + Number(r.costUsd), 0);
}

async function catchError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('CostGuard budgets under concurrency', () => {
  it('lets exactly 10 of 50 concurrent turns through a budget that fits 10, and refuses the rest politely', async () => {
    const actor = await makeUser({ dailyLimitUsd: 0.1 });
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, async () => {
        const r = await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.01 });
        return guard.settle(r, 0.01, { inputTokens: 10, outputTokens: 10 });
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect(r.reason.code).toBe('over_budget');
      expect(r.reason.userMessage).toMatch(
        /^You have used \$0\.\d\d of your \$0\.10 daily AI budget, and this needs up to \$0\.01\. Your budget resets at midnight \(UTC\) — in /,
      );
    }
    expect(await settledTotal(actor.id)).toBeCloseTo(0.1, 6);
    expect(await db.prisma.usageEntry.count({ where: { userId: actor.id } })).toBe(10);
  });

  it('holds the same line when the turns come through two separate connection pools, one of them through Prisma', async () => {
    const actor = await makeUser({ dailyLimitUsd: 0.1 });
    const guards = [createCostGuard({ db, defaultDailyLimitUsd: 5 }), createCostGuard({ prisma: second.prisma, defaultDailyLimitUsd: 5 })];
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, async (_, i) => {
        const guard = guards[i % 2]!;
        const r = await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.01 });
        return guard.settle(r, 0.01);
      }),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected' && (r.reason as AppError).code === 'over_budget')).toHaveLength(40);
    expect(await settledTotal(actor.id)).toBeLessThanOrEqual(0.1 + 1e-9);
  });
});

describe('CostGuard refusal', () => {
  it('says what was used, the limit, the need and when the budget resets, and charges nothing', async () => {
    const actor = await makeUser({ timeZone: 'Europe/Berlin' });
    // 18:48 in Berlin (UTC+1 in November): midnight is 5 h 12 min away.
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5, now: () => new Date('2026-11-25T17:48:00Z') });
    await guard.settle(await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd: 4.98 }), 4.98);
    const err = await catchError(guard.reserve(actor, { kind: 'model', name: 'gpt-5', estimateUsd: 0.03 }));
    expect(err.code).toBe('over_budget');
    expect(err.userMessage).toBe(
      'You have used $4.98 of your $5.00 daily AI budget, and this needs up to $0.03. Your budget resets at midnight (Europe/Berlin) — in 5 h 12 min.',
    );
    expect(await db.prisma.usageEntry.count({ where: { userId: actor.id } })).toBe(1);
  });

  it('applies a team budget across the members of the team', async () => {
    const team = await db.prisma.team.create({ data: { name: 'Nordics', dailyLimitUsd: 0.05 } });
    const a = await makeUser({ teamId: team.id, dailyLimitUsd: 1 });
    const b = await makeUser({ teamId: team.id, dailyLimitUsd: 1 });
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    await guard.settle(await guard.reserve(a, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.04 }), 0.04);
    const err = await catchError(guard.reserve(b, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.02 }));
    expect(err.code).toBe('over_budget');
    expect(err.userMessage).toMatch(/^Your team has used \$0\.04 of its \$0\.05 daily AI budget, and this needs up to \$0\.02\./);
    expect(await db.prisma.usageEntry.count({ where: { userId: b.id } })).toBe(0);
    const card = await guard.usageToday(b);
    expect(card.team).toEqual({ spentUsd: 0.04, limitUsd: 0.05 });
  });
});

describe('CostGuard days', () => {
  it('charges the day of the stored time zone when the actor carries a stale one', async () => {
    const stored = await makeUser({ timeZone: 'Pacific/Auckland' });
    const stale: Actor = { ...stored, timeZone: 'America/Los_Angeles' };
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 1, now: () => new Date('2026-11-25T11:30:00Z') });
    const r = await guard.reserve(stale, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.1 });
    // 00:30 on the 26th in Auckland (the 25th in Los Angeles).
    expect((await db.prisma.usageEntry.findUniqueOrThrow({ where: { id: r.id } })).day).toBe('2026-11-26');
  });

  it('counts spend on the calendar day of the user time zone (Auckland vs Los Angeles)', async () => {
    const auckland = await makeUser({ timeZone: 'Pacific/Auckland' });
    const la = await makeUser({ timeZone: 'America/Los_Angeles' });
    let now = new Date('2026-11-25T10:00:00Z'); // 23:00 in Auckland, 02:00 in Los Angeles
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 1, now: () => now });
    for (const actor of [auckland, la]) await guard.settle(await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.6 }), 0.6);

    now = new Date('2026-11-25T11:30:00Z'); // 00:30 next day in Auckland, 03:30 same day in Los Angeles
    const nz = await guard.usageToday(auckland);
    const us = await guard.usageToday(la);
    expect(nz).toMatchObject({ day: '2026-11-26', spentUsd: 0, remainingUsd: 1, timeZone: 'Pacific/Auckland', resetsAt: '2026-11-26T11:00:00.000Z' });
    expect(us).toMatchObject({ day: '2026-11-25', spentUsd: 0.6, remainingUsd: 0.4, resetsAt: '2026-11-26T08:00:00.000Z' });
    // Yesterday's spend does not count: Auckland has its whole budget again, Los Angeles does not.
    await guard.reserve(auckland, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.6 });
    expect((await catchError(guard.reserve(la, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.6 }))).code).toBe('over_budget');
  });
});

describe('CostGuard settling', () => {
  it('charges the actual cost when it is below the reservation', async () => {
    const actor = await makeUser();
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    const r = await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.5 });
    expect(await guard.settle(r, 0.012, { inputTokens: 1000, outputTokens: 200 })).toBe(0.012);
    const row = await db.prisma.usageEntry.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ status: 'settled', inputTokens: 1000, outputTokens: 200 });
    expect(Number(row.costUsd)).toBe(0.012);
    expect(Number(row.reservedUsd)).toBe(0.5);
  });

  it('keeps the reservation as the charge when usage is missing', async () => {
    const actor = await makeUser();
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    const r = await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.25 });
    expect(await guard.settle(r, undefined)).toBe(0.25);
    expect(await settledTotal(actor.id)).toBe(0.25);
  });

  it('charges nothing for a released reservation and frees the budget it held', async () => {
    const actor = await makeUser({ dailyLimitUsd: 1 });
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    const r = await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 1 });
    await guard.release(r);
    const row = await db.prisma.usageEntry.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.status).toBe('released');
    expect(Number(row.costUsd)).toBe(0);
    await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 1 });
  });

  it('reports today: spent, open reservations, remaining and calls per model or tool', async () => {
    const actor = await makeUser({ dailyLimitUsd: 2 });
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    await guard.settle(await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.1 }), 0.02);
    await guard.settle(await guard.reserve(actor, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.1 }), 0.03);
    await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.5 });
    const card = await guard.usageToday(actor);
    expect(card).toMatchObject({ type: 'usage', userName: actor.name, spentUsd: 0.05, reservedUsd: 0.5, limitUsd: 2, remainingUsd: 1.45, timeZone: 'UTC' });
    expect(card.byName).toEqual([
      { name: 'enrichLead', kind: 'tool', calls: 1, costUsd: 0.5 },
      { name: 'gpt-5-mini', kind: 'model', calls: 2, costUsd: 0.05 },
    ]);
    expect(card.team).toBeUndefined();
  });
});

describe("CostGuard's running totals (usage_day_totals)", () => {
  /** Each total as it stands next to the sum over the ledger it stands for, for the given users and team. */
  async function totalsAndSums(userIds: string[], teamId: string): Promise<{ totals: Record<string, string>; sums: Record<string, string> }> {
    const { rows: totals } = await db.pool.query<{ k: string; used: string }>(
      `SELECT scope || ':' || "scopeId" || ':' || day AS k, "usedUsd"::text AS used FROM usage_day_totals
       WHERE ("scope" = 1 AND "scopeId" = ANY($1::uuid[])) OR ("scope" = 2 AND "scopeId" = $2::uuid)`,
      [userIds, teamId],
    );
    const { rows: sums } = await db.pool.query<{ k: string; used: string }>(
      `SELECT k, SUM(c)::numeric(18,6)::text AS used FROM (
         SELECT '1:' || "userId" || ':' || day AS k, CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END AS c
         FROM usage_entries WHERE "userId" = ANY($1::uuid[])
         UNION ALL
         SELECT '2:' || "teamId" || ':' || day, CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END
         FROM usage_entries WHERE "teamId" = $2::uuid) c GROUP BY k`,
      [userIds, teamId],
    );
    const nonZero = (rows: { k: string; used: string }[]) =>
      Object.fromEntries(rows.filter((r) => Number(r.used) !== 0).map((r) => [r.k, Number(r.used).toFixed(6)]));
    return { totals: nonZero(totals), sums: nonZero(sums) };
  }

  it('stay equal to the sums over the ledger through concurrent reserve, settle, release, sweep and deletion on two pools', async () => {
    const team = await db.prisma.team.create({ data: { name: 'Totals', dailyLimitUsd: 0.5 } });
    const reps = [
      await makeUser({ teamId: team.id, dailyLimitUsd: 0.3 }),
      await makeUser({ teamId: team.id, dailyLimitUsd: 0.3, timeZone: 'Pacific/Auckland' }),
    ];
    const guards = [createCostGuard({ db, defaultDailyLimitUsd: 5 }), createCostGuard({ prisma: second.prisma, defaultDailyLimitUsd: 5 })];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, async (_, i) => {
        const guard = guards[i % 2]!;
        const r = await guard.reserve(reps[i % 2]!, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.02 });
        if (i % 5 === 0) return guard.release(r);
        if (i % 5 === 1) return; // left open
        return guard.settle(r, i % 5 === 2 ? 0.005 : 0.02);
      }),
    );
    // The team budget binds first: never over it, whatever the interleaving.
    expect(outcomes.some((o) => o.status === 'rejected' && (o.reason as AppError).code === 'over_budget')).toBe(true);
    const ids = reps.map((r) => r.id);
    let { totals, sums } = await totalsAndSums(ids, team.id);
    expect(Object.keys(sums).length).toBeGreaterThanOrEqual(3);
    expect(totals).toEqual(sums);
    const teamUsed = Object.entries(sums).find(([k]) => k.startsWith('2:'))![1];
    expect(Number(teamUsed)).toBeLessThanOrEqual(0.5);

    // The sweeper settles the open ones at their reserved amount (no change); a lost row takes its charge away.
    await guards[0]!.settleOpen();
    await guards[1]!.settleOpen();
    await db.pool.query(`DELETE FROM usage_entries WHERE id IN (SELECT id FROM usage_entries WHERE "userId" = $1::uuid AND status = 'settled' LIMIT 2)`, [
      ids[0],
    ]);
    ({ totals, sums } = await totalsAndSums(ids, team.id));
    expect(totals).toEqual(sums);
    // …and the freed budget is usable again, exactly up to the limit.
    const card = await guards[0]!.usageToday(reps[0]!);
    expect(card.spentUsd + card.reservedUsd).toBeCloseTo(Number(totals[`1:${ids[0]}:${card.day}`] ?? 0), 6);
  });

  it('are emptied with the ledger (TRUNCATE), so a fresh ledger starts from zero', async () => {
    const a = await makeUser({ dailyLimitUsd: 0.01 });
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
    await guard.settle(await guard.reserve(a, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.01 }), 0.01);
    expect((await catchError(guard.reserve(a, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.01 }))).code).toBe('over_budget');
    await db.pool.query('TRUNCATE usage_entries');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM usage_day_totals')).rows[0].n).toBe(0);
    await guard.release(await guard.reserve(a, { kind: 'model', name: 'gpt-5-mini', estimateUsd: 0.01 }));
  });
});
