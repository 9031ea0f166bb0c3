// Digest figures on data loaded the way users load it — the demo seed, `salesos import --owner`, a rep's
// chat — not on hand-built rows. Each figure is compared with the data itself.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../core/actor.ts';
import type { ReplyEvent } from '../../../core/agent/types.ts';
import type { DigestCard } from '../../../core/cards.ts';
import { DigestFiguresRepository } from '../../../core/db/digest-figures-repository.ts';
import { DigestRepository } from '../../../core/db/digest-repository.ts';
import { DemoRepository } from '../../../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../../../core/demo/seed.ts';
import { composeDigest } from '../../../core/digest/compose.ts';
import { digestPeriod } from '../../../core/digest/period.ts';
import { runCli } from '../../support/cli.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';

const SEEDED_AT = new Date('2026-11-25T12:00:00Z');
let c: TestContainer;
let repo: DigestRepository;

beforeAll(async () => {
  c = await createTestContainer();
  repo = new DigestRepository(c.db.prisma);
  await seedDemoOrganisation(new DemoRepository(c.db.prisma), { seed: 7, leads: 600, now: SEEDED_AT });
}, 120_000);

afterAll(async () => {
  await c?.db.drop();
});

async function digestFor(managerId: string, fireAt: Date): Promise<DigestCard> {
  const manager = (await repo.managerById(managerId))!;
  const period = digestPeriod({ cadence: 'weekly', timeZone: manager.timeZone, fireAt });
  return composeDigest(new DigestFiguresRepository(c.db.prisma), manager, period, { defaultDailyLimitUsd: c.config.cost.dailyLimitUsd });
}

/** The database's clock plus a day: a weekly period that holds what the test just wrote, whatever the date. */
async function dayAfterDatabaseNow(): Promise<Date> {
  const { rows } = await c.db.pool.query<{ now: Date }>('SELECT now() AS now');
  return new Date(rows[0]!.now.getTime() + 86_400_000);
}

/** Leads each rep owns that were created in the card's period: what "leads added" must say on seeded data. */
async function ownedCreatedIn(card: DigestCard): Promise<Map<string, number>> {
  const { rows } = await c.db.pool.query<{ name: string; n: number }>(
    `SELECT u.name, count(l.id)::int AS n FROM users u JOIN teams t ON t.id = u."teamId"
     LEFT JOIN leads l ON l."ownerId" = u.id AND l."createdAt" >= $2 AND l."createdAt" < $3
     WHERE t.name = $1 AND u.role = 'rep' AND u.active GROUP BY u.name`,
    [card.teamName, card.period.start, card.period.end],
  );
  return new Map(rows.map((r) => [r.name, r.n]));
}

describe('digest figures on the demo seed', () => {
  it('counts the leads each rep got in the period, which is not zero for everyone', async () => {
    const managers = await c.db.prisma.team.findMany({ where: { managerId: { not: null } } });
    let total = 0;
    for (const team of managers) {
      const card = await digestFor(team.managerId!, SEEDED_AT);
      const expected = await ownedCreatedIn(card);
      for (const rep of card.reps) expect(rep.leadsAdded, rep.name).toBe(expected.get(rep.name) ?? 0);
      expect(card.totals.leadsAdded).toBe([...expected.values()].reduce((a, b) => a + b, 0));
      total += card.totals.leadsAdded;
    }
    expect(total).toBeGreaterThan(0);
  });
});

describe('digest figures after an import and a chat', () => {
  it('counts leads imported with --owner for that rep, and leads re-assigned to another rep for the new owner', async () => {
    const team = await c.db.prisma.team.findFirstOrThrow({
      where: { managerId: { not: null } },
      include: { members: { where: { role: 'rep', active: true }, orderBy: { name: 'asc' } } },
    });
    const [first, second] = team.members;
    const imported = await runCli(['import', 'test/fixtures/leads-good.csv', '--owner', first!.email], { DATABASE_URL: c.db.url, SALESOS_SEED_DEMO: 'false' });
    expect(imported.code).toBe(0);
    const created = Number(/(\d+) new leads/.exec(imported.stdout)![1]);
    expect(created).toBe(6);
    // The period is the week up to the day after the import, on the database's clock.
    const fireAt = await dayAfterDatabaseNow();
    const before = await digestFor(team.managerId!, fireAt);
    const firstBefore = before.reps.find((r) => r.name === first!.name)!.leadsAdded;
    const secondBefore = before.reps.find((r) => r.name === second!.name)!.leadsAdded;
    expect(firstBefore).toBeGreaterThanOrEqual(6);

    // The same file imported for another rep: the six leads change hands and enter the second rep's ownership.
    const again = await runCli(['import', 'test/fixtures/leads-good.csv', '--owner', second!.email], { DATABASE_URL: c.db.url, SALESOS_SEED_DEMO: 'false' });
    expect(again.stdout).toMatch(/0 new leads, 6 updated/);
    const after = await digestFor(team.managerId!, fireAt);
    expect(after.reps.find((r) => r.name === second!.name)!.leadsAdded).toBe(secondBefore + 6);
    // Counted once per lead for the first rep: importing again does not add them again.
    expect(after.reps.find((r) => r.name === first!.name)!.leadsAdded).toBe(firstBefore);
  }, 120_000);

  it('counts an email the rep roasted in chat', async () => {
    const team = await c.db.prisma.team.findFirstOrThrow({
      where: { managerId: { not: null } },
      include: { members: { where: { role: 'rep', active: true }, orderBy: { name: 'asc' } } },
    });
    const rep = actorOf(team.members[0]!);
    const fireAt = await dayAfterDatabaseNow();
    const before = (await digestFor(team.managerId!, fireAt)).reps.find((r) => r.name === rep.name)!;
    for await (const e of c.assistant.handleTurn({
      deliveryId: randomUUID(),
      platform: 'console',
      actor: rep,
      conversationKey: `console:${randomUUID()}`,
      text: 'roast this email: Hi Jane, quick question about your pipeline. Do you have 15 minutes?',
    }) as AsyncIterable<ReplyEvent>)
      void e;
    const after = (await digestFor(team.managerId!, fireAt)).reps.find((r) => r.name === rep.name)!;
    expect(after.emailsRoasted).toBe(before.emailsRoasted + 1);
    expect(after.avgRoastScore).not.toBeNull();
  }, 60_000);
});
