// Overhead of the tool middleware per tool call on real PostgreSQL (runTool with a trivial tool, p50/p99,
// with and without CostGuard) and the throughput of concurrent reservations for one user.
// Run: npx tsx bench/middleware.ts [--calls 2000]. Target: middleware overhead p99 <= 5 ms.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Actor } from '../core/agent/types.ts';
import { createAuditTrail } from '../core/audit/audit-trail.ts';
import { createConfirmations } from '../core/confirmations.ts';
import { createCostGuard } from '../core/cost/cost-guard.ts';
import { openDatabase } from '../core/db/client.ts';
import type { Guards } from '../core/governance.ts';
import { runTool } from '../tools/run-tool.ts';
import type { SalesTool, ToolContext } from '../tools/tool.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { auditKeyFrom, TEST_AUDIT_KEY } from '../core/audit/audit-key.ts';

const auditKey = auditKeyFrom(TEST_AUDIT_KEY);

const args = process.argv.slice(2);
const calls = Number(args[args.indexOf('--calls') + 1]) || 2000;
const POOL = 20;


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms  max ${s[s.length - 1]!.toFixed(2)} ms`;
}

const input = z.object({ q: z.string() });
const freeTool: SalesTool<typeof input> = {
  name: 'echo',
  description: 'Echo',
  inputSchema: input,
  permission: 'leads:read',
  statusText: 'Echoing…',
  execute: async (i) => ({ summary: i.q }),
};
const paidTool: SalesTool<typeof input> = { ...freeTool, name: 'paidEcho', estimateCostUsd: () => 0.001, execute: async (i) => ({ summary: i.q, costUsd: 0.0005 }) };

async function main(): Promise<void> {
  const scratch = await createScratchDatabase('mw');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: POOL });
  try {
    const user = await db.prisma.user.create({ data: { email: 'bench@example.com', name: 'Bench', dailyLimitUsd: 100_000 } });
    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: 'rep', timeZone: 'UTC', teamId: null };
    const audit = createAuditTrail(db, { key: auditKey });
    const guards: Guards = { costs: createCostGuard({ db, defaultDailyLimitUsd: 5, audit }), audit, confirmations: createConfirmations(db.prisma) };
    // The trivial tools use nothing but the guards.
    const ctx: ToolContext = { actor, platform: 'console', scope: { kind: 'all' }, teamMemberIds: [], services: { guards } as unknown as ToolContext['services'] };

    const measure = async (tool: SalesTool, n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await runTool(tool, { q: `call ${i}` }, ctx);
        out.push(performance.now() - t);
        if (!r.ok) throw new Error(`bench call failed: ${r.summary}`);
      }
      return out;
    };
    await measure(freeTool, 200);
    await measure(paidTool, 200);
    // The machine's own database round trip, to read the figures below against.
    const rtt: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      await db.pool.query('SELECT 1');
      rtt.push(performance.now() - t);
    }
    const free = await measure(freeTool, calls);
    const paid = await measure(paidTool, calls);

    const throughput: string[] = [];
    for (const concurrency of [1, 10, 50]) {
      const total = 1000;
      // A fresh rep per run: a reservation sums the rep's day, which here would otherwise grow by thousands of rows.
      const u = await db.prisma.user.create({ data: { email: `bench-${concurrency}@example.com`, name: 'Bench', dailyLimitUsd: 100_000 } });
      const rep: Actor = { ...actor, id: u.id, email: u.email };
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < total) await guards.costs.reserve(rep, { kind: 'tool', name: 'bench', estimateUsd: 0.001 });
        }),
      );
      const s = (performance.now() - t) / 1000;
      throughput.push(`  concurrency ${String(concurrency).padStart(2)}: ${(total / s).toFixed(0)} reservations/s (${total} in ${s.toFixed(2)} s)`);
    }

    const [l1, l5, l15] = os.loadavg();
    console.log(`tool middleware overhead on real PostgreSQL (${calls} sequential runTool calls each, pool ${POOL}, Node ${process.version}, ${os.cpus().length} CPUs)`);
    console.log(`loadavg ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)}`);
    console.log(`  database round trip (SELECT 1 on the pool), for reference:            ${summary(rtt)}`);
    console.log(`  without CostGuard (validate, authorize, execute, audit append):     ${summary(free)}`);
    console.log(`  with CostGuard (… reserve, execute, settle, audit append):            ${summary(paid)}`);
    console.log('concurrent reservations for one user (reserve only):');
    for (const line of throughput) console.log(line);
    const p99 = percentile([...paid].sort((a, b) => a - b), 99);
    console.log(`target p99 <= 5 ms: ${p99 <= 5 ? 'met' : 'NOT met'} (${p99.toFixed(2)} ms with CostGuard)`);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

await main();
