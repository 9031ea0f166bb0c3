// Users, their teams and their chat-platform identities; and the lead scope each role may see.
import { isTimeZone } from '../time-zone.ts';
import { Prisma, type PrismaClient, type PlatformIdentity, type Team, type User } from './generated/client.ts';
import type { LeadScope } from '../leads/filter.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { UUID } from '../ids.ts';
import type { Platform } from '../platforms/registry.ts';
import type { ChatAddress } from '../platforms/sender.ts';
import { poolBehind } from './client.ts';

export type Role = 'rep' | 'manager' | 'admin';
export type { User, Team, PlatformIdentity };

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  teamId?: string;
}

export interface IdentityLink {
  userId: string;
  platform: Platform;
  /** Slack workspace id or Teams tenant id; "" for the console. */
  tenantId: string;
  externalUserId: string;
  displayName?: string;
  /** Where a bot can write to this account unasked (Slack's DM channel, Teams' ConversationReference); kept when absent. */
  address?: ChatAddress;
  /** Teams: the channel's user id (29:…), present even when the AAD object id is not. */
  teamsUserId?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLES: readonly string[] = ['rep', 'manager', 'admin'];

// A user as Prisma returns it, read with plain SQL: the lookups every turn or command starts with (who is
// asking) then skip Prisma's query compiler, whose first query in a process costs a one-shot `salesos ask`
// a few hundred milliseconds (loading its wasm, then compiling the query; bench/cli-start.ts).
const USER_COLUMNS = `u.id, u.email, u.name, u.role::text AS role, u."timeZone", u."teamId", u."dailyLimitUsd"::text AS "dailyLimitUsd",
  u.active, u."createdAt", u."updatedAt"`;

type UserRow = Omit<User, 'dailyLimitUsd'> & { dailyLimitUsd: string | null };

const toUser = (r: UserRow): User => ({ ...r, dailyLimitUsd: r.dailyLimitUsd === null ? null : new Prisma.Decimal(r.dailyLimitUsd) });

export class UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The one user the SQL finds, on the client's pg pool; undefined without a pool (then Prisma reads it). */
  private async oneUser(sql: string, params: unknown[]): Promise<{ user: User | undefined } | undefined> {
    const pool = poolBehind(this.prisma);
    if (!pool) return undefined;
    const { rows } = await pool.query<UserRow>(sql, params);
    return { user: rows[0] && toUser(rows[0]) };
  }

  async getById(id: string): Promise<User | undefined> {
    if (!UUID.test(id)) return undefined;
    const fast = await this.oneUser(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1::uuid`, [id]);
    if (fast) return fast.user;
    return (await this.prisma.user.findUnique({ where: { id } })) ?? undefined;
  }

  async getByEmail(email: string): Promise<User | undefined> {
    const wanted = email.trim().toLowerCase();
    const fast = await this.oneUser(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = $1::text`, [wanted]);
    if (fast) return fast.user;
    return (await this.prisma.user.findUnique({ where: { email: wanted } })) ?? undefined;
  }

