// The one identity-provisioning service behind every chat platform, on a real database: a linked account
// finds its user; an unknown one is linked by email or becomes a rep (never more); deny mode refuses only
// people without an account; two first messages at once make one user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../../core/db/users-repository.ts';
import { createIdentityService, type IdentityService } from '../../../core/identity/identity-service.ts';
import { log } from '../../../core/log.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

let db: TestDatabase;
let users: UserRepository;
let provisioning: IdentityService;
let denying: IdentityService;

beforeAll(async () => {
  db = await createTestDatabase();
  users = new UserRepository(db.prisma);
  provisioning = createIdentityService({ users, unknownUsers: 'provision', defaultTimeZone: 'Europe/Berlin', log });
  denying = createIdentityService({ users, unknownUsers: 'deny', defaultTimeZone: 'Europe/Berlin', log });
});
afterAll(async () => db?.drop());

describe('identity service', () => {
  it('provisions an unknown person as a rep without a team, links the account, and finds it next time', async () => {
    const account = { platform: 'slack' as const, tenantId: 'T1', externalUserId: 'U1' };
    const result = await provisioning.provision({
      ...account,
      name: 'Nina New',
      email: 'Nina@Example.com',
      timeZone: 'America/New_York',
      address: { channel: 'D1' },
    });
    expect(result).toMatchObject({ ok: true, provisioned: true, user: { email: 'nina@example.com', role: 'rep', teamId: null, timeZone: 'America/New_York' } });
    const found = await provisioning.find(account);
    expect(found?.id).toBe(result.ok ? result.user.id : undefined);
    const [identity] = await users.identitiesOf(found!.id);
    expect(identity).toMatchObject({ platform: 'slack', tenantId: 'T1', externalUserId: 'U1', displayName: 'Nina New', address: { channel: 'D1' } });
  });

  it("uses the deployment's time zone when the platform's is missing or not a zone", async () => {
    const a = await provisioning.provision({ platform: 'teams', tenantId: 't', externalUserId: 'aad-tz1', name: 'No Zone', email: 'nozone@example.com' });
    const b = await provisioning.provision({
      platform: 'teams',
      tenantId: 't',
      externalUserId: 'aad-tz2',
      name: 'Bad',
      email: 'bad@example.com',
      timeZone: 'Mars/Olympus',
    });
    expect([a, b].map((r) => r.ok && r.user.timeZone)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
  });

  it('links an account to the existing user with its email, keeping their role', async () => {
    const manager = await users.create({ email: 'mia@example.com', name: 'Mia', role: 'manager', timeZone: 'UTC' });
    const result = await denying.provision({ platform: 'teams', tenantId: 't', externalUserId: 'aad-mia', name: 'Mia M', email: 'MIA@example.com' });
    expect(result).toMatchObject({ ok: true, provisioned: false, user: { id: manager.id, role: 'manager' } });
    expect((await denying.find({ platform: 'teams', tenantId: 't', externalUserId: 'aad-mia' }))?.id).toBe(manager.id);
  });

  it('in deny mode refuses a person without an account and creates nothing', async () => {
    const result = await denying.provision({ platform: 'slack', tenantId: 'T1', externalUserId: 'U404', name: 'Stranger', email: 'stranger@example.com' });
    expect(result).toEqual({ ok: false, reason: 'no_account' });
    expect(await users.getByEmail('stranger@example.com')).toBeUndefined();
    expect(await denying.find({ platform: 'slack', tenantId: 'T1', externalUserId: 'U404' })).toBeUndefined();
  });

  it('makes one user when the same person writes on two platforms at once', async () => {
    const results = await Promise.all([
      provisioning.provision({ platform: 'slack', tenantId: 'T1', externalUserId: 'URACE', name: 'Rae', email: 'rae@example.com' }),
      provisioning.provision({ platform: 'teams', tenantId: 't', externalUserId: 'aad-race', name: 'Rae', email: 'rae@example.com' }),
    ]);
    const ids = new Set(results.map((r) => r.ok && r.user.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && r.provisioned)).toHaveLength(1);
    const [id] = [...ids] as string[];
    expect((await users.identitiesOf(id!)).map((i) => i.platform).sort()).toEqual(['slack', 'teams']);
  });
});
