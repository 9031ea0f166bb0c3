// CostGuard: daily USD budgets per user (and team), reserved before a paid call and settled after it.
// The ledger and its locking live in core/db/usage-repository.ts; this file is the policy and the words.
import type { Actor } from '../agent/types.ts';
import type { UsageCard } from '../cards.ts';
import { prismaOf, type SqlSource } from '../db/sql-runner.ts';
import { leasedCallOf, UsageRepository, type ReserveResult } from '../db/usage-repository.ts';
import { AppError, NotFoundError, NotRecordedError } from '../errors.ts';
import type { AuditContext, AuditTrail, CostGuard, Reservation, SpendKind } from '../governance.ts';
import { log } from '../log.ts';
import { budgetDay, budgetDayStart, budgetResetAt, formatWait } from './budget-day.ts';
import { BudgetLeases, type LeaseOptions, type LeaseStats } from './budget-lease.ts';
import { createModelMiddleware } from './model-middleware.ts';
import { auditSwept } from './reservation-sweeper.ts';
import { findPrice, priceUsage, VENDORED_PRICES, type PriceTable } from './prices.ts';

export interface CostGuardOptions {
  /** The Database from openDatabase (the ledger then uses its pg pool, the fast path) … */
  db?: SqlSource;
  /** … or a Prisma client. */
  prisma?: SqlSource;
  /** COST_DAILY_LIMIT_USD: the budget of a user without an override. */
  defaultDailyLimitUsd: number;
  prices?: PriceTable;
  /** Where model calls are audited (tool calls are audited by the tool middleware). */
  audit?: AuditTrail;
  now?: () => Date;
  /** How long a user's own limit is remembered for the free-call check (default 5 s; 0 = always read). */
  limitCacheMs?: number;
  /**
   * Serve reservations from per-process budget leases (core/cost/budget-lease.ts): a paid call then waits for no
   * reservation round trip. Without it, every reservation is its own row, reserved in its own statement.
   */
  lease?: LeaseOptions;
}

/** CostGuard with budget leases exposes their idle check (a timer runs it; tests call it with their clock). */
export interface LeasingCostGuard extends CostGuard {
  returnIdleLeases(): Promise<void>;
  /** What the budget leases did since start (all zero without leases): how many paid calls waited for a take. */
  leaseStats(): LeaseStats;
}

/** "$4.98"; amounts under a cent keep their first significant digits ("$0.0004"). */
export function formatUsd(amount: number): string {
  if (amount === 0 || Math.abs(amount) >= 0.01) return `$${amount.toFixed(2)}`;
  return `$${Number(amount.toPrecision(1)).toFixed(6).replace(/0+$/, '')}`;
}

function overBudget(result: Extract<ReserveResult, { ok: false }>, estimateUsd: number, now: Date): AppError {
  const { owner, scope, usedUsd, limitUsd } = result;
  const resetsAt = budgetResetAt(owner.timeZone, now);
  const who = scope === 'user' ? 'You have used' : 'Your team has used';
  const whose = scope === 'user' ? 'your' : 'its';
  const message =
    `${who} ${formatUsd(usedUsd)} of ${whose} ${formatUsd(limitUsd)} daily AI budget, and this needs up to ${formatUsd(estimateUsd)}. ` +
    `Your budget resets at midnight (${owner.timeZone}) — in ${formatWait(resetsAt.getTime() - now.getTime())}.`;
  return new AppError('over_budget', message, {
    details: { scope, usedUsd, limitUsd, neededUsd: estimateUsd, resetsAt: resetsAt.toISOString(), timeZone: owner.timeZone },
  });
}

function sourceOf(opts: CostGuardOptions): SqlSource {
  const source = opts.db ?? opts.prisma;
  if (!source) throw new TypeError('createCostGuard needs db (the Database from openDatabase) or prisma');
  return source;
}

const knownCost = (usd: number | undefined): usd is number => usd !== undefined && Number.isFinite(usd) && usd >= 0;

