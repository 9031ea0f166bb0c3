// Run as a child process by the crash tests: reserve through the real CostGuard (its commit does not wait
// for the WAL flush), print the reservation id, then die by SIGKILL before settling — a crashed process.
// argv: <database url> <user id> <estimate USD>
import { createCostGuard } from '../../core/cost/cost-guard.ts';
import { openDatabase } from '../../core/db/client.ts';

const [url, userId, estimate] = process.argv.slice(2);
const db = await openDatabase({ databaseUrl: url!, dataDir: '', migrate: false, poolSize: 1 });
const guard = createCostGuard({ db, defaultDailyLimitUsd: 5 });
const r = await guard.reserve(
  { id: userId!, email: 'x@example.com', name: 'x', role: 'rep', timeZone: 'UTC', teamId: null },
  { kind: 'tool', name: 'enrichLead', estimateUsd: Number(estimate) },
);
process.stdout.write(`${r.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
