// Every digest figure against a hand-built team whose right answers are worked out below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestCard } from '../../../core/cards.ts';
import { DigestFiguresRepository } from '../../../core/db/digest-figures-repository.ts';
import { DigestRepository } from '../../../core/db/digest-repository.ts';
import { composeDigest } from '../../../core/digest/compose.ts';
import { digestPeriod } from '../../../core/digest/period.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

// Fired Wed 25 Nov 2026 08:30 Berlin: the period is Tue 24 Nov (23:00Z 23rd → 23:00Z 24th), previous Mon 23 Nov.
const FIRE = new Date('2026-11-25T07:30:00Z');
const IN = new Date('2026-11-24T10:00:00Z');
const BEFORE = new Date('2026-11-23T10:00:00Z');
const daysAgo = (n: number) => new Date(new Date('2026-11-24T23:00:00Z').getTime() - n * 86_400_000);

let db: TestDatabase;
let card: DigestCard;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  const user = (email: string, name: string, role: 'rep' | 'manager', extra: Record<string, unknown> = {}) =>
    p.user.create({ data: { email, name, role, timeZone: 'Europe/Berlin', ...extra } });
  const manager = await user('maria@t.io', 'Maria Manager', 'manager');
  const team = await p.team.create({ data: { name: 'Berlin', managerId: manager.id } });
  const otherManager = await user('otto@t.io', 'Otto Other', 'manager');
  const otherTeam = await p.team.create({ data: { name: 'Elsewhere', managerId: otherManager.id } });
  await p.user.update({ where: { id: manager.id }, data: { teamId: team.id } });
  const alice = await user('alice@t.io', 'Alice', 'rep', { teamId: team.id, dailyLimitUsd: 2 });
  const bob = await user('bob@t.io', 'Bob', 'rep', { teamId: team.id });
  await user('cleo@t.io', 'Cleo', 'rep', { teamId: team.id });
  await user('gone@t.io', 'Gone', 'rep', { teamId: team.id, active: false });
  const xavier = await user('xavier@t.io', 'Xavier', 'rep', { teamId: otherTeam.id });
  Object.assign(ids, { manager: manager.id, team: team.id });

  const lead = (key: string, data: Record<string, unknown>) =>
    p.lead.create({ data: { fullName: key, email: `${key}@lead.io`, ...data } as never }).then((l) => (ids[key] = l.id));
  await lead('l1', { ownerId: alice.id, score: 90, createdAt: IN, company: 'Acme' });
  await lead('l2', { ownerId: alice.id, score: 50, createdAt: IN, status: 'qualified' });
  await lead('l3', { ownerId: alice.id, score: 40, createdAt: BEFORE });
  await lead('l4', { ownerId: bob.id, score: 70, createdAt: daysAgo(40) });
  await lead('l5', { ownerId: bob.id, score: 60, createdAt: daysAgo(40), status: 'contacted' });
  await lead('l6', { ownerId: bob.id, score: 65, createdAt: daysAgo(40), status: 'disqualified' });
  await lead('l7', { ownerId: xavier.id, score: 99, createdAt: IN });
  // Imported again today: an existing lead, not an added one.
  await lead('l8', { ownerId: alice.id, score: 30, createdAt: daysAgo(30) });

  const act = (leadKey: string, actorId: string, type: string, createdAt: Date, extra: Record<string, unknown> = {}) =>
    p.leadActivity.create({ data: { leadId: ids[leadKey]!, actorId, type, createdAt, ...extra } as never });
  await act('l1', alice.id, 'created', IN);
  await act('l2', alice.id, 'imported', IN);
  await act('l8', alice.id, 'imported', IN);
  await act('l3', alice.id, 'created', BEFORE);
  await act('l2', alice.id, 'status_change', IN, { fromStatus: 'new', toStatus: 'qualified' });
  await act('l5', bob.id, 'status_change', IN, { fromStatus: 'new', toStatus: 'contacted' });
  await act('l4', bob.id, 'note', daysAgo(20));
  await act('l7', xavier.id, 'created', IN);

  const enrich = (leadKey: string, actorId: string, createdAt: Date) =>
    p.enrichmentHistory.create({ data: { leadId: ids[leadKey]!, actorId, source: 'builtin', changes: {}, createdAt } });
  await enrich('l1', alice.id, IN);
  await enrich('l1', alice.id, new Date(IN.getTime() + 60_000));
  await enrich('l5', bob.id, BEFORE);

  const review = (userId: string, kind: string, score: number, createdAt: Date) =>
    p.emailReview.create({ data: { userId, kind, score, grade: 'B', createdAt } });
  await review(alice.id, 'roast', 60, IN);
  await review(alice.id, 'roast', 80, IN);
  await review(alice.id, 'draft', 75, IN);
  await review(alice.id, 'roast', 50, BEFORE);

  const usage = (userId: string, teamId: string, status: string, reservedUsd: number, costUsd: number, createdAt: Date) =>
    p.usageEntry.create({ data: { userId, teamId, day: '2026-11-24', kind: 'model', name: 'gpt', status, reservedUsd, costUsd, createdAt } as never });
  await usage(alice.id, team.id, 'settled', 0.5, 0.25, IN);
  await usage(alice.id, team.id, 'reserved', 0.1, 0, IN);
  await usage(alice.id, team.id, 'released', 5, 0, IN);
  await usage(alice.id, team.id, 'settled', 1, 1, BEFORE);
  await usage(manager.id, team.id, 'settled', 0.5, 0.5, IN);
  await usage(xavier.id, otherTeam.id, 'settled', 3, 3, IN);

  const m = await new DigestRepository(db.prisma).managerById(manager.id);
  const period = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: FIRE, scheduleDays: [1, 2, 3, 4, 5] });
  card = await composeDigest(new DigestFiguresRepository(db.prisma), m!, period, { defaultDailyLimitUsd: 5 });
});

