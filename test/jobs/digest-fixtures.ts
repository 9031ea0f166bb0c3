// A manager with a small team and chat identities, a Redis prefix per test file, and waiting helpers.
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { PrismaClient } from '../../core/db/generated/client.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test file uses; `dropPrefix` deletes everything under it. */
export function uniquePrefix(name: string): string {
  return `salesos-test-${name}-${crypto.randomBytes(4).toString('hex')}`;
}

export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface ManagerFixture {
  id: string;
  email: string;
  teamName: string;
  slackUserId?: string;
  teamsConversationId?: string;
}

let counter = 0;

/**
 * A manager (Europe/Berlin unless told) with two reps and a lead each, and the identities asked for.
 * `paused` stores a disabled preference, so only jobs added by hand run for this manager.
 */
export async function createManager(
  prisma: PrismaClient,
  opts: { slack?: boolean; teams?: { serviceUrl: string }; paused?: boolean; timeZone?: string } = {},
): Promise<ManagerFixture> {
  const n = `${++counter}${crypto.randomBytes(2).toString('hex')}`;
  const timeZone = opts.timeZone ?? 'Europe/Berlin';
  const manager = await prisma.user.create({ data: { email: `m${n}@t.io`, name: `Manager ${n}`, role: 'manager', timeZone } });
  if (opts.paused) await prisma.digestPreference.create({ data: { userId: manager.id, enabled: false } });
  const teamName = `Team ${n}`;
  const fixture: ManagerFixture = { id: manager.id, email: manager.email, teamName };
  if (opts.slack) {
    fixture.slackUserId = `UM${n.toUpperCase()}`;
    await prisma.platformIdentity.create({ data: { userId: manager.id, platform: 'slack', tenantId: 'T0FAKE', externalUserId: fixture.slackUserId } });
  }
  if (opts.teams) {
    fixture.teamsConversationId = `a:digest-${n}`;
    await prisma.platformIdentity.create({
      data: {
        userId: manager.id,
        platform: 'teams',
        tenantId: 'tenant-1',
        externalUserId: `aad-${n}`,
        address: {
          channelId: 'msteams',
          serviceUrl: opts.teams.serviceUrl,
          conversation: { id: fixture.teamsConversationId, conversationType: 'personal', tenantId: 'tenant-1' },
          user: { id: `29:${n}`, aadObjectId: `aad-${n}` },
          bot: { id: '28:salesos', name: 'SalesOS' },
        },
      },
    });
  }
  const team = await prisma.team.create({ data: { name: teamName } });
  await prisma.user.update({ where: { id: manager.id }, data: { teamId: team.id } });
  for (const rep of ['a', 'b']) {
    const user = await prisma.user.create({ data: { email: `${rep}${n}@t.io`, name: `Rep ${rep.toUpperCase()}${n}`, role: 'rep', timeZone, teamId: team.id } });
    await prisma.lead.create({ data: { fullName: `Lead ${rep}${n}`, email: `lead-${rep}${n}@x.io`, ownerId: user.id, score: 85 } });
  }
  // Made the manager last: a running scheduler picks the manager up complete (identities, reps, leads).
  await prisma.team.update({ where: { id: team.id }, data: { managerId: manager.id } });
  return fixture;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
