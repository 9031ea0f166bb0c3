// Which recorded imports were interrupted: a run still marked `running` whose process is gone (same host)
// or that has not written a batch for a long time (another host). Called before every import and by
// `salesos import --status`, so a `kill -9` shows up as "interrupted" with how far it got.
import type { LeadImportRepository, LeadImportRow } from '../db/lead-imports-repository.ts';

/** A run on another host that wrote nothing for this long is taken as dead. */
export const STALE_IMPORT_MS = 10 * 60_000;

export interface Liveness {
  host: string;
  isAlive(pid: number): boolean;
  now: Date;
}

export function isInterrupted(run: LeadImportRow, live: Liveness): boolean {
  if (run.state !== 'running') return false;
  if (run.host === live.host) return !live.isAlive(run.pid);
  return live.now.getTime() - run.updatedAt.getTime() > STALE_IMPORT_MS;
}

export async function sweepInterruptedImports(repo: LeadImportRepository, live: Liveness): Promise<LeadImportRow[]> {
  const gone = (await repo.running()).filter((r) => isInterrupted(r, live));
  await repo.markInterrupted(gone.map((r) => r.id));
  return gone;
}

/** process.kill(pid, 0) tests for a process without signalling it. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