afterAll(async () => {
  await db?.drop();
});

const rep = (name: string) => card.reps.find((r) => r.name === name)!;

describe('digest figures on a hand-built team', () => {
  it('lists the active reps of the team, not the manager, a deactivated rep or other teams', () => {
    expect(card.reps.map((r) => r.name)).toEqual(['Alice', 'Bob', 'Cleo']);
    expect(card.teamName).toBe('Berlin');
    expect(card.period).toMatchObject({ label: 'Tue 24 Nov 2026', cadence: 'daily', start: '2026-11-23T23:00:00.000Z', end: '2026-11-24T23:00:00.000Z' });
  });

  it("counts leads added as leads that entered the rep's ownership in the period, with the change vs the previous period", () => {
    expect(rep('Alice')).toMatchObject({ leadsAdded: 2, change: expect.objectContaining({ leadsAdded: 1 }) });
    expect(rep('Bob')).toMatchObject({ leadsAdded: 0, change: expect.objectContaining({ leadsAdded: 0 }) });
    expect(card.totals.leadsAdded).toBe(2);
  });

  it('counts distinct leads enriched from the enrichment history', () => {
    expect(rep('Alice')).toMatchObject({ leadsEnriched: 1, change: expect.objectContaining({ leadsEnriched: 1 }) });
    expect(rep('Bob')).toMatchObject({ leadsEnriched: 0, change: expect.objectContaining({ leadsEnriched: -1 }) });
    expect(card.totals.leadsEnriched).toBe(1);
  });

  it('counts emails roasted and drafted, the average roast score and its trend', () => {
    expect(rep('Alice')).toMatchObject({
      emailsRoasted: 2,
      emailsDrafted: 1,
      avgRoastScore: 70,
      avgRoastScoreChange: 20,
      change: expect.objectContaining({ emails: 2 }),
    });
    expect(rep('Bob')).toMatchObject({ emailsRoasted: 0, emailsDrafted: 0, avgRoastScore: null, avgRoastScoreChange: null });
  });

  it('counts status changes by the status moved to', () => {
    expect(rep('Alice').statusChanges).toEqual({ qualified: 1 });
    expect(rep('Bob').statusChanges).toEqual({ contacted: 1 });
    expect(rep('Cleo').statusChanges).toEqual({});
  });

  it('charges settled cost and open reservations, not released ones, against each budget', () => {
    expect(rep('Alice')).toMatchObject({ spendUsd: 0.35, budgetUsd: 2 });
    expect(rep('Bob')).toMatchObject({ spendUsd: 0, budgetUsd: 5 });
  });

  it('sets team spend against a team budget of the same people: the reps and the manager', () => {
    // Spend: Alice 0.35 + the manager 0.50 (Bob and Cleo nothing). Budget: Alice 2 + Bob 5 + Cleo 5 + the manager 5.
    expect(card.totals).toMatchObject({ spendUsd: 0.85, budgetUsd: 17 });
  });

  it('lists open leads with no activity for 14 days as stale', () => {
    expect(card.attention.staleLeads.map((l) => l.fullName)).toEqual(['l4']);
  });

  it('lists the team’s uncontacted leads scoring 80 or more', () => {
    expect(card.attention.hotUncontacted.map((l) => l.fullName)).toEqual(['l1']);
    expect(card.attention.hotUncontacted[0]).toMatchObject({ score: 90, company: 'Acme', status: 'new' });
  });

  it('names reps with no activity in the period', () => {
    expect(card.attention.inactiveReps).toEqual(['Cleo']);
  });

  it('ranks the leads added or worked on in the period by score', () => {
    expect(card.topLeads.map((l) => l.fullName)).toEqual(['l1', 'l5', 'l2', 'l8']);
  });
});

describe('digest preferences', () => {
  it('a manager without a preference has the default schedule; saving and deleting one round-trips', async () => {
    const repo = new DigestRepository(db.prisma);
    expect((await repo.managerById(ids.manager!))?.schedule).toEqual({ enabled: true, cadence: 'daily', cron: '30 8 * * 1-5' });
    await repo.savePreference(ids.manager!, { enabled: false, cadence: 'weekly', cron: '0 9 * * 1' });
    expect(await repo.managerById(ids.manager!)).toMatchObject({ customised: true, schedule: { enabled: false, cadence: 'weekly', cron: '0 9 * * 1' } });
    await repo.deletePreference(ids.manager!);
    expect(await repo.managerById(ids.manager!)).toMatchObject({ customised: false, schedule: { cron: '30 8 * * 1-5' } });
  });

  it('refuses a pattern that is not a digest schedule', async () => {
    await expect(new DigestRepository(db.prisma).savePreference(ids.manager!, { enabled: true, cadence: 'daily', cron: '* * * * *' })).rejects.toThrow(
      /not a digest schedule/,
    );
  });
});
