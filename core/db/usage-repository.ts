// CostGuard's ledger in PostgreSQL. A reservation checks and inserts under advisory locks on the user
// (and team), so concurrent calls from any number of processes cannot overspend a budget.
import crypto from 'node:crypto';
import { Prisma, type PrismaClient } from './generated/client.ts';
import { NotFoundError } from '../errors.ts';
import { log } from '../log.ts';
import { isUuid, type SqlRunner } from './sql-runner.ts';

export type UsageKind = 'model' | 'tool';

/** Whose budget a call spends and the limits that apply (USD; undefined = the default / no team budget). */
export interface BudgetOwner {
  userId: string;
  userName: string;
  timeZone: string;
  userLimitUsd?: number;
  teamId?: string;
  teamLimitUsd?: number;
}

export type ReserveResult =
  | { ok: true; id: string; day: string; owner: BudgetOwner }
  | { ok: false; scope: 'user' | 'team'; day: string; owner: BudgetOwner; usedUsd: number; limitUsd: number };

export interface ReserveRequest {
  userId: string;
  kind: UsageKind;
  name: string;
  estimateUsd: number;
  defaultLimitUsd: number;
  /** The budget day for the user's time zone (read inside the lock, with the user). */
  dayOf(timeZone: string): string;
}

export interface DaySummary {
  spentUsd: number;
  reservedUsd: number;
  byName: { name: string; kind: UsageKind; calls: number; costUsd: number }[];
  teamUsedUsd?: number;
}

export interface UsageReportRow {
  userEmail: string;
  userName: string;
  day: string;
  kind: UsageKind;
  name: string;
  calls: number;
  costUsd: number;
}

// Advisory lock classes: users and teams live in separate key spaces, so a user key can never collide
// with a team key. Locks are always taken user first, then team, so two reservations cannot deadlock.
const USER_LOCK = 1;
const TEAM_LOCK = 2;

/** Budget amounts are compared in whole micro-dollars (numeric(12,6)), never as floating sums. */
export const toMicros = (usd: number | string): number => Math.round(Number(usd) * 1_000_000);
const usd = (micros: number): number => micros / 1_000_000;
const fixed = (n: number): string => n.toFixed(6);

// Closing a reservation commits without waiting for the WAL flush (this statement only): if the server
// crashed before the flush, the row would stay `reserved` and be charged at its worst case — the safe
// side — and the call saves a disk flush (the p99 of a commit on a busy machine).
const ASYNC_COMMIT = `(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`;

// What a row currently counts against the budget: the real cost once settled, the estimate while open.
const CHARGE = `CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END`;

async function readOwner(sql: SqlRunner, userId: string): Promise<BudgetOwner> {
  const rows = await sql.query<{ name: string; timeZone: string; userLimit: string | null; teamId: string | null; teamLimit: string | null }>(
    `SELECT u.name, u."timeZone", u."dailyLimitUsd"::text AS "userLimit", u."teamId"::text AS "teamId", t."dailyLimitUsd"::text AS "teamLimit"
     FROM users u LEFT JOIN teams t ON t.id = u."teamId"
     WHERE u.id = $1::uuid`,
    [userId],
  );
  const r = rows[0];
  if (!r) throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
  return {
    userId,
    userName: r.name,
    timeZone: r.timeZone,
    userLimitUsd: r.userLimit === null ? undefined : Number(r.userLimit),
    teamId: r.teamId ?? undefined,
    teamLimitUsd: r.teamLimit === null ? undefined : Number(r.teamLimit),
  };
}

export class UsageRepository {
  constructor(private readonly sql: SqlRunner) {}

  owner(userId: string): Promise<BudgetOwner> {
    return readOwner(this.sql, userId);
  }

