// Budget leases: this process holds a slice of a user's (and team's) remaining daily budget, taken in
// PostgreSQL in one statement under the same locks as a reservation (so all replicas together can never hold or
// spend more than the budget), and serves its calls' reservations from that slice in memory. A paid call then
// waits for no reservation round trip, only for its settle + audit commit, which writes the call's own ledger row
// (salesos_append_audit, migration 20261129200000); the lease row is reconciled (its calls' estimates taken off
// what it counts) about once a second, when it is replaced or given back, and before the sweeper settles it. Until
// then it counts those estimates as well as the calls' costs: never less than the truth, at most one lease more.
//
// Bounds, and why:
// - Held per user at once: one lease serving, plus at most one retired lease still finishing its calls. A lease
//   holds max(the call's estimate, min(`share` of the smaller daily limit, half of what is left)): near the end of
//   a day the leases shrink, so another replica that finds the rest of the budget held is refused at most that.
// - A lease serves new calls for `serveMs` after it was taken; calls end within TURN_TIMEOUT_MS, so a lease of a
//   live process is finished before the reservation sweeper (RESERVATION_SWEEP_AFTER_MS, which the container keeps
//   above both) could take it for abandoned.
// - Given back: when idle for `idleMs`, when replaced, at shutdown (closeAll). A crash leaves it held until the
//   sweeper settles it at what it holds — the calls that were in flight (their tools may have spent; charging
//   their estimates is the rule for every reservation a crashed process left) and the unused rest of the serving
//   lease: at most `share` of that day's limit (or one call's estimate, if larger) beyond the calls in flight,
//   charged that day. Spend already recorded (settled calls) is separate rows and untouched.
// - A limit or time zone changed by an administrator applies from the next lease (within `serveMs`).
import crypto from 'node:crypto';
import type { Actor } from '../agent/types.ts';
import {
  type BudgetOwner,
  type LeasedCall,
  leasedCallOf,
  type LeaseResult,
  toMicros,
  type UsageRepository,
  type SweptReservation,
} from '../db/usage-repository.ts';
import type { Reservation, SpendKind } from '../governance.ts';
import { log } from '../log.ts';
import { budgetDay, budgetResetAt } from './budget-day.ts';

export interface LeaseOptions {
  /** The share of a user's (or team's, the smaller) daily limit one lease holds at most, e.g. 0.02. */
  share: number;
  /** How long after it was taken a lease serves new calls (ms). */
  serveMs: number;
  /** A lease with no call in flight and none for this long is given back (ms). */
  idleMs: number;
  /** How often a lease with newly settled calls has what it counts against the budget set back to what it holds (ms; default 1 s). */
  reconcileMs?: number;
}

interface Lease {
  id: string;
  userId: string;
  day: string;
  owner: BudgetOwner;
  takenAt: number;
  /** No new call after this instant: serveMs after the take, or the end of its budget day if sooner. */
  until: number;
  lastUsed: number;
  /** What the lease row holds, in micro-dollars. */
  held: number;
  /** The estimates of its calls in flight, in micro-dollars (part of `held`). */
  inFlight: number;
  calls: Map<string, Reservation>;
  retired: boolean;
  /** Calls were settled since its row was last reconciled: the row still counts their estimates too. */
  dirty: boolean;
}

export type LeaseRefusal = Extract<LeaseResult, { ok: false }>;

const free = (l: Lease): number => l.held - l.inFlight;

