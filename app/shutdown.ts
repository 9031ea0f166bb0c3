// Graceful shutdown of everything in flight, in order: refuse new work (HTTP 503), let turns, card actions
// and digest jobs finish within SHUTDOWN_GRACE_MS, stop what is left with a message to the user, then flush
// the audit trail, settle reservations, close queues and the pool — and log "stopped" last.
import { shuttingDown } from '../core/deadlines.ts';
import { log } from '../core/log.ts';
import type { Container } from './container.ts';
import type { HttpServer } from './http-server.ts';

/** After the abort, how long stopped turns get to tell their users and record themselves. */
const ABORT_WAIT_MS = 5_000;

export interface ShutdownParts {
  container: Pick<Container, 'inFlight' | 'auditTrail' | 'guards' | 'close' | 'config'>;
  http?: HttpServer;
  /** Platform work the HTTP server does not see (Teams replies after the acknowledgement). */
  drains?: ((timeoutMs: number) => Promise<unknown>)[];
  /** Stops taking jobs and waits for the running ones (digest scheduler and worker). */
  queues?: { close(): Promise<void>; forceClose(): Promise<void> };
  /** Socket Mode connections, sweepers: stopped before anything else closes. */
  before?: (() => Promise<void>)[];
  /** Metrics connections, the trace exporter's flush: after the last audit entry, before the pool closes. */
  after?: (() => Promise<void>)[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Resolves true when every waited-for part is idle within `ms`. */
async function waitAll(parts: ShutdownParts, queuesClosed: Promise<unknown>, ms: number): Promise<boolean> {
  const everything = Promise.all([
    parts.http?.idle(ms) ?? true,
    parts.container.inFlight.idle(ms),
    // A drain gives up quietly at its own timeout: give it longer, so the race below tells a timeout apart.
    ...(parts.drains ?? []).map((d) => d(ms + 1_000)),
    queuesClosed,
  ]).then((r) => r.every((x) => x !== false));
  return Promise.race([everything, sleep(ms).then(() => false)]);
}

export async function shutDown(parts: ShutdownParts, why: string): Promise<number> {
  const { container } = parts;
  const graceMs = container.config.deadlines.shutdownGraceMs;
  try {
    log.info(`${why}: finishing in-flight work (up to ${graceMs} ms) and shutting down`);
    parts.http?.stopAccepting();
    container.inFlight.stop();
    for (const b of parts.before ?? []) await b().catch((err: unknown) => log.warn('a part failed to stop', { err }));
    const queuesClosed = (parts.queues?.close() ?? Promise.resolve()).catch((err: unknown) => log.warn('closing the job queues failed', { err }));

    if (!(await waitAll(parts, queuesClosed, graceMs))) {
      const stopped = container.inFlight.abortAll(shuttingDown());
      log.warn(
        stopped.length
          ? `the grace period (SHUTDOWN_GRACE_MS=${graceMs}) ended: stopped ${stopped.length} turn(s) and card action(s), telling each user`
          : `the grace period (SHUTDOWN_GRACE_MS=${graceMs}) ended with requests or digest jobs still running`,
        { stopped },
      );
      if (!(await waitAll(parts, queuesClosed, ABORT_WAIT_MS))) {
        log.error('some work was still running after it was stopped; closing anyway (unfinished digest jobs are retried by the next worker)');
        await Promise.race([parts.queues?.forceClose(), sleep(ABORT_WAIT_MS)]);
      }
    }
    await parts.http?.close(0);
    await container.auditTrail.flush();
    await container.guards.costs.settleOpen().catch((err: unknown) => log.error('could not settle the reservations still open', { err }));
    await container.auditTrail.flush();
    for (const a of parts.after ?? []) await a().catch((err: unknown) => log.warn('a part failed to stop', { err }));
    await container.close();
    log.info('SalesOS stopped cleanly');
    return 0;
  } catch (err) {
    log.error('shutdown failed', { err });
    return 1;
  }
}
