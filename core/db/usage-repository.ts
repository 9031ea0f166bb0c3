// CostGuard's ledger in PostgreSQL. A reservation checks and inserts under advisory locks on the user
// (and team), so concurrent calls from any number of processes cannot overspend a budget. The locks live
// in salesos_reserve_usage (migration 20261125100000): classes 1 (user) and 2 (team) are separate key
// spaces, always taken user first, then team, so two reservations cannot deadlock. What the day has used so
// far is read from usage_day_totals, which triggers keep equal to the sum over the ledger rows in the same
// transaction as every change (migration 20261129172500), so a reservation costs the same however many
// calls the rep made that day.
import crypto from 'node:crypto';
import { Prisma, type PrismaClient } from './generated/client.ts';
import { NotFoundError } from '../errors.ts';
import { log } from '../log.ts';
import { isUuid, sqlOf, type SqlRunner } from './sql-runner.ts';

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
  /** The time zone the caller expects the user to have (e.g. the actor's); checked against the stored one. */
  timeZone?: string;
  /** The budget day for the user's time zone (checked inside the lock, with the user). */
  dayOf(timeZone: string): string;
}

export interface LeaseRequest {
  userId: string;
  kind: UsageKind;
  /** The call that needs the lease: it must fit, or the lease is refused exactly as a reservation would be. */
  estimateUsd: number;
  /** The share of the day's (smaller) limit to hold at most; never more than half of what is left. */
  share: number;
  defaultLimitUsd: number;
  timeZone?: string;
  dayOf(timeZone: string): string;
  /** The caller's previous lease of this user and the part of it no call uses: given back first, same statement. */
  giveBack?: { leaseId: string; usd: number };
}

export type LeaseResult =
  | { ok: true; id: string; day: string; owner: BudgetOwner; grantedUsd: number; gaveBack: boolean }
  | { ok: false; scope: 'user' | 'team'; day: string; owner: BudgetOwner; usedUsd: number; limitUsd: number; gaveBack: boolean };

/** A call served from a lease, as it is charged when its lease is closed with the call still in flight. */
export interface LeasedCall {
  id: string;
  userId: string;
  teamId?: string;
  day: string;
  kind: UsageKind;
  name: string;
  reservedUsd: number;
}

/** A reservation's ledger fields (its own row), whatever else the caller's object carries. */
export function leasedCallOf(r: LeasedCall): LeasedCall {
  return { id: r.id, userId: r.userId, teamId: r.teamId, day: r.day, kind: r.kind, name: r.name, reservedUsd: r.reservedUsd };
}

interface ReserveRow {
  r_status: 'ok' | 'user' | 'team' | 'no_user' | 'time_zone';
  r_name: string | null;
  r_time_zone: string | null;
  r_user_limit: string | null;
  r_team_id: string | null;
  r_team_limit: string | null;
  r_used: string | null;
}

export interface DaySummary {
  spentUsd: number;
  reservedUsd: number;
  byName: { name: string; kind: UsageKind; calls: number; costUsd: number }[];
  teamUsedUsd?: number;
}

export interface SweptReservation {
  id: string;
  userId: string;
  kind: UsageKind;
  name: string;
  reservedUsd: number;
  createdAt: Date;
  /** A budget lease (its process stopped without giving it back): what it held, calls in flight included. */
  lease?: boolean;
}

export interface UsageReportRow {
  userEmail: string;
  userName: string;
  day: string;
  kind: UsageKind;
  name: string;
  calls: number;
  costUsd: number;
  /** Reservations the sweeper settled at their reserved amount (their process ended before settling). */
  swept: number;
}

/** An audit row of a free model call that reached the model (free calls have no ledger row). */
const FREE_MODEL_CALL = `kind = 'model' AND input @> '{"free": true}'::jsonb AND outcome IN ('ok', 'error')`;

/** Budget amounts are compared in whole micro-dollars (numeric(12,6)), never as floating sums. */
export const toMicros = (usd: number | string): number => Math.round(Number(usd) * 1_000_000);
const usd = (micros: number): number => micros / 1_000_000;
const fixed = (n: number): string => n.toFixed(6);