export class BudgetLeases {
  /** The lease serving each user's new calls. */
  private readonly serving = new Map<string, Lease>();
  /** Replaced leases still finishing calls, or whose give-back failed and is retried. */
  private readonly retired = new Set<Lease>();
  private readonly taking = new Map<string, Promise<unknown>>();
  private readonly byCall = new Map<string, Lease>();
  /** Give-backs under way: shutdown waits for them before it reports the leases closed. */
  private readonly closing = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly usage: UsageRepository,
    private readonly o: LeaseOptions & { defaultLimitUsd: number; now: () => Date },
  ) {}

  /** A reservation served from this process's lease of the actor's budget; a refusal when the estimate does not fit. */
  async reserve(actor: Actor, kind: SpendKind, name: string, estimateUsd: number): Promise<Reservation | LeaseRefusal> {
    const need = toMicros(estimateUsd);
    for (;;) {
      const at = this.o.now();
      const lease = this.serving.get(actor.id);
      if (lease && this.usable(lease, actor, at) && free(lease) >= need) return this.serve(lease, kind, name, need, at);
      const pending = this.taking.get(actor.id);
      if (pending) {
        // One lease at a time per user: wait for the one being taken, then look again.
        await pending.catch(() => undefined);
        continue;
      }
      // The new lease holds at least this call's estimate and serves it first, so this loop ends here.
      return this.take(actor, kind, name, need, at);
    }
  }

  /** The lease a reservation was served from, if any. */
  leaseOf(reservation: Reservation): string | undefined {
    return this.byCall.get(reservation.id)?.id;
  }

  /**
   * The call is over: `settled` when its estimate left the lease with the call's own row (committed), otherwise
   * (released, never billed) its estimate is free again for the lease's next calls.
   */
  finish(reservation: Reservation, settled: boolean): void {
    const lease = this.byCall.get(reservation.id);
    if (!lease) return;
    this.byCall.delete(reservation.id);
    lease.calls.delete(reservation.id);
    const e = toMicros(reservation.reservedUsd);
    lease.inFlight -= e;
    if (settled) {
      lease.held -= e;
      lease.dirty = true;
    }
    // Spent to the last cent (a lease of one call's estimate, near the end of a budget): nothing left to serve.
    if (lease.held <= 0 && !lease.retired) this.retire(lease, false);
    if (lease.retired && lease.inFlight === 0) void this.giveBack(lease);
  }

  /**
   * Give back the leases idle for idleMs or past their serving time; retry give-backs that failed; reconcile the
   * rows of leases whose calls were settled since (what they count against the budget, for the other processes).
   */
  async returnIdle(): Promise<void> {
    const at = this.o.now().getTime();
    for (const lease of [...this.serving.values()]) {
      if (lease.inFlight === 0 && (at - lease.lastUsed >= this.o.idleMs || at >= lease.until)) this.retire(lease, false);
    }
    await Promise.all(
      [...this.serving.values()]
        .filter((l) => l.dirty)
        .map(async (l) => {
          l.dirty = false;
          await this.usage.reconcileLease(l.id).catch((err: unknown) => {
            l.dirty = true;
            log.warn('could not reconcile a CostGuard budget lease; trying again later', { err, leaseId: l.id });
          });
        }),
    );
    await Promise.all([...this.retired].filter((l) => l.inFlight === 0).map((l) => this.giveBack(l)));
    if (!this.serving.size && !this.retired.size) this.stopTimer();
  }

  /**
   * Shutdown: close every lease; calls still in flight (their turn never settled them) are charged at their
   * estimate, swept, with the lease's give-back in one statement. Returns those charges.
   */
  async closeAll(): Promise<SweptReservation[]> {
    this.stopTimer();
    await Promise.all([...this.taking.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(this.closing);
    const all = [...this.serving.values(), ...this.retired];
    this.serving.clear();
    const swept: SweptReservation[] = [];
    for (const lease of all) {
      lease.retired = true;
      const calls: LeasedCall[] = [...lease.calls.values()].map(leasedCallOf);
      try {
        swept.push(...(await this.usage.closeLease(lease.id, calls)));
        for (const r of lease.calls.values()) this.byCall.delete(r.id);
        lease.calls.clear();
        this.retired.delete(lease);
      } catch (err) {
        // Left held: the sweeper settles it later at what it holds (the calls in flight included).
        log.error('could not close a CostGuard budget lease at shutdown; the reservation sweeper will settle it', { err, leaseId: lease.id });
      }
    }
    return swept;
  }

  private usable(lease: Lease, actor: Actor, at: Date): boolean {
    // `until` holds the day's end, found once per lease: formatting the day per call cost more than the rest of serving it.
    return !lease.retired && lease.owner.timeZone === actor.timeZone && at.getTime() < lease.until;
  }

  private serve(lease: Lease, kind: SpendKind, name: string, need: number, at: Date): Reservation {
    const reservation: Reservation = {
      id: crypto.randomUUID(),
      userId: lease.userId,
      kind,
      name,
      reservedUsd: need / 1_000_000,
      day: lease.day,
      teamId: lease.owner.teamId,
      leaseId: lease.id,
    };
    lease.inFlight += need;
    lease.lastUsed = at.getTime();
    lease.calls.set(reservation.id, reservation);
    this.byCall.set(reservation.id, lease);
    return reservation;
  }

  /**
   * Take a new lease for the actor (the caller waits: it found none usable), giving back what the one it replaces
   * has free in the same statement, and serve the caller's call from it at once (it holds at least its estimate).
   */
  private take(actor: Actor, kind: SpendKind, name: string, need: number, at: Date): Promise<Reservation | LeaseRefusal> {
    const old = this.serving.get(actor.id);
    // Nothing is served from the old lease from here on, so what it has free now is exactly what it gives back.
    if (old) this.retire(old, false);
    const back = old && free(old) > 0 ? free(old) : 0;
    const run = (async () => {
      // A lease being given back still counts until that commits: wait, or the check below would count it too.
      if (this.closing.size) await Promise.all(this.closing);
      const result = await this.usage.takeLease({
        userId: actor.id,
        kind,
        estimateUsd: need / 1_000_000,
        share: this.o.share,
        defaultLimitUsd: this.o.defaultLimitUsd,
        timeZone: actor.timeZone,
        dayOf: (tz) => budgetDay(tz, at),
        // The old lease is also reconciled in that statement, so it counts only what its calls in flight need.
        giveBack: old ? { leaseId: old.id, usd: back / 1_000_000 } : undefined,
      });
      if (old && result.gaveBack) old.held -= back;
      if (old && old.inFlight === 0) void this.giveBack(old);
      if (!result.ok) return result;
      const t = this.o.now();
      const lease: Lease = {
        id: result.id,
        userId: actor.id,
        day: result.day,
        owner: result.owner,
        takenAt: t.getTime(),
        until: Math.min(t.getTime() + this.o.serveMs, budgetResetAt(result.owner.timeZone, at).getTime()),
        lastUsed: t.getTime(),
        held: toMicros(result.grantedUsd),
        inFlight: 0,
        calls: new Map(),
        retired: false,
        dirty: false,
      };
      this.serving.set(actor.id, lease);
      this.startTimer();
      return this.serve(lease, kind, name, need, t);
    })();
    this.taking.set(actor.id, run);
    return run.finally(() => this.taking.delete(actor.id));
  }

  /** Stop serving from a lease; it is given back once its calls are done. */
  private retire(lease: Lease, giveBackNow = true): void {
    lease.retired = true;
    if (this.serving.get(lease.userId) === lease) this.serving.delete(lease.userId);
    this.retired.add(lease);
    if (giveBackNow && lease.inFlight === 0) void this.giveBack(lease);
  }

  /** Close a retired lease with no call in flight (durable); on failure it stays listed and is retried. */
  private giveBack(lease: Lease): Promise<void> {
    if (!this.retired.has(lease) || lease.inFlight !== 0) return Promise.resolve();
    this.retired.delete(lease);
    const closing = this.usage.closeLease(lease.id).then(
      () => undefined,
      (err: unknown) => {
        log.warn('could not give back a CostGuard budget lease; trying again later', { err, leaseId: lease.id });
        this.retired.add(lease);
        this.startTimer();
      },
    );
    this.closing.add(closing);
    return closing.finally(() => this.closing.delete(closing));
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => void this.returnIdle().catch((err: unknown) => log.warn('returning idle budget leases failed', { err })),
      Math.min(this.o.idleMs, this.o.reconcileMs ?? 1_000),
    );
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
