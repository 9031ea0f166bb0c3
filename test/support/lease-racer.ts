// Run as a child process by the budget-lease tests: one SalesOS process's CostGuard with budget leases and its
// own audit trail on a shared database.
// argv: <database url> <user id> <mode> <calls> <estimate USD> <cost USD> <lease share>
// mode `race`: make <calls> paid calls at once (reserve, then settle + audit in one commit), give the leases back
//   as shutdown does, print {"charged":[…],"refused":n} and exit.
// mode `crash`: settle <calls> calls, open one more, print {"settled":[ids],"open":id,"lease":leaseId}, then die by
//   SIGKILL with the lease still held.
import { auditKeyFrom, TEST_AUDIT_KEY } from '../../core/audit/audit-key.ts';
import { createAuditTrail } from '../../core/audit/audit-trail.ts';
import { createCostGuard } from '../../core/cost/cost-guard.ts';
import { openDatabase } from '../../core/db/client.ts';
import type { AppError } from '../../core/errors.ts';

const [url, userId, mode, calls, estimate, cost, share] = process.argv.slice(2);
const db = await openDatabase({ databaseUrl: url!, dataDir: '', migrate: false, poolSize: 4 });
const audit = createAuditTrail(db, { key: auditKeyFrom(TEST_AUDIT_KEY) });
const guard = createCostGuard({ db, defaultDailyLimitUsd: 5, audit, lease: { share: Number(share), serveMs: 60_000, idleMs: 60_000 } });
const actor = { id: userId!, email: 'racer@example.com', name: 'Racer', role: 'rep' as const, timeZone: 'UTC', teamId: null };
const entry = {
  kind: 'tool' as const,
  name: 'enrichLead',
  actorId: userId,
  platform: 'worker' as const,
  input: { pid: process.pid },
  outcome: 'ok' as const,
  durationMs: 1,
};

async function call(): Promise<number | 'refused'> {
  try {
    const r = await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd: Number(estimate) });
    return await guard.close(r, { actualUsd: Number(cost) }, audit, entry);
  } catch (err) {
    if ((err as AppError).code === 'over_budget') return 'refused';
    throw err;
  }
}

if (mode === 'race') {
  const results = await Promise.all(Array.from({ length: Number(calls) }, call));
  await guard.settleOpen();
  await audit.flush();
  await db.close();
  const charged = results.filter((r): r is number => r !== 'refused');
  process.stdout.write(`${JSON.stringify({ charged, refused: results.length - charged.length })}\n`);
} else {
  const settled: string[] = [];
  for (let i = 0; i < Number(calls); i++) {
    const r = await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd: Number(estimate) });
    await guard.close(r, { actualUsd: Number(cost) }, audit, entry);
    settled.push(r.id);
  }
  const open = await guard.reserve(actor, { kind: 'tool', name: 'enrichLead', estimateUsd: Number(estimate) });
  process.stdout.write(`${JSON.stringify({ settled, open: open.id, lease: open.leaseId })}\n`, () => process.kill(process.pid, 'SIGKILL'));
}