  /** Check spent + open reservations + estimate ≤ limit (user, then team) and insert the reservation, atomically. */
  async reserve(req: ReserveRequest): Promise<ReserveResult> {
    if (!isUuid(req.userId)) throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
    // The id is a validated uuid, so it can be inlined: the lock then travels with BEGIN.
    const userLock = `SELECT 1 AS locked FROM pg_advisory_xact_lock(${USER_LOCK}, hashtext('${req.userId}'))`;
    return this.sql.transaction(async (tx) => {
      const owner = await readOwner(tx, req.userId);
      const day = req.dayOf(owner.timeZone);
      const teamId = owner.teamLimitUsd !== undefined ? owner.teamId : undefined;
      if (teamId) await tx.query('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2::text))', [TEAM_LOCK, teamId]);

      const [used] = await tx.query<{ user: string; team: string }>(
        `SELECT COALESCE(SUM(${CHARGE}) FILTER (WHERE "userId" = $1::uuid), 0)::text AS "user",
                COALESCE(SUM(${CHARGE}) FILTER (WHERE "teamId" = $2::uuid), 0)::text AS "team"
         FROM usage_entries
         WHERE day = $3::text AND ("userId" = $1::uuid OR "teamId" = $2::uuid)`,
        [req.userId, teamId ?? null, day],
      );
      const estimate = toMicros(req.estimateUsd);
      const userLimit = toMicros(owner.userLimitUsd ?? req.defaultLimitUsd);
      // A budget of 0 switches AI off for the user, even for calls that cost nothing.
      if (userLimit === 0 || toMicros(used!.user) + estimate > userLimit)
        return { ok: false as const, scope: 'user' as const, day, owner, usedUsd: usd(toMicros(used!.user)), limitUsd: usd(userLimit) };
      if (teamId && toMicros(used!.team) + estimate > toMicros(owner.teamLimitUsd!))
        return { ok: false as const, scope: 'team' as const, day, owner, usedUsd: usd(toMicros(used!.team)), limitUsd: owner.teamLimitUsd! };
      const id = crypto.randomUUID();
      await tx.query(
        `INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd")
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text::"AuditKind", $6::text, 'reserved', $7::numeric, 0)
         RETURNING id`,
        [id, req.userId, owner.teamId ?? null, day, req.kind, req.name, fixed(usd(estimate))],
      );
      return { ok: true as const, id, day, owner };
    }, userLock);
  }