// Some ledger statements commit without waiting for the WAL flush (that statement's transaction only), so a
// tool call waits for one disk flush — its settle + audit commit — instead of three. Why losing one is harmless:
// - Opening a reservation (reserve): an asynchronous commit is visible to every other transaction at once,
//   and the check-and-insert still runs under the user's (and team's) advisory lock, so concurrent calls
//   see it exactly as before: budgets hold under any concurrency. The WAL is flushed in order, so the row is
//   on disk as soon as any later durable commit is (the call's own settle + audit commit, or anyone else's):
//   no durable row can depend on a reservation that is not. It is lost only if the database server itself
//   crashes (or its machine loses power) before the WAL writer flushes it — at most 3 × wal_writer_delay,
//   600 ms by default — and before any durable commit after it. Then the call's
//   settle + audit commit finds no row and writes the charge afresh (salesos_append_audit), so the spend is
//   never lost; the only effect is that until then, after the restart, its estimate was not held against
//   the budget. If our process dies instead, the database keeps the row: an open reservation that the
//   reservation sweeper (or shutdown) settles at its reserved amount, audited, exactly as before.
// - Closing one alone (settle, settleAtReservation, release outside the hot path): if lost, the row stays
//   `reserved` and is charged at its worst case by the sweeper — the safe side.
// The call's settle + audit commit (salesos_append_audit, core/db/audit-repository.ts) never uses this.
const ASYNC_COMMIT = `(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`;

// The audit trail's chain lock (core/db/audit-repository.ts AUDIT_CHAIN_LOCK): every audit append, which is where
// leased calls' rows are written, holds it; settling an abandoned lease takes it too.
const AUDIT_CHAIN_LOCK = 'SELECT pg_advisory_xact_lock(7240301) AS locked';

// What a row currently counts against the budget: the real cost once settled, the estimate while open.
const CHARGE = `CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END`;

