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
//
// Taken ahead: a call that leaves its lease with less than a quarter of its grant free (or room for fewer than two
// more calls like it), or within the last quarter of its serving time, starts the next lease's take in the
// background, so a steady stream of calls never waits for a take after its first. One take per user at a time
// (single flight), and one attempt per lease: a refused or failed take-ahead is not repeated; the call that then
// finds its lease short takes one itself, giving back the rest in the same statement, as before. When the next lease
// arrives it serves at once, and the one it replaces gives back what it has free then (closed if no call is in
// flight, else its free part returned and the lease closed when its calls end): beyond its calls in flight a
// process holds at most two leases per user, and that only while a take ahead is under way — the next one and what
// the current one still has free (under a quarter of it, or two calls' estimates, when it ran low; up to all of it
// when it is near the end of its serving time). Its row is a lease like any other: counted by the same statement's
// checks (so replicas together still never exceed the budget), given back idle, at shutdown, or settled by the
// sweeper.
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

/** What the leases did since start: the paid calls that waited for a take are the ones it could not hide. */
export interface LeaseStats {
  /** Leases taken (including those taken ahead). */
  taken: number;
  /** Leases taken in the background, before a call needed them. */
  takenAhead: number;
  /** Reservations that waited for a lease take (their own, or one under way). */
  waited: number;
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
  /** What the lease row held when taken, in micro-dollars. */
  grant: number;
  /** `until` is the end of its budget day (a lease for the next day is taken after midnight, by a call). */
  endsWithDay: boolean;
  /** The next lease was asked for ahead of need (once per lease, whatever came of it). */
  aheadAsked: boolean;
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
  /** Shutdown has begun: nothing is taken ahead any more. */
  private stopping = false;
  readonly stats: LeaseStats = { taken: 0, takenAhead: 0, waited: 0 };

  constructor(
    private readonly usage: UsageRepository,
    private readonly o: LeaseOptions & { defaultLimitUsd: number; now: () => Date },
  ) {}

  /** A reservation served from this process's lease of the actor's budget; a refusal when the estimate does not fit. */
  async reserve(actor: Actor, kind: SpendKind, name: string, estimateUsd: number): Promise<Reservation | LeaseRefusal> {
    const need = toMicros(estimateUsd);
    let waited = false;
    for (;;) {
      const at = this.o.now();
      const lease = this.serving.get(actor.id);
      if (lease && this.usable(lease, actor, at) && free(lease) >= need) {
        if (waited) this.stats.waited++;
        const reservation = this.serve(lease, kind, name, need, at);
        this.maybeTakeAhead(lease, kind, need, at);
        return reservation;
      }
      const pending = this.taking.get(actor.id);
      if (pending) {
        // One lease at a time per user: wait for the one being taken, then look again.
        waited = true;
        await pending.catch(() => undefined);
        continue;
      }
      // The new lease holds at least this call's estimate and serves it first, so this loop ends here.
      this.stats.waited++;
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
    this.stopping = true;
    this.stopTimer();
    // A take under way (a call's, or one taken ahead) lands in `serving` and is closed below with the rest.
    while (this.taking.size) await Promise.all([...this.taking.values()].map((p) => p.catch(() => undefined)));
    while (this.closing.size) await Promise.all(this.closing);
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
      const lease = this.install(actor.id, result, at);
      return this.serve(lease, kind, name, need, this.o.now());
    })();
    this.taking.set(actor.id, run);
    return run.finally(() => this.taking.delete(actor.id));
  }

  /**
   * After serving a call: when its lease runs low (a quarter of its grant or two such calls left) or near the end
   * of its serving time, take the next one in the background, once per lease, one take per user at a time.
   */
  private maybeTakeAhead(lease: Lease, kind: SpendKind, need: number, at: Date): void {
    if (this.stopping || lease.aheadAsked || lease.retired || this.taking.has(lease.userId)) return;
    const low = free(lease) < Math.max(lease.grant / 4, 2 * need);
    // A lease ending with its budget day is followed by one for the next day, which only a call after midnight takes.
    const late = !lease.endsWithDay && lease.until - at.getTime() <= this.o.serveMs / 4;
    if (!low && !late) return;
    lease.aheadAsked = true;
    const { userId } = lease;
    const run = (async () => {
      // As for any take: a lease being given back still counts until that commits.
      while (this.closing.size) await Promise.all(this.closing);
      const t = this.o.now();
      const result = await this.usage.takeLease({
        userId,
        kind,
        estimateUsd: need / 1_000_000,
        share: this.o.share,
        defaultLimitUsd: this.o.defaultLimitUsd,
        timeZone: lease.owner.timeZone,
        dayOf: (tz) => budgetDay(tz, t),
      });
      // Refused (what is left is held elsewhere, or spent): the current lease serves on; the call it cannot cover
      // takes a lease itself, giving back its rest in the same statement.
      if (!result.ok) return;
      this.install(userId, result, t);
      this.stats.takenAhead++;
    })().catch((err: unknown) => log.warn('could not take the next CostGuard budget lease ahead; a call will take it when it needs it', { err, userId }));
    this.taking.set(userId, run);
    void run.finally(() => {
      if (this.taking.get(userId) === run) this.taking.delete(userId);
    });
  }

  /** A lease just taken becomes the user's serving one; the one it replaces stops serving and gives back its rest. */
  private install(userId: string, result: Extract<LeaseResult, { ok: true }>, at: Date): Lease {
    const t = this.o.now().getTime();
    const dayEnd = budgetResetAt(result.owner.timeZone, at).getTime();
    const grant = toMicros(result.grantedUsd);
    const lease: Lease = {
      id: result.id,
      userId,
      day: result.day,
      owner: result.owner,
      takenAt: t,
      until: Math.min(t + this.o.serveMs, dayEnd),
      endsWithDay: dayEnd <= t + this.o.serveMs,
      aheadAsked: false,
      lastUsed: t,
      grant,
      held: grant,
      inFlight: 0,
      calls: new Map(),
      retired: false,
      dirty: false,
    };
    this.stats.taken++;
    const old = this.serving.get(userId);
    this.serving.set(userId, lease);
    if (old) this.replaced(old);
    this.startTimer();
    return lease;
  }

  /**
   * A lease replaced by one taken ahead: nothing is served from it any more, so what it has free now is exactly
   * what it no longer needs. Closed at once when no call is in flight; otherwise that part goes back now (the
   * row then counts only its calls in flight) and the lease is closed when they end.
   */
  private replaced(old: Lease): void {
    this.retire(old, false);
    if (old.inFlight === 0) {
      void this.giveBack(old);
      return;
    }
    const back = free(old);
    if (back <= 0) return;
    old.held -= back;
    const returning = this.usage.returnLeaseRest(old.id, back / 1_000_000).then(
      () => undefined,
      // Still counted in full until the lease is closed (when its calls end): more than it needs, never less.
      (err: unknown) => {
        log.warn('could not give back the rest of a replaced CostGuard budget lease; it goes back when the lease closes', { err, leaseId: old.id });
      },
    );
    this.closing.add(returning);
    void returning.finally(() => this.closing.delete(returning));
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
