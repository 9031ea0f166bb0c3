import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { DemoRepository } from '../../../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../../../core/demo/seed.ts';
import { ConflictError } from '../../../core/errors.ts';

const now = new Date('2026-11-25T09:00:00.000Z');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('seedDemoOrganisation on PostgreSQL', () => {
  it('reports a fresh database as empty', async () => {
    expect(await new DemoRepository(db.prisma).isEmpty()).toBe(true);
  });

  it('writes the whole organisation with the expected counts', async () => {
    const result = await seedDemoOrganisation(new DemoRepository(db.prisma), { seed: 42, now });
    const org = result.organisation;
    const p = db.prisma;
    expect(await p.user.count()).toBe(10);
    expect(await p.team.count()).toBe(2);
    expect(await p.lead.count()).toBe(2000);
    expect(await p.leadActivity.count()).toBe(org.activities.length);
    expect(await p.enrichmentHistory.count()).toBe(org.enrichments.length);
    expect(await p.platformIdentity.count({ where: { platform: 'console' } })).toBe(10);
    expect(await p.digestPreference.count({ where: { cadence: 'daily', cron: '30 8 * * 1-5' } })).toBe(2);
    expect(await p.lead.count({ where: { ownerId: null } })).toBe(org.leads.filter((l) => !l.ownerId).length);
    expect(await new DemoRepository(p).isEmpty()).toBe(false);
  });

  it('links managers to their teams and reps to a team', async () => {
    const teams = await db.prisma.team.findMany({ include: { manager: true, members: true } });
    for (const team of teams) {
      expect(team.manager!.role).toBe('manager');
      expect(team.members.filter((m) => m.role === 'rep').length).toBeGreaterThanOrEqual(3);
    }
    const demo = await db.prisma.user.findUnique({ where: { email: 'demo@salesos.demo' }, include: { identities: true } });
    expect(demo!.role).toBe('rep');
    expect(demo!.identities[0]).toMatchObject({ platform: 'console', tenantId: '', externalUserId: 'demo@salesos.demo' });
  });

  it('stores lead values and timestamps as generated, with the search text filled in', async () => {
    const { organisation } = await seedDemoOrganisation(new DemoRepository(db.prisma), { seed: 42, now, force: true });
    const sample = organisation.leads[17]!;
    const stored = await db.prisma.lead.findUniqueOrThrow({ where: { id: sample.id } });
    expect(stored).toMatchObject({
      email: sample.email,
      techStack: sample.techStack,
      createdAt: sample.createdAt,
      updatedAt: sample.updatedAt,
      score: sample.score,
    });
    expect(stored.searchText).toContain(sample.email);
  });

  it('refuses to seed a database that has users, with a ConflictError', async () => {
    await expect(seedDemoOrganisation(new DemoRepository(db.prisma), { seed: 1, now })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.prisma.user.count()).toBe(10);
  });

  it('replaces existing data when forced', async () => {
    await db.prisma.user.create({ data: { email: 'someone@else.test', name: 'Someone Else' } });
    const result = await seedDemoOrganisation(new DemoRepository(db.prisma), { seed: 7, leads: 300, now, force: true });
    expect(result.cleared).toBe(true);
    expect(await db.prisma.user.findUnique({ where: { email: 'someone@else.test' } })).toBeNull();
    expect(await db.prisma.lead.count()).toBe(300);
    expect(await db.prisma.user.count()).toBe(10);
  });
});