function ownerOf(userId: string, r: ReserveRow): BudgetOwner {
  return {
    userId,
    userName: r.r_name!,
    timeZone: r.r_time_zone!,
    userLimitUsd: r.r_user_limit === null ? undefined : Number(r.r_user_limit),
    teamId: r.r_team_id ?? undefined,
    teamLimitUsd: r.r_team_limit === null ? undefined : Number(r.r_team_limit),
  };
}

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
  /** Every paid call reserves and settles: plain SQL on the pool when there is one (see sqlOf). */
  private readonly sql: SqlRunner;

  constructor(prisma: PrismaClient) {
    this.sql = sqlOf(prisma);
  }

  owner(userId: string): Promise<BudgetOwner> {
    return readOwner(this.sql, userId);
  }

  /**
   * Check spent + open reservations + estimate ≤ limit (user, then team) and insert the reservation,
   * atomically, in one statement (salesos_reserve_usage, under the same advisory locks as ever).
   */
  async reserve(req: ReserveRequest): Promise<ReserveResult> {
    if (!isUuid(req.userId)) throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
    const id = crypto.randomUUID();
    const estimate = toMicros(req.estimateUsd);
    let timeZone = req.timeZone ?? '';
    // The day depends on the stored time zone; a stale guess costs one retry (twice if it changes meanwhile).
    for (let attempt = 0; attempt < 3; attempt++) {
      const day = req.dayOf(timeZone || 'UTC');
      const [r] = await this.sql.query<ReserveRow>(
        `SELECT r_status, r_name, r_time_zone, r_user_limit::text AS r_user_limit, r_team_id::text AS r_team_id, r_team_limit::text AS r_team_limit, r_used::text AS r_used, async_commit.set_config AS synchronous_commit
         FROM salesos_reserve_usage($1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::numeric, $8::numeric), ${ASYNC_COMMIT}`,
        [id, req.userId, timeZone, day, req.kind, req.name, fixed(usd(estimate)), fixed(req.defaultLimitUsd)],
      );
      if (!r || r.r_status === 'no_user')
        throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
      const owner = ownerOf(req.userId, r);
      if (r.r_status === 'time_zone') {
        timeZone = owner.timeZone;
        continue;
      }
      if (r.r_status === 'ok') return { ok: true, id, day, owner };
      const scope = r.r_status === 'team' ? 'team' : 'user';
      const limitUsd = scope === 'team' ? owner.teamLimitUsd! : usd(toMicros(owner.userLimitUsd ?? req.defaultLimitUsd));
      return { ok: false, scope, day, owner, usedUsd: usd(toMicros(r.r_used ?? 0)), limitUsd };
    }
    throw new Error(`the time zone of user ${req.userId} kept changing during a reservation`);
  }

  /**
   * Take a budget lease (salesos_take_lease, migration 20261129200000): the same locks and checks as a
   * reservation, then a row holding a slice of what is left, in one statement. Committed without waiting for
   * the WAL flush, like a reservation (see ASYNC_COMMIT): if a database crash loses it, the settles of the calls
   * it served find no lease row and write their charges afresh ('restored').
   */
  async takeLease(req: LeaseRequest): Promise<LeaseResult> {
    if (!isUuid(req.userId)) throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
    const id = crypto.randomUUID();
    let timeZone = req.timeZone ?? '';
    let giveBack = req.giveBack;
    let gaveBack = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const day = req.dayOf(timeZone || 'UTC');
      const [r] = await this.sql.query<ReserveRow & { r_granted: string | null; r_returned: boolean }>(
        `SELECT r_status, r_name, r_time_zone, r_user_limit::text AS r_user_limit, r_team_id::text AS r_team_id, r_team_limit::text AS r_team_limit,
                r_used::text AS r_used, r_granted::text AS r_granted, r_returned, async_commit.set_config AS synchronous_commit
         FROM salesos_take_lease($1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::numeric, $7::numeric, $8::numeric, $9::uuid, $10::numeric), ${ASYNC_COMMIT}`,
        [
          id,
          req.userId,
          timeZone,
          day,
          req.kind,
          fixed(usd(toMicros(req.estimateUsd))),
          String(req.share),
          fixed(req.defaultLimitUsd),
          giveBack?.leaseId ?? null,
          giveBack ? fixed(giveBack.usd) : null,
        ],
      );
      if (!r || r.r_status === 'no_user')
        throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
      // The time zone check comes before the give-back, so a retry gives back (once) what a refusal here did not.
      gaveBack ||= r.r_returned;
      if (r.r_returned) giveBack = undefined;
      const owner = ownerOf(req.userId, r);
      if (r.r_status === 'time_zone') {
        timeZone = owner.timeZone;
        continue;
      }
      if (r.r_status === 'ok') return { ok: true, id, day, owner, grantedUsd: usd(toMicros(r.r_granted!)), gaveBack };
      const scope = r.r_status === 'team' ? 'team' : 'user';
      const limitUsd = scope === 'team' ? owner.teamLimitUsd! : usd(toMicros(owner.userLimitUsd ?? req.defaultLimitUsd));
      return { ok: false, scope, day, owner, usedUsd: usd(toMicros(r.r_used ?? 0)), limitUsd, gaveBack };
    }
    throw new Error(`the time zone of user ${req.userId} kept changing during a budget lease`);
  }

  /**
   * Set what an open lease counts against the budget back to what it holds (its grant less its calls' estimates):
   * until then it also counts the estimates of the calls settled since (see migration 20261129200000). Committed
   * without waiting for the WAL flush: losing it leaves the lease counting more, never less, until the next one.
   */
  async reconcileLease(leaseId: string): Promise<void> {
    await this.sql.query(
      `UPDATE usage_entries SET "reservedUsd" = salesos_lease_held(id, "userId", day, "leasedUsd") FROM ${ASYNC_COMMIT}
       WHERE id = $1::uuid AND lease AND status = 'reserved' RETURNING id`,
      [leaseId],
    );
  }

  /**
   * Give back `usd` of an open lease that serves no new call (replaced by one taken ahead) while its calls in flight
   * finish: what it was granted shrinks by that much and what it counts is reconciled, so it counts exactly its calls
   * in flight. Committed without waiting for the WAL flush: losing it leaves the lease counting more until it is
   * closed (given back in full) or swept, never less.
   */
  async returnLeaseRest(leaseId: string, usdBack: number): Promise<void> {
    await this.sql.query(
      `UPDATE usage_entries SET "leasedUsd" = "leasedUsd" - $2::numeric, "reservedUsd" = salesos_lease_held(id, "userId", day, "leasedUsd" - $2::numeric)
       FROM ${ASYNC_COMMIT}
       WHERE id = $1::uuid AND lease AND status = 'reserved' AND "leasedUsd" >= $2::numeric RETURNING id`,
      [leaseId, fixed(usdBack)],
    );
  }

  /**
   * Close a lease: what it still holds goes back to the budget, and the calls it still had in flight (`calls`:
   * at shutdown, never settled by their turn) are charged at their estimate, swept (salesos_close_lease). Durable.
   * Returns those charges; nothing when the lease was already closed (the sweeper charged it).
   */
  async closeLease(leaseId: string, calls: LeasedCall[] = []): Promise<SweptReservation[]> {
    return this.sql.query<SweptReservation>(`SELECT id, "userId", kind, name, "reservedUsd", "createdAt" FROM salesos_close_lease($1::uuid, $2::jsonb)`, [
      leaseId,
      JSON.stringify(calls.map((c) => ({ ...c, reservedUsd: fixed(c.reservedUsd) }))),
    ]);
  }

  /**
   * Settle one leased call outside the audit append (a guard without an audit trail): its estimate leaves the
   * lease and its own row is written, settled at `costUsd`, in one statement. False when the lease is closed.
   */
  async settleLeased(call: LeasedCall & { leaseId: string }, costUsd: number, tokens: { inputTokens?: number; outputTokens?: number } = {}): Promise<boolean> {
    // Under the audit chain lock, as the audit append does: the sweeper settles abandoned leases under it too,
    // so it never counts this call's estimate in a lease it settles while this row is being written.
    const rows = await this.sql.transaction(
      (tx) =>
        tx.query(
          `INSERT INTO usage_entries (id, "userId", "teamId", day, kind, name, status, "reservedUsd", "costUsd", "inputTokens", "outputTokens", "settledAt", "leaseId")
           SELECT $1::uuid, $3::uuid, $4::uuid, $5::text, $6::"AuditKind", $9::text, 'settled', $7::numeric, $8::numeric, $10::int, $11::int, now(), $2::uuid
           WHERE EXISTS (SELECT 1 FROM usage_entries WHERE id = $2::uuid AND lease AND status = 'reserved')
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            call.id,
            call.leaseId,
            call.userId,
            call.teamId ?? null,
            call.day,
            call.kind,
            fixed(call.reservedUsd),
            fixed(costUsd),
            call.name,
            tokens.inputTokens ?? null,
            tokens.outputTokens ?? null,
          ],
        ),
      [AUDIT_CHAIN_LOCK],
    );
    if (rows.length === 0)
      log.warn('the budget lease of a call was already closed; the call was charged with it', { reservationId: call.id, leaseId: call.leaseId });
    return rows.length === 1;
  }

  /** The user's own daily limit (undefined = the default), read alone: the cheap check for free calls. */
  async userLimit(userId: string): Promise<{ found: boolean; limitUsd?: number }> {
    if (!isUuid(userId)) return { found: false };
    const [r] = await this.sql.query<{ limit: string | null }>(`SELECT "dailyLimitUsd"::text AS "limit" FROM users WHERE id = $1::uuid`, [userId]);
    return r ? { found: true, limitUsd: r.limit === null ? undefined : Number(r.limit) } : { found: false };
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

  /**
   * Settle open reservations at their reserved amount — the conservative charge when usage is unknown —
   * and mark them swept: those older than `olderThanMs` (their process ended without settling), or the
   * given ids. Returns what was settled.
   */
  async sweep(sel: { olderThanMs: number } | { ids: string[] }): Promise<SweptReservation[]> {
    const settle = (where: string) =>
      `UPDATE usage_entries SET status = 'settled', "costUsd" = "reservedUsd", "settledAt" = now(), "sweptAt" = now()
       WHERE status = 'reserved' AND ${where}
       RETURNING id, "userId", kind::text AS kind, name, "reservedUsd"::float8 AS "reservedUsd", "createdAt", lease`;
    if ('ids' in sel) return sel.ids.length ? this.sql.query<SweptReservation>(settle(`id = ANY($1::uuid[])`), [sel.ids]) : [];
    const stale = `"createdAt" < now() - make_interval(secs => $1::double precision / 1000)`;
    // Abandoned leases are settled at what they hold, counted afresh under the audit chain lock (no call of
    // theirs is being written meanwhile; each statement here sees every call row committed before it).
    return this.sql.transaction(
      async (tx) => {
        await tx.query(
          `UPDATE usage_entries SET "reservedUsd" = salesos_lease_held(id, "userId", day, "leasedUsd") WHERE lease AND status = 'reserved' AND ${stale} RETURNING id`,
          [sel.olderThanMs],
        );
        return tx.query<SweptReservation>(settle(stale), [sel.olderThanMs]);
      },
      [AUDIT_CHAIN_LOCK],
    );
  }

  async release(id: string): Promise<void> {
    await this.sql.query(
      `UPDATE usage_entries SET status = 'released', "costUsd" = 0, "settledAt" = now() FROM ${ASYNC_COMMIT}
       WHERE id = $1::uuid AND status = 'reserved' RETURNING id`,
      [id],
    );
  }

  /**
   * One user's day: settled spend, open reservations, calls and cost per model/tool, and the team's total.
   * Free model calls have no ledger row; `from`–`to` (the day's instants) finds them in the audit trail.
   */
  async daySummary(userId: string, day: string, teamId?: string, range?: { from: Date; to: Date }): Promise<DaySummary> {
    const rows = await this.sql.query<{ name: string; kind: UsageKind; calls: number; spent: string; reserved: string }>(
      `SELECT name, kind, SUM(calls)::int AS calls, SUM(spent)::text AS spent, SUM(reserved)::text AS reserved
       FROM (
         SELECT name, kind::text AS kind,
                COUNT(*) FILTER (WHERE status <> 'released' AND NOT lease) AS calls,
                COALESCE(SUM("costUsd") FILTER (WHERE status = 'settled'), 0) AS spent,
                COALESCE(SUM("reservedUsd") FILTER (WHERE status = 'reserved'), 0) AS reserved
         FROM usage_entries WHERE "userId" = $1::uuid AND day = $2::text
         GROUP BY name, kind
         UNION ALL
         SELECT name, 'model', COUNT(*), 0, 0
         FROM audit_entries
         WHERE $3::timestamptz IS NOT NULL AND "actorId" = $1::uuid AND "createdAt" >= $3::timestamptz AND "createdAt" < $4::timestamptz
           AND ${FREE_MODEL_CALL}
         GROUP BY name
       ) calls
       GROUP BY name, kind
       ORDER BY name`,
      [userId, day, range?.from ?? null, range?.to ?? null],
    );
    let spent = 0;
    let reserved = 0;
    // Budget leases (no calls of their own) count in the totals — held, or charged when swept — not as a name.
    for (const r of rows) {
      spent += toMicros(r.spent);
      reserved += toMicros(r.reserved);
    }
    const byName = rows
      .filter((r) => r.calls > 0)
      .map((r) => ({ name: r.name, kind: r.kind, calls: r.calls, costUsd: usd(toMicros(r.spent) + toMicros(r.reserved)) }));
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

/** One reservation to close in the audit append's statement (salesos_append_audit, migration 20261129150000). */
export interface LedgerClose extends LeasedCall {
  /** Set for a call served from a budget lease: the call's row is written now and its estimate taken off the lease. */
  leaseId?: string;
  /** `settled` at costUsd, or `released` (never billed, charged 0). */
  status: 'settled' | 'released';
  costUsd: number;
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * `settled`: this closed the open reservation. `restored`: the reservation row was gone (an asynchronous
 * commit lost in a database crash, see ASYNC_COMMIT) and the charge was written afresh. `closed`: it was
 * already settled or released (the sweeper got there first): nothing charged again.
 */
export type LedgerCloseResult = 'settled' | 'restored' | 'closed';

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
  let freeTeamFilter = Prisma.empty;
  if (opts.teamManagerEmail) {
    const manager = await prisma.user.findUnique({ where: { email: opts.teamManagerEmail }, select: { managedTeam: { select: { id: true } } } });
    if (!manager) throw new NotFoundError(`No SalesOS user has the email ${opts.teamManagerEmail}.`);
    if (!manager.managedTeam) throw new NotFoundError(`${opts.teamManagerEmail} does not manage a team.`);
    teamFilter = Prisma.sql`AND e."teamId" = ${manager.managedTeam.id}::uuid`;
    freeTeamFilter = Prisma.sql`AND u."teamId" = ${manager.managedTeam.id}::uuid`;
  }
  // Free model calls have no ledger row: they are counted from the audit trail, on the user's local day.
  const rows = await prisma.$queryRaw<
    { userEmail: string; userName: string; day: string; kind: UsageKind; name: string; calls: number; cost: string; swept: number }[]
  >`
    SELECT * FROM (
      SELECT u.email AS "userEmail", u.name AS "userName", e.day, e.kind::text AS kind, e.name,
             (COUNT(*) FILTER (WHERE NOT e.lease))::int AS calls, COALESCE(SUM(CASE e.status WHEN 'settled' THEN e."costUsd" ELSE e."reservedUsd" END), 0)::text AS cost,
             COUNT(e."sweptAt")::int AS swept
      FROM usage_entries e JOIN users u ON u.id = e."userId"
      WHERE e.status <> 'released' AND e."createdAt" >= now() - make_interval(days => ${days}::int) ${userFilter} ${teamFilter}
      GROUP BY u.email, u.name, e.day, e.kind, e.name
      UNION ALL
      SELECT u.email, u.name, to_char(a."createdAt" AT TIME ZONE u."timeZone", 'YYYY-MM-DD'), 'model', a.name, COUNT(*)::int, '0', 0
      FROM audit_entries a JOIN users u ON u.id = a."actorId"
      WHERE a.kind = 'model' AND a.input @> '{"free": true}'::jsonb AND a.outcome IN ('ok', 'error')
        AND a."createdAt" >= now() - make_interval(days => ${days}::int) ${userFilter} ${freeTeamFilter}
      GROUP BY 1, 2, 3, 5
    ) report
    ORDER BY day DESC, "userEmail", name`;
  return rows.map(({ cost, ...r }) => ({ ...r, costUsd: Number(cost) }));
}
