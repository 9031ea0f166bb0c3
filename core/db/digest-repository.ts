// Who gets a digest and when: managers with a team, their digest preference (or the default schedule),
// and the chat identities a digest can go to.
import { NotFoundError, ValidationError } from '../errors.ts';
import { DEFAULT_SCHEDULE, parseCron, type DigestSchedule } from '../digest/schedule.ts';
import { connectionBehind } from './client.ts';
import { digestQuery, type DigestDb } from './digest-statements.ts';
import type { PrismaClient } from './generated/client.ts';
import { sqlOf, type SqlRunner } from './sql-runner.ts';
import { UUID } from '../ids.ts';
import { PROACTIVE_PLATFORMS, type ProactivePlatform } from '../platforms/registry.ts';
import type { ChatAddress } from '../platforms/sender.ts';

export interface DigestManager {
  id: string;
  email: string;
  name: string;
  role: string;
  timeZone: string;
  active: boolean;
  team?: { id: string; name: string; dailyLimitUsd?: number };
  /** The stored preference, or the default schedule when the manager never set one. */
  schedule: DigestSchedule;
  /** False when `schedule` is the default. */
  customised: boolean;
}

/** A manager's wanted job scheduler: what the scheduler reconciles Redis against. */
export interface ScheduleTarget {
  managerId: string;
  timeZone: string;
  schedule: DigestSchedule;
  /** Latest change to the manager, their team or their preference (database clock). */
  changedAt: Date;
}

export interface DigestIdentity {
  id: string;
  userId: string;
  platform: ProactivePlatform;
  tenantId: string;
  externalUserId: string;
  displayName: string | null;
  /** Where the platform's sender writes to this account (core/platforms/sender.ts ChatAddress), unvalidated. */
  address: unknown;
  unreachableAt: Date | null;
  unreachableReason: string | null;
}

interface ManagerRow {
  id: string;
  email: string;
  name: string;
  role: string;
  timeZone: string;
  active: boolean;
  teamId: string | null;
  teamName: string | null;
  teamLimit: string | null;
  enabled: boolean | null;
  cadence: 'daily' | 'weekly' | null;
  cron: string | null;
}

const MANAGER_SELECT = `SELECT u.id::text AS id, u.email, u.name, u.role::text AS role, u."timeZone", u.active,
    t.id::text AS "teamId", t.name AS "teamName", t."dailyLimitUsd"::text AS "teamLimit",
    p.enabled, p.cadence::text AS cadence, p.cron
  FROM users u LEFT JOIN teams t ON t."managerId" = u.id LEFT JOIN digest_preferences p ON p."userId" = u.id`;

const MANAGER_WITH_IDENTITIES = `${MANAGER_SELECT.replace(
  'FROM users u',
  `, COALESCE((
    SELECT json_agg(json_build_object('id', i.id, 'userId', i."userId", 'platform', i.platform, 'tenantId', i."tenantId", 'externalUserId', i."externalUserId",
      'displayName', i."displayName", 'address', i.address,
      'unreachableAt', i."unreachableAt", 'unreachableReason', i."unreachableReason") ORDER BY i."updatedAt" DESC, i.id)
    FROM platform_identities i WHERE i."userId" = u.id AND i.platform IN (${PROACTIVE_PLATFORMS.map((p) => `'${p}'`).join(', ')})), '[]') AS identities
  FROM users u`,
)} WHERE u.id = $1::uuid`;

function toManager(r: ManagerRow): DigestManager {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    timeZone: r.timeZone,
    active: r.active,
    team: r.teamId ? { id: r.teamId, name: r.teamName!, dailyLimitUsd: r.teamLimit === null ? undefined : Number(r.teamLimit) } : undefined,
    schedule: r.cron ? { enabled: r.enabled!, cadence: r.cadence!, cron: r.cron } : { ...DEFAULT_SCHEDULE },
    customised: r.cron !== null,
  };
}

export class DigestRepository {
  private readonly sql: SqlRunner;
  /** The pool behind the client, when there is one: the per-digest lookup runs there as a prepared statement (planned once per connection). */
  private readonly db?: DigestDb;

  constructor(prisma: PrismaClient) {
    this.sql = sqlOf(prisma);
    this.db = connectionBehind(prisma);
  }