function warnIfOver(reservation: Reservation, actualUsd: number): void {
  if (actualUsd > reservation.reservedUsd)
    log.warn('actual cost exceeded the reservation; the estimate was not a worst case', {
      name: reservation.name,
      reservedUsd: reservation.reservedUsd,
      actualUsd,
    });
}

export function createCostGuard(opts: CostGuardOptions): LeasingCostGuard {
  const usage = new UsageRepository(prismaOf(sourceOf(opts)));
  const prices = opts.prices ?? VENDORED_PRICES;
  const now = opts.now ?? (() => new Date());
  const leases = opts.lease && opts.lease.share > 0 ? new BudgetLeases(usage, { ...opts.lease, defaultLimitUsd: opts.defaultDailyLimitUsd, now }) : undefined;

  // Reservations this process opened and has not closed yet: settled conservatively on shutdown.
  const open = new Set<string>();

  const limitCacheMs = opts.limitCacheMs ?? 5_000;
  const limits = new Map<string, { limitUsd: number; until: number }>();

  /**
   * A call to a free model reserves nothing (there is nothing to overspend), but a user whose budget is 0
   * has AI switched off: refused like any over-budget call, with the full figures.
   */
  async function allowFree(actor: Actor, name: string): Promise<void> {
    const t = Date.now();
    let cached = limits.get(actor.id);
    if (!cached || cached.until <= t) {
      const found = await usage.userLimit(actor.id);
      if (!found.found) throw new NotFoundError('Your SalesOS user could not be found, so no budget applies. Ask an administrator to check your account.');
      cached = { limitUsd: found.limitUsd ?? opts.defaultDailyLimitUsd, until: t + limitCacheMs };
      if (limitCacheMs > 0) limits.set(actor.id, cached);
    }
    if (cached.limitUsd > 0) return;
    // Rare: the ledger gives the refusal its figures (and confirms the limit under the user's lock).
    const reservation = await guard.reserve(actor, { kind: 'model', name, estimateUsd: 0 });
    limits.delete(actor.id);
    await guard.release(reservation);
  }

  /** A leased call as its own ledger row would be written. */
  const leasedCall = (r: Reservation & { leaseId: string }) => ({ ...leasedCallOf(r), leaseId: r.leaseId });
  const isLeased = (r: Reservation): r is Reservation & { leaseId: string } => r.leaseId !== undefined;

  const guard: LeasingCostGuard = {
    async reserve(actor: Actor, request: { kind: SpendKind; name: string; estimateUsd: number }): Promise<Reservation> {
      if (!Number.isFinite(request.estimateUsd) || request.estimateUsd < 0)
        throw new AppError('internal', 'A cost estimate was invalid; the call was not made.', {
          logMessage: `invalid cost estimate ${request.estimateUsd} for ${request.name}`,
        });
      const at = now();
      if (leases) {
        const served = await leases.reserve(actor, request.kind, request.name, request.estimateUsd);
        if ('ok' in served) throw overBudget(served, request.estimateUsd, at);
        return served;
      }
      const result = await usage.reserve({
        userId: actor.id,
        timeZone: actor.timeZone,
        kind: request.kind,
        name: request.name,
        estimateUsd: request.estimateUsd,
        defaultLimitUsd: opts.defaultDailyLimitUsd,
        dayOf: (tz) => budgetDay(tz, at),
      });
      if (!result.ok) throw overBudget(result, request.estimateUsd, at);
      open.add(result.id);
      return {
        id: result.id,
        userId: actor.id,
        kind: request.kind,
        name: request.name,
        reservedUsd: request.estimateUsd,
        day: result.day,
        teamId: result.owner.teamId,
      };
    },

    async settle(reservation, actualUsd, tokens) {
      if (isLeased(reservation)) {
        const charge = knownCost(actualUsd) ? actualUsd : reservation.reservedUsd;
        if (knownCost(actualUsd)) warnIfOver(reservation, actualUsd);
        const written = await usage.settleLeased(leasedCall(reservation), charge, tokens);
        leases?.finish(reservation, true);
        return written ? charge : 0;
      }
      open.delete(reservation.id);
      if (!knownCost(actualUsd)) {
        // Usage unknown (stream aborted, provider silent): the worst case stands as the charge.
        return (await usage.settleAtReservation(reservation.id)) ?? 0;
      }
      warnIfOver(reservation, actualUsd);
      await usage.settle(reservation.id, actualUsd, tokens);
      return actualUsd;
    },

    async close(reservation, how, audit, entry) {
      // Unknown usage keeps the reservation (as stored, in whole micro-dollars) as the charge.
      const chargeUsd = how.release ? 0 : knownCost(how.actualUsd) ? how.actualUsd : Math.round(reservation.reservedUsd * 1e6) / 1e6;
      if (!how.release && knownCost(how.actualUsd)) warnIfOver(reservation, how.actualUsd);
      let charged: number;
      try {
        charged = await audit.appendSettled({ ...entry, costUsd: chargeUsd }, { reservation, chargeUsd, release: how.release, usage: how.usage });
      } catch (err) {
        // Rolled back together: the reservation is still open, so it stays in `open` for shutdown and the sweeper.
        throw new NotRecordedError(
          `The ${entry.kind === 'model' ? 'AI model call' : `${entry.name} call`} ran, but SalesOS could not save its cost and audit record, so its result is not used. ` +
            'Its reserved cost stays held against your budget until it is settled automatically. Please try again in a moment.',
          err,
        );
      }
      open.delete(reservation.id);
      leases?.finish(reservation, !how.release);
      return charged;
    },

    async release(reservation) {
      if (isLeased(reservation)) {
        // Never billed: the estimate is free again for the lease's next calls; nothing to write.
        leases?.finish(reservation, false);
        return;
      }
      open.delete(reservation.id);
      await usage.release(reservation.id);
    },

    async returnIdleLeases() {
      await leases?.returnIdle();
    },

    leaseStats() {
      return { ...(leases?.stats ?? { taken: 0, takenAhead: 0, waited: 0 }) };
    },

    async settleOpen() {
      // Leases are given back; their calls still in flight are charged at their estimate, like open reservations.
      const swept = [...((await leases?.closeAll()) ?? []), ...(await usage.sweep({ ids: [...open] }))];
      open.clear();
      if (swept.length) {
        log.warn(`settled ${swept.length} reservation(s) still open at shutdown at their reserved amount`, { reservations: swept.map((r) => r.id) });
        if (opts.audit) await auditSwept(opts.audit, swept, 'still open when SalesOS stopped: settled at the reserved amount');
      }
      return swept.length;
    },

    modelMiddleware(actor: Actor, modelId: string, audit: AuditContext) {
      return createModelMiddleware({
        guard,
        actor,
        modelId,
        auditContext: audit,
        audit: opts.audit,
        price: () => findPrice(prices, modelId),
        allowFree: () => allowFree(actor, modelId),
      });
    },

    priceOf(modelId, tokens) {
      return priceUsage(findPrice(prices, modelId), tokens);
    },

    async usageToday(actor: Actor): Promise<UsageCard> {
      const at = now();
      const owner = await usage.owner(actor.id);
      const day = budgetDay(owner.timeZone, at);
      const teamId = owner.teamLimitUsd !== undefined ? owner.teamId : undefined;
      const summary = await usage.daySummary(actor.id, day, teamId, { from: budgetDayStart(owner.timeZone, at), to: budgetResetAt(owner.timeZone, at) });
      const limitUsd = owner.userLimitUsd ?? opts.defaultDailyLimitUsd;
      const remaining = Math.max(0, Math.round((limitUsd - summary.spentUsd - summary.reservedUsd) * 1e6) / 1e6);
      return {
        type: 'usage',
        userName: owner.userName,
        day,
        spentUsd: summary.spentUsd,
        reservedUsd: summary.reservedUsd,
        limitUsd,
        remainingUsd: remaining,
        resetsAt: budgetResetAt(owner.timeZone, at).toISOString(),
        timeZone: owner.timeZone,
        byName: summary.byName,
        team: teamId && summary.teamUsedUsd !== undefined ? { spentUsd: summary.teamUsedUsd, limitUsd: owner.teamLimitUsd! } : undefined,
      };
    },
  };
  return guard;
}
