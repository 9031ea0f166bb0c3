// A small, hand-built organisation with known leads, for tests that assert exact results.
import { actorOf } from '../../core/actor.ts';
import type { Actor } from '../../core/agent/types.ts';
import type { PrismaClient } from '../../core/db/generated/client.ts';

export interface TestOrg {
  admin: Actor;
  manager: Actor;
  /** Reps in the manager's team. */
  alice: Actor;
  bob: Actor;
  /** A rep in another team. */
  carol: Actor;
  leads: Record<string, string>; // key -> lead id
}

export async function createTestOrg(prisma: PrismaClient): Promise<TestOrg> {
  const mk = (email: string, name: string, role: 'rep' | 'manager' | 'admin', timeZone = 'Europe/Berlin') =>
    prisma.user.create({ data: { email, name, role, timeZone } });
  const admin = await mk('admin@test.io', 'Ada Admin', 'admin', 'UTC');
  const manager = await mk('maria@test.io', 'Maria Manager', 'manager');
  const other = await mk('otto@test.io', 'Otto Other', 'manager', 'America/New_York');
  const team = await prisma.team.create({ data: { name: 'Berlin', managerId: manager.id } });
  const team2 = await prisma.team.create({ data: { name: 'New York', managerId: other.id } });
  const alice = await prisma.user.create({ data: { email: 'alice@test.io', name: 'Alice Rep', role: 'rep', timeZone: 'Europe/Berlin', teamId: team.id } });
  const bob = await prisma.user.create({ data: { email: 'bob@test.io', name: 'Bob Rep', role: 'rep', timeZone: 'Europe/Berlin', teamId: team.id } });
  const carol = await prisma.user.create({ data: { email: 'carol@test.io', name: 'Carol Rep', role: 'rep', timeZone: 'America/New_York', teamId: team2.id } });
  await prisma.user.update({ where: { id: manager.id }, data: { teamId: team.id } });

  const lead = (key: string, data: Record<string, unknown>) =>
    prisma.lead
      .create({ data: { fullName: key, email: `${key.toLowerCase().replace(/\s+/g, '.')}@example.com`, ...data } as never })
      .then((l) => [key, l.id] as const);
  const rows = await Promise.all([
    lead('Jane Doe', {
      email: 'jane@acme.io',
      title: 'Chief Technology Officer',
      seniority: 'c_level',
      company: 'Acme',
      companyDomain: 'acme.io',
      industry: 'Fintech',
      companySize: 120,
      country: 'Germany',
      city: 'Berlin',
      techStack: ['HubSpot', 'AWS'],
      score: 91,
      ownerId: alice.id,
    }),
    lead('Max Muster', {
      email: 'max@paywise.de',
      title: 'CTO',
      seniority: 'c_level',
      company: 'Paywise',
      companyDomain: 'paywise.de',
      industry: 'Fintech',
      companySize: 60,
      country: 'Germany',
      city: 'Munich',
      techStack: ['Salesforce'],
      score: 84,
      ownerId: alice.id,
    }),
    lead('Lena Klein', {
      email: 'lena@healthio.com',
      title: 'VP of Sales',
      seniority: 'vp',
      company: 'Healthio',
      companyDomain: 'healthio.com',
      industry: 'Healthcare',
      companySize: 150,
      country: 'United States',
      city: 'Boston',
      techStack: ['HubSpot'],
      score: 77,
      ownerId: bob.id,
    }),
    lead('Tom Berg', {
      email: 'tom@shopify-clone.io',
      title: 'Head of Marketing',
      seniority: 'director',
      company: 'Cartly',
      industry: 'E-commerce',
      companySize: 30,
      country: 'United Kingdom',
      city: 'London',
      techStack: ['Shopify'],
      score: 55,
      status: 'contacted',
      ownerId: carol.id,
    }),
    lead('Nora Free', {
      email: 'nora@gmail.com',
      title: 'Founder',
      seniority: 'c_level',
      company: null,
      industry: 'SaaS',
      companySize: 8,
      country: 'France',
      city: 'Paris',
      techStack: [],
      score: 68,
    }),
    lead('Paul Plain', { email: 'paul@plainsoft.co.uk', title: 'Engineering Manager', seniority: 'manager', score: 40 }),
  ]);
  return { admin: actorOf(admin), manager: actorOf(manager), alice: actorOf(alice), bob: actorOf(bob), carol: actorOf(carol), leads: Object.fromEntries(rows) };
}