  async managerById(id: string): Promise<DigestManager | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.sql.query<ManagerRow>(`${MANAGER_SELECT} WHERE u.id = $1::uuid`, [id]);
    return row ? toManager(row) : undefined;
  }

  /** The manager and their Slack/Teams identities (most recently linked first), in one round trip. */
  async managerWithIdentities(id: string): Promise<{ manager: DigestManager; identities: DigestIdentity[] } | undefined> {
    if (!UUID.test(id)) return undefined;
    type Row = ManagerRow & { identities: (Omit<DigestIdentity, 'unreachableAt'> & { unreachableAt: string | null })[] };
    const [row] = this.db
      ? (await digestQuery<Row>(this.db, 'digest-manager', MANAGER_WITH_IDENTITIES, [id])).rows
      : await this.sql.query<Row>(MANAGER_WITH_IDENTITIES, [id]);
    if (!row) return undefined;
    return {
      manager: toManager(row),
      identities: row.identities.map((i) => ({ ...i, unreachableAt: i.unreachableAt ? new Date(i.unreachableAt) : null })),
    };
  }

  /** The manager a CLI user named; NotFoundError when there is none or they manage no team. */
  async managerByEmail(email: string): Promise<DigestManager> {
    const [row] = await this.sql.query<ManagerRow>(`${MANAGER_SELECT} WHERE u.email = $1::text`, [email.trim().toLowerCase()]);
    if (!row) throw new NotFoundError(`No SalesOS user has the email ${email}.`);
    const manager = toManager(row);
    if (!manager.team) throw new NotFoundError(`${manager.name} <${manager.email}> does not manage a team, so there is no digest to make.`);
    return manager;
  }

  async savePreference(userId: string, schedule: DigestSchedule): Promise<void> {
    if (!UUID.test(userId)) throw new NotFoundError('That user does not exist.');
    parseCron(schedule.cron);
    if (schedule.cadence !== 'daily' && schedule.cadence !== 'weekly')
      throw new ValidationError(`A digest is daily or weekly, not "${String(schedule.cadence)}".`);
    await this.sql.query(
      `INSERT INTO digest_preferences ("userId", enabled, cadence, cron, "updatedAt")
       VALUES ($1::uuid, $2::boolean, $3::text::"DigestCadence", $4::text, now())
       ON CONFLICT ("userId") DO UPDATE SET enabled = EXCLUDED.enabled, cadence = EXCLUDED.cadence, cron = EXCLUDED.cron, "updatedAt" = now()
       RETURNING "userId"`,
      [userId, schedule.enabled, schedule.cadence, schedule.cron],
    );
  }

  /** Back to the default schedule. */
  async deletePreference(userId: string): Promise<void> {
    if (!UUID.test(userId)) return;
    await this.sql.query(`DELETE FROM digest_preferences WHERE "userId" = $1::uuid RETURNING "userId"`, [userId]);
  }

  /**
   * Every active manager of a team with the schedule they want, changed after `since` when given, and the
   * database's clock to pass as `since` next time. A disabled schedule is a target too (its removal).
   */
  async scheduleTargets(since?: Date): Promise<{ targets: ScheduleTarget[]; now: Date }> {
    const list = await this.sql.query<ManagerRow & { changedAt: Date; now: Date }>(
      `SELECT u.id::text AS id, u.email, u.name, u.role::text AS role, u."timeZone", u.active,
         t.id::text AS "teamId", t.name AS "teamName", NULL AS "teamLimit", p.enabled, p.cadence::text AS cadence, p.cron,
         GREATEST(u."updatedAt", t."updatedAt", COALESCE(p."updatedAt", u."updatedAt")) AS "changedAt", now() AS now
       FROM teams t JOIN users u ON u.id = t."managerId" LEFT JOIN digest_preferences p ON p."userId" = u.id
       WHERE $1::timestamptz IS NULL OR GREATEST(u."updatedAt", t."updatedAt", COALESCE(p."updatedAt", u."updatedAt")) > $1::timestamptz`,
      [since ?? null],
    );
    const now = list[0]?.now ?? (await this.sql.query<{ now: Date }>('SELECT now() AS now'))[0]!.now;
    const targets = list.map((r) => {
      const m = toManager(r);
      // An inactive manager keeps the row but gets no digest.
      return { managerId: m.id, timeZone: m.timeZone, schedule: m.active ? m.schedule : { ...m.schedule, enabled: false }, changedAt: new Date(r.changedAt) };
    });
    return { targets, now: new Date(now) };
  }

  /** Remembers where a sender can write to an identity (e.g. the Slack DM it opened), so it need not look again. */
  async saveAddress(identityId: string, address: ChatAddress): Promise<void> {
    if (!UUID.test(identityId)) throw new NotFoundError('That platform identity does not exist.');
    await this.sql.query(
      // Without waiting for the WAL flush: a lost update only costs one more look-up (Slack: conversations.open).
      `UPDATE platform_identities SET address = $2::jsonb, "updatedAt" = now()
       FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
       WHERE id = $1::uuid RETURNING id`,
      [identityId, JSON.stringify(address)],
    );
  }

  /** A platform refused a digest for good (bot removed, user gone): stop sending to this identity. */
  async markIdentityUnreachable(identityId: string, reason: string): Promise<void> {
    if (!UUID.test(identityId)) throw new NotFoundError('That platform identity does not exist.');
    await this.sql.query(
      `UPDATE platform_identities SET "unreachableAt" = now(), "unreachableReason" = $2::text, "updatedAt" = now() WHERE id = $1::uuid RETURNING id`,
      [identityId, reason.slice(0, 500)],
    );
  }
}