  /** Charge `costUsd` for an open reservation; false when it was already settled or released. */
  async settle(id: string, costUsd: number, usage: { inputTokens?: number; outputTokens?: number } = {}): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE usage_entries
       SET status = 'settled', "costUsd" = $2::numeric, "inputTokens" = $3::int, "outputTokens" = $4::int, "settledAt" = now()
       FROM ${ASYNC_COMMIT}
       WHERE id = $1::uuid AND status = 'reserved'
       RETURNING id`,
      [id, fixed(costUsd), usage.inputTokens ?? null, usage.outputTokens ?? null],
    );
    if (rows.length === 0) log.warn('usage reservation was already closed', { reservationId: id });
    return rows.length === 1;
  }

  /** Settle an open reservation at its reserved amount; returns that amount (undefined when already closed). */
  async settleAtReservation(id: string): Promise<number | undefined> {
    const rows = await this.sql.query<{ cost: string }>(
      `UPDATE usage_entries SET status = 'settled', "costUsd" = "reservedUsd", "settledAt" = now()
       FROM ${ASYNC_COMMIT}
       WHERE id = $1::uuid AND status = 'reserved'
       RETURNING "costUsd"::text AS cost`,
      [id],
    );
    if (!rows[0]) log.warn('usage reservation was already closed', { reservationId: id });
    return rows[0] ? Number(rows[0].cost) : undefined;
  }

  async release(id: string): Promise<void> {
    await this.sql.query(
      `UPDATE usage_entries SET status = 'released', "costUsd" = 0, "settledAt" = now() FROM ${ASYNC_COMMIT}
       WHERE id = $1::uuid AND status = 'reserved' RETURNING id`,
      [id],
    );
  }

  /** One user's day: settled spend, open reservations, calls and cost per model/tool, and the team's total. */
  async daySummary(userId: string, day: string, teamId?: string): Promise<DaySummary> {
    const rows = await this.sql.query<{ name: string; kind: UsageKind; calls: number; spent: string; reserved: string }>(
      `SELECT name, kind::text AS kind,
              COUNT(*) FILTER (WHERE status <> 'released')::int AS calls,
              COALESCE(SUM("costUsd") FILTER (WHERE status = 'settled'), 0)::text AS spent,
              COALESCE(SUM("reservedUsd") FILTER (WHERE status = 'reserved'), 0)::text AS reserved
       FROM usage_entries WHERE "userId" = $1::uuid AND day = $2::text
       GROUP BY name, kind ORDER BY name`,
      [userId, day],
    );
    let spent = 0;
    let reserved = 0;
    const byName = rows
      .filter((r) => r.calls > 0)
      .map((r) => {
        spent += toMicros(r.spent);
        reserved += toMicros(r.reserved);
        return { name: r.name, kind: r.kind, calls: r.calls, costUsd: usd(toMicros(r.spent) + toMicros(r.reserved)) };
      });
    let teamUsedUsd: number | undefined;
    if (teamId) {
      const [t] = await this.sql.query<{ used: string }>(
        `SELECT COALESCE(SUM(${CHARGE}), 0)::text AS used FROM usage_entries WHERE "teamId" = $1::uuid AND day = $2::text`,
        [teamId, day],
      );
      teamUsedUsd = usd(toMicros(t!.used));
    }
    return { spentUsd: usd(spent), reservedUsd: usd(reserved), byName, teamUsedUsd };
  }
}

/**
 * Spend per user, day and model/tool over the last `days` days (open reservations count at their
 * estimate; released ones not at all), for `salesos usage`. Filter by one user or a manager's team.
 */
export async function usageReport(
  prisma: PrismaClient,
  opts: { userEmail?: string; teamManagerEmail?: string; days?: number } = {},
): Promise<UsageReportRow[]> {
  const days = opts.days ?? 7;
  let userFilter = Prisma.empty;
  if (opts.userEmail) {
    const user = await prisma.user.findUnique({ where: { email: opts.userEmail }, select: { id: true } });
    if (!user) throw new NotFoundError(`No SalesOS user has the email ${opts.userEmail}.`);
    userFilter = Prisma.sql`AND u.id = ${user.id}::uuid`;
  }
  let teamFilter = Prisma.empty;
  if (opts.teamManagerEmail) {
    const manager = await prisma.user.findUnique({ where: { email: opts.teamManagerEmail }, select: { managedTeam: { select: { id: true } } } });
    if (!manager) throw new NotFoundError(`No SalesOS user has the email ${opts.teamManagerEmail}.`);
    if (!manager.managedTeam) throw new NotFoundError(`${opts.teamManagerEmail} does not manage a team.`);
    teamFilter = Prisma.sql`AND e."teamId" = ${manager.managedTeam.id}::uuid`;
  }
  const rows = await prisma.$queryRaw<{ userEmail: string; userName: string; day: string; kind: UsageKind; name: string; calls: number; cost: string }[]>`
    SELECT u.email AS "userEmail", u.name AS "userName", e.day, e.kind::text AS kind, e.name,
           COUNT(*)::int AS calls, COALESCE(SUM(CASE e.status WHEN 'settled' THEN e."costUsd" ELSE e."reservedUsd" END), 0)::text AS cost
    FROM usage_entries e JOIN users u ON u.id = e."userId"
    WHERE e.status <> 'released' AND e."createdAt" >= now() - make_interval(days => ${days}::int) ${userFilter} ${teamFilter}
    GROUP BY u.email, u.name, e.day, e.kind, e.name
    ORDER BY e.day DESC, u.email, e.name`;
  return rows.map(({ cost, ...r }) => ({ ...r, costUsd: Number(cost) }));
}
