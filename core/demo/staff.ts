// The demo sales organisation: an admin, two managers in different time zones, each with a team of reps.
// The first rep is the demo account the terminal chat signs in as by default.
import type { Faker } from '@faker-js/faker';
import type { DemoDigestPreference, DemoIdentity, DemoTeam, DemoUser } from './types.ts';

export const DEMO_DOMAIN = 'salesos.demo';
export const DEMO_REP_EMAIL = `demo@${DEMO_DOMAIN}`;
/** Weekdays at 08:30 in the manager's own time zone. */
export const DEMO_DIGEST_CRON = '30 8 * * 1-5';

const TEAM_PLANS = [
  { name: 'EMEA Sales', managerZone: 'Europe/Berlin', repZones: ['Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Europe/Madrid'] },
  { name: 'North America Sales', managerZone: 'America/New_York', repZones: ['America/New_York', 'America/Chicago', 'America/Denver'] },
];

export interface DemoStaff {
  users: DemoUser[];
  teams: DemoTeam[];
  identities: DemoIdentity[];
  digestPreferences: DemoDigestPreference[];
  reps: DemoUser[];
}

export function generateStaff(faker: Faker): DemoStaff {
  const taken = new Set<string>();
  const person = (role: DemoUser['role'], timeZone: string, teamId: string | null, email?: string): DemoUser => {
    let first: string;
    let last: string;
    let address: string;
    do {
      first = faker.person.firstName();
      last = faker.person.lastName();
      address = email ?? `${slug(first)}.${slug(last)}@${DEMO_DOMAIN}`;
    } while (taken.has(address));
    taken.add(address);
    return { id: faker.string.uuid(), email: address, name: `${first} ${last}`, role, timeZone, teamId };
  };

  const users: DemoUser[] = [person('admin', 'Europe/London', null)];
  const teams: DemoTeam[] = [];
  const reps: DemoUser[] = [];
  for (const plan of TEAM_PLANS) {
    const teamId = faker.string.uuid();
    const manager = person('manager', plan.managerZone, teamId);
    teams.push({ id: teamId, name: plan.name, managerId: manager.id });
    users.push(manager);
    for (const zone of plan.repZones) {
      const rep = person('rep', zone, teamId, reps.length === 0 ? DEMO_REP_EMAIL : undefined);
      reps.push(rep);
      users.push(rep);
    }
  }

  return {
    users,
    teams,
    reps,
    identities: users.map((u) => ({
      userId: u.id,
      platform: 'console' as const,
      tenantId: '' as const,
      externalUserId: u.email,
      displayName: u.name,
    })),
    digestPreferences: users
      .filter((u) => u.role === 'manager')
      .map((u) => ({ userId: u.id, enabled: true, cadence: 'daily' as const, cron: DEMO_DIGEST_CRON })),
  };
}

/** Lower-case ASCII letters and digits only, for email local parts and domains. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}
