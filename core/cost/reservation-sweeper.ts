// No reservation left behind: a reservation still open long after its call (the process died, or a settle
// failed) is settled at the reserved amount — the worst case the rep already agreed to spend — and audited.
import type { SqlSource } from '../db/sql-runner.ts';
import { prismaOf } from '../db/sql-runner.ts';
import { UsageRepository, type SweptReservation } from '../db/usage-repository.ts';
import type { AuditTrail } from '../governance.ts';
import { log } from '../log.ts';

export interface SweeperOptions {
  db: SqlSource;
  audit: AuditTrail;
  /** RESERVATION_SWEEP_AFTER_MS: older open reservations are swept. */
  olderThanMs: number;
  /** How often to look (default one minute). */
  everyMs?: number;
}

/** Audit each swept reservation as an `error` with code `reservation_swept`, charged its reserved amount. */
export async function auditSwept(audit: AuditTrail, swept: SweptReservation[], reason: string): Promise<void> {
  for (const r of swept) {
    await audit
      .append({
        kind: r.kind,
        name: r.name,
        actorId: r.userId,
        platform: 'worker',
        input: r.lease
          ? {
              reservationId: r.id,
              reservedAt: new Date(r.createdAt).toISOString(),
              lease: true,
              reason: `${reason} (a budget lease: what it still held, the calls its process had in flight included)`,
            }
          : { reservationId: r.id, reservedAt: new Date(r.createdAt).toISOString(), reason },
        outcome: 'error',
        errorCode: 'reservation_swept',
        costUsd: Number(r.reservedUsd),
        durationMs: 0,
      })
      .catch((err: unknown) => log.error('audit append failed for a swept reservation', { err, reservationId: r.id }));
  }
}

export async function sweepStaleReservations(o: Omit<SweeperOptions, 'everyMs'>): Promise<SweptReservation[]> {
  const swept = await new UsageRepository(prismaOf(o.db)).sweep({ olderThanMs: o.olderThanMs });
  if (swept.length) {
    log.warn(`settled ${swept.length} stale CostGuard reservation(s) at their reserved amount (open longer than ${o.olderThanMs} ms)`, {
      reservations: swept.map((r) => r.id),
    });
    await auditSwept(o.audit, swept, `open longer than RESERVATION_SWEEP_AFTER_MS (${o.olderThanMs} ms): settled at the reserved amount`);
  }
  return swept;
}

/** Sweep now and then every `everyMs` until stop(). */
export function startReservationSweeper(o: SweeperOptions): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = sweepStaleReservations(o).catch((err: unknown) => log.warn('the reservation sweeper failed; it tries again later', { err }));
  };
  run();
  const timer = setInterval(run, o.everyMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