  list(opts: { role?: Role; teamId?: string } = {}): Promise<User[]> {
    return this.prisma.user.findMany({
      where: { ...(opts.role ? { role: opts.role } : {}), ...(opts.teamId ? { teamId: opts.teamId } : {}) },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
  }

  async create(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    if (!EMAIL.test(email)) throw new ValidationError(`"${input.email}" is not a valid email address.`);
    if (!name) throw new ValidationError('A user needs a name.');
    if (!ROLES.includes(input.role)) throw new ValidationError(`Role must be one of ${ROLES.join(', ')}, not "${input.role}".`);
    if (!isTimeZone(input.timeZone)) throw new ValidationError(`"${input.timeZone}" is not an IANA time zone like Europe/Berlin.`);
    if (input.teamId !== undefined && !UUID.test(input.teamId)) throw new ValidationError(`"${input.teamId}" is not a team id.`);
    try {
      return await this.prisma.user.create({
        data: { email, name, role: input.role, timeZone: input.timeZone, teamId: input.teamId ?? null },
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw new ConflictError(`A user with the email ${email} already exists.`);
      }
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003') {
        throw new NotFoundError('That team does not exist.');
      }
      throw err;
    }
  }

  /** The SalesOS user behind a chat account, if it is linked. */
  async resolveIdentity(platform: Platform, tenantId: string, externalUserId: string): Promise<User | undefined> {
    const fast = await this.oneUser(
      `SELECT ${USER_COLUMNS} FROM platform_identities i JOIN users u ON u.id = i."userId"
       WHERE i.platform = $1::"Platform" AND i."tenantId" = $2::text AND i."externalUserId" = $3::text`,
      [platform, tenantId, externalUserId],
    );
    if (fast) return fast.user?.active ? fast.user : undefined;
    const identity = await this.prisma.platformIdentity.findUnique({
      where: { platform_tenantId_externalUserId: { platform, tenantId, externalUserId } },
      include: { user: true },
    });
    return identity?.user.active ? identity.user : undefined;
  }

  /** Link (or refresh) a chat account; a link that was unreachable becomes reachable again. */
  linkIdentity(link: IdentityLink): Promise<PlatformIdentity> {
    const fields = {
      userId: link.userId,
      displayName: link.displayName,
      address: link.address as Prisma.InputJsonValue | undefined,
      teamsUserId: link.teamsUserId,
      unreachableAt: null,
      unreachableReason: null,
    };
    return this.prisma.platformIdentity.upsert({
      where: {
        platform_tenantId_externalUserId: { platform: link.platform, tenantId: link.tenantId, externalUserId: link.externalUserId },
      },
      create: { ...fields, platform: link.platform, tenantId: link.tenantId, externalUserId: link.externalUserId },
      update: fields,
    });
  }

  /**
   * The Teams identity of a channel user id (29:…) in a tenant: one that recorded it, or one keyed by it
   * because the AAD object id was unknown when it was made. Only active users.
   */
  async findTeamsIdentity(tenantId: string, teamsUserId: string): Promise<{ identity: PlatformIdentity; user: User } | undefined> {
    const identity = await this.prisma.platformIdentity.findFirst({
      where: { platform: 'teams', tenantId, OR: [{ teamsUserId }, { externalUserId: teamsUserId }] },
      include: { user: true },
      orderBy: { updatedAt: 'desc' },
    });
    if (!identity?.user.active) return undefined;
    const { user, ...rest } = identity;
    return { identity: rest, user };
  }

  /**
   * Re-key an identity to the account id that arrived later (Teams: the AAD object id), so one person stays
   * one user. A placeholder email (…@teams.invalid) is replaced by the real one when nobody else has it.
   */
  async mergeIdentityKey(identityId: string, externalUserId: string, realEmail?: string): Promise<void> {
    if (!UUID.test(identityId)) throw new NotFoundError('That platform identity does not exist.');
    await this.prisma.$transaction(async (tx) => {
      const identity = await tx.platformIdentity.update({ where: { id: identityId }, data: { externalUserId } });
      const email = realEmail?.trim().toLowerCase();
      if (!email || !EMAIL.test(email)) return;
      const user = await tx.user.findUnique({ where: { id: identity.userId } });
      if (!user?.email.endsWith('@teams.invalid')) return;
      if (await tx.user.findUnique({ where: { email } })) return;
      await tx.user.update({ where: { id: user.id }, data: { email } });
    });
  }

  async markIdentityUnreachable(id: string, reason: string): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundError('That platform identity does not exist.');
    const res = await this.prisma.platformIdentity.updateMany({
      where: { id },
      data: { unreachableAt: new Date(), unreachableReason: reason.slice(0, 500) },
    });
    if (!res.count) throw new NotFoundError('That platform identity does not exist.');
  }

  identitiesOf(userId: string): Promise<PlatformIdentity[]> {
    return this.prisma.platformIdentity.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  }

  /** The members of the team this manager manages (the manager included), or none. */
  async teamMembers(managerId: string): Promise<User[]> {
    if (!UUID.test(managerId)) return [];
    const team = await this.prisma.team.findUnique({ where: { managerId }, select: { id: true } });
    if (!team) return [];
    const members = await this.prisma.user.findMany({ where: { teamId: team.id }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return members;
  }

  /** The leads a user may see: rep own + unassigned; manager own + team + unassigned; admin all. */
  async scopeFor(user: Pick<User, 'id' | 'role'>): Promise<LeadScope> {
    if (user.role === 'admin') return { kind: 'all' };
    if (user.role === 'manager') {
      const ids = new Set([user.id, ...(await this.teamMembers(user.id)).map((m) => m.id)]);
      return { kind: 'owners', ownerIds: [...ids], unassigned: true };
    }
    return { kind: 'owners', ownerIds: [user.id], unassigned: true };
  }

  /** A team managed by this user, who joins it as a member. */
  /** The team a manager manages, if any. */
  async teamManagedBy(managerId: string): Promise<Team | undefined> {
    if (!UUID.test(managerId)) return undefined;
    return (await this.prisma.team.findUnique({ where: { managerId } })) ?? undefined;
  }

  /** A user's own daily AI budget in USD; null falls back to COST_DAILY_LIMIT_USD. */
  async setDailyLimit(userId: string, usd: number | null): Promise<void> {
    if (usd !== null && !(Number.isFinite(usd) && usd >= 0)) throw new ValidationError('A daily budget must be 0 USD or more.');
    await this.prisma.user.update({ where: { id: userId }, data: { dailyLimitUsd: usd } });
  }

  async createTeam(name: string, managerId: string): Promise<Team> {
    const teamName = name.trim();
    if (!teamName) throw new ValidationError('A team needs a name.');
    const manager = await this.getById(managerId);
    if (!manager) throw new NotFoundError('That manager does not exist.');
    if (manager.role === 'rep') throw new ValidationError(`${manager.name} is a rep; only a manager or admin can manage a team.`);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const team = await tx.team.create({ data: { name: teamName, managerId } });
        await tx.user.update({ where: { id: managerId }, data: { teamId: team.id } });
        return team;
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw new ConflictError(`${manager.name} already manages a team.`);
      }
      throw err;
    }
  }
}
