import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { UserRepository, type User } from '../../../core/db/users-repository.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.ts';

let db: TestDatabase;
let users: UserRepository;
let manager: User;
let rep1: User;
let rep2: User;
let loner: User;
let admin: User;
let teamId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  users = new UserRepository(db.prisma);
  manager = await users.create({ email: 'Mia@SalesOS.test', name: 'Mia', role: 'manager', timeZone: 'Europe/Berlin' });
  teamId = (await users.createTeam('Berlin', manager.id)).id;
  rep1 = await users.create({ email: 'ann@salesos.test', name: 'Ann', role: 'rep', timeZone: 'UTC', teamId });
  rep2 = await users.create({ email: 'bob@salesos.test', name: 'Bob', role: 'rep', timeZone: 'America/New_York', teamId });
  loner = await users.create({ email: 'cat@salesos.test', name: 'Cat', role: 'rep', timeZone: 'UTC' });
  admin = await users.create({ email: 'root@salesos.test', name: 'Root', role: 'admin', timeZone: 'UTC' });
});
afterAll(async () => {
  await db?.drop();
});

describe('UserRepository', () => {
  it('stores emails lower-cased and finds users by id and by email in any case', async () => {
    expect(manager.email).toBe('mia@salesos.test');
    expect((await users.getByEmail('MIA@salesos.TEST'))?.id).toBe(manager.id);
    expect((await users.getById(rep1.id))?.name).toBe('Ann');
    expect(await users.getById('not-a-uuid')).toBeUndefined();
  });

  it('reads a user on the pool exactly as Prisma reads it (types included: Decimal limit, Dates, null team)', async () => {
    await users.setDailyLimit(rep2.id, 1.25);
    for (const u of [manager, rep1, rep2, loner]) {
      const viaPrisma = await db.prisma.user.findUnique({ where: { id: u.id } });
      expect(await users.getById(u.id)).toEqual(viaPrisma);
      expect(await users.getByEmail(u.email)).toEqual(viaPrisma);
    }
    const limited = await users.getById(rep2.id);
    expect(limited?.dailyLimitUsd?.toString()).toBe('1.25');
    expect(limited?.createdAt).toBeInstanceOf(Date);
    expect(await users.getByEmail('nobody@salesos.test')).toBeUndefined();
  });

  it('lists users by role and by team', async () => {
    expect((await users.list({ role: 'rep' })).map((u) => u.name)).toEqual(['Ann', 'Bob', 'Cat']);
    expect((await users.list({ teamId })).map((u) => u.name)).toEqual(['Ann', 'Bob', 'Mia']);
    expect(await users.list()).toHaveLength(5);
  });

  it('rejects a bad email, role or time zone, naming it', async () => {
    await expect(users.create({ email: 'nope', name: 'X', role: 'rep', timeZone: 'UTC' })).rejects.toThrow(/nope/);
    await expect(users.create({ email: 'x@y.io', name: 'X', role: 'boss' as 'rep', timeZone: 'UTC' })).rejects.toThrow(/boss/);
    await expect(users.create({ email: 'x@y.io', name: 'X', role: 'rep', timeZone: 'Mars/Olympus' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a second user with the same email', async () => {
    await expect(users.create({ email: 'ANN@salesos.test', name: 'Ann 2', role: 'rep', timeZone: 'UTC' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('makes the team manager a member and refuses a second team for the same manager', async () => {
    expect((await users.getById(manager.id))?.teamId).toBe(teamId);
    await expect(users.createTeam('Again', manager.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(users.createTeam('Reps', rep1.id)).rejects.toBeInstanceOf(ValidationError);
  });

  it('lists the members of the team a manager manages, and nobody for a rep', async () => {
    expect((await users.teamMembers(manager.id)).map((u) => u.name)).toEqual(['Ann', 'Bob', 'Mia']);
    expect(await users.teamMembers(rep1.id)).toEqual([]);
  });

  it('scopes a rep to own + unassigned leads', async () => {
    expect(await users.scopeFor(rep1)).toEqual({ kind: 'owners', ownerIds: [rep1.id], unassigned: true });
  });

  it('scopes a manager to own + team + unassigned leads', async () => {
    const scope = await users.scopeFor(manager);
    expect(scope.kind === 'owners' && [...scope.ownerIds].sort()).toEqual([manager.id, rep1.id, rep2.id].sort());
    expect(scope).toMatchObject({ unassigned: true });
  });

  it('scopes an admin to all leads', async () => {
    expect(await users.scopeFor(admin)).toEqual({ kind: 'all' });
  });
});

describe('UserRepository platform identities', () => {
  it('resolves a linked chat account to its user and nothing else', async () => {
    await users.linkIdentity({ userId: rep1.id, platform: 'slack', tenantId: 'T1', externalUserId: 'U1', address: { channel: 'D1' } });
    expect((await users.resolveIdentity('slack', 'T1', 'U1'))?.id).toBe(rep1.id);
    expect(await users.resolveIdentity('slack', 'T2', 'U1')).toBeUndefined();
    expect(await users.resolveIdentity('teams', 'T1', 'U1')).toBeUndefined();
  });

  it('updates an existing link in place, keeping one row per account', async () => {
    const first = await users.linkIdentity({ userId: rep2.id, platform: 'teams', tenantId: 'tenant', externalUserId: 'aad-2' });
    const conv = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    const second = await users.linkIdentity({ userId: rep2.id, platform: 'teams', tenantId: 'tenant', externalUserId: 'aad-2', address: conv });
    expect(second.id).toBe(first.id);
    expect(second.address).toEqual(conv);
    expect(await users.identitiesOf(rep2.id)).toHaveLength(1);
  });

  it('marks an identity unreachable, and relinking makes it reachable again', async () => {
    const link = await users.linkIdentity({ userId: loner.id, platform: 'slack', tenantId: 'T1', externalUserId: 'U9', address: { channel: 'D9' } });
    await users.markIdentityUnreachable(link.id, 'account_inactive');
    const [marked] = await users.identitiesOf(loner.id);
    expect(marked).toMatchObject({ unreachableReason: 'account_inactive' });
    expect(marked!.unreachableAt).toBeInstanceOf(Date);
    const relinked = await users.linkIdentity({ userId: loner.id, platform: 'slack', tenantId: 'T1', externalUserId: 'U9', address: { channel: 'D10' } });
    expect(relinked).toMatchObject({ unreachableAt: null, unreachableReason: null, address: { channel: 'D10' } });
  });

  it('refuses to mark an unknown identity', async () => {
    await expect(users.markIdentityUnreachable('00000000-0000-4000-8000-000000000000', 'gone')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('does not resolve an identity of a deactivated user', async () => {
    const temp = await users.create({ email: 'temp@salesos.test', name: 'Temp', role: 'rep', timeZone: 'UTC' });
    await users.linkIdentity({ userId: temp.id, platform: 'console', tenantId: '', externalUserId: 'temp' });
    await db.prisma.user.update({ where: { id: temp.id }, data: { active: false } });
    expect(await users.resolveIdentity('console', '', 'temp')).toBeUndefined();
  });
});
