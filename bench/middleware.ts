// Overhead of the tool middleware per tool call on real PostgreSQL (runTool with a trivial tool, p50/p99,
// with and without CostGuard) against its floor: one durable single-row INSERT commit on the same database,
// measured in the same run, interleaved call by call so both see the same load. Also the throughput of
// concurrent reservations for one user.
// Run: npm run bench middleware [-- --calls 2000] [--limit-usd 5]. Target: middleware p99 <= 1.5 x the commit's p99.
// The rep's daily limit is the product's default ($5), so with budget leases of 2% ($0.10, a hundred $0.001 calls)
// the run takes a lease every hundred calls, as a busy rep's process would; before 2026-11-30 the rep had a
// $100,000 limit, and one lease served the whole run.
// `--server-time`: also PostgreSQL's own time per call of each function on the path (track_functions), measured on
// the loop that waits for no WAL flush.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Actor } from '../core/agent/types.ts';
import { auditKeyFrom, TEST_AUDIT_KEY } from '../core/audit/audit-key.ts';
import { createAuditTrail } from '../core/audit/audit-trail.ts';
import { createConfirmations } from '../core/confirmations.ts';
import { createCostGuard } from '../core/cost/cost-guard.ts';
import { openDatabase } from '../core/db/client.ts';
import type { Guards } from '../core/governance.ts';
import { runTool } from '../assistant/run-tool.ts';
import type { SalesTool, ToolContext } from '../tools/tool.ts';
import { createScratchDatabase } from './scratch-database.ts';

const auditKey = auditKeyFrom(TEST_AUDIT_KEY);

const args = process.argv.slice(2);
const calls = Number(args[args.indexOf('--calls') + 1]) || 2000;
const serverTime = args.includes('--server-time');
const limitUsd = args.includes('--limit-usd') ? Number(args[args.indexOf('--limit-usd') + 1]) : 5;
const POOL = 20;
const TARGET_RATIO = 1.5;

/** `uptime`'s own line (load average over 1, 5, 15 minutes on a machine other engineers share). */
function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    const [l1, l5, l15] = os.loadavg();
    return `load average: ${l1!.toFixed(2)}, ${l5!.toFixed(2)}, ${l15!.toFixed(2)} (os.loadavg; no uptime command)`;
  }
}

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
  capability: 'echo its input',
  redactInAudit: [],
  execute: async (i) => ({ summary: i.q }),
};
const paidTool: SalesTool<typeof input> = {
  ...freeTool,
  name: 'paidEcho',
  estimateCostUsd: () => 0.001,
  execute: async (i) => ({ summary: i.q, costUsd: 0.0005 }),
};

async function main(): Promise<void> {
  const scratch = await createScratchDatabase('mw');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: POOL });
  try {
    if (!(limitUsd > 0)) throw new Error('--limit-usd needs a positive amount');
    const user = await db.prisma.user.create({ data: { email: 'bench@example.com', name: 'Bench', dailyLimitUsd: limitUsd } });
    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: 'rep', timeZone: 'UTC', teamId: null };
    const audit = createAuditTrail(db, { key: auditKey });
    // Budget leases as the container configures them by default (COST_LEASE_PERCENT=2); `--no-lease` measures a
    // reservation round trip per paid call instead.
    const lease = args.includes('--no-lease') ? undefined : { share: 0.02, serveMs: 60_000, idleMs: 10_000 };
    const costs = createCostGuard({ db, defaultDailyLimitUsd: 5, audit, lease });
    const guards: Guards = { costs, audit, confirmations: createConfirmations(db.prisma) };
    // The trivial tools use nothing but the guards.
    const ctx: ToolContext = {
      actor,
      platform: 'console',
      scope: { kind: 'all' },
      teamMemberIds: [],
      services: { guards } as unknown as ToolContext['services'],
    };

    const call = async (tool: SalesTool, i: number): Promise<number> => {
      const t = performance.now();
      const r = await runTool(tool, { q: `call ${i}` }, ctx);
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(`bench call failed: ${r.summary}`);
      return ms;
    };
    // The floor: one durable commit of a single-row INSERT (synchronous_commit as configured, i.e. on), the
    // same kind of transaction pgbench's insert test makes, on the same server and database.
    await db.pool.query('CREATE TABLE bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), note text NOT NULL)');
    const commit = async (i: number): Promise<number> => {
      const t = performance.now();
      await db.pool.query('INSERT INTO bench_commit (note) VALUES ($1)', [`commit ${i}`]);
      return performance.now() - t;
    };
    for (let i = 0; i < 200; i++) {
      await call(freeTool, i);
      await call(paidTool, i);
      await commit(i);
    }
    const loadBefore = uptime();
    const rtt: number[] = [];
    const commits: number[] = [];
    const free: number[] = [];
    const paid: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      await db.pool.query('SELECT 1');
      rtt.push(performance.now() - t);
      commits.push(await commit(i));
      free.push(await call(freeTool, i));
      paid.push(await call(paidTool, i));
    }
    const loadAfter = uptime();
    // Leases taken during the timed loop, and how many of its paid calls waited for one (printed when the API has it).
    const leaseStats =
      lease && 'leaseStats' in costs ? (costs as { leaseStats(): { taken: number; takenAhead: number; waited: number } }).leaseStats() : undefined;

    // The same loop on connections with synchronous_commit = off: nothing waits for a WAL flush, so what is left is
    // the middleware's own work (this process and the database's), without the disk's tail and its noise.
    const noFlushUrl = new URL(scratch.url);
    noFlushUrl.searchParams.set('options', `-c synchronous_commit=off${serverTime ? ' -c track_functions=all' : ''}`);
    const noFlush = await openDatabase({ databaseUrl: noFlushUrl.toString(), dataDir: '', poolSize: 4, migrate: false });
    const work = { commits: [] as number[], free: [] as number[], paid: [] as number[] };
    let functions: { funcname: string; calls: string; us: string; self_us: string }[] = [];
    try {
      const nfAudit = createAuditTrail(noFlush, { key: auditKey });
      const nfGuards: Guards = {
        costs: createCostGuard({ db: noFlush, defaultDailyLimitUsd: 5, audit: nfAudit, lease }),
        audit: nfAudit,
        confirmations: createConfirmations(noFlush.prisma),
      };
      const nfCtx: ToolContext = { ...ctx, services: { guards: nfGuards } as unknown as ToolContext['services'] };
      const timed = async (f: () => Promise<unknown>): Promise<number> => {
        const t = performance.now();
        await f();
        return performance.now() - t;
      };
      for (let i = 0; i < 200 + calls / 2; i++) {
        const c = await timed(() => noFlush.pool.query('INSERT INTO bench_commit (note) VALUES ($1)', [`no flush ${i}`]));
        const f = await timed(() => runTool(freeTool, { q: `no flush ${i}` }, nfCtx));
        const p = await timed(() => runTool(paidTool, { q: `no flush ${i}` }, nfCtx));
        // Server time counts from the end of the warm-up (the stats of this scratch database only).
        if (i === 199 && serverTime) await noFlush.pool.query('SELECT pg_stat_reset()');
        if (i < 200) continue; // warm-up
        work.commits.push(c);
        work.free.push(f);
        work.paid.push(p);
      }
      if (serverTime) {
        // Each connection reports its function times when idle for a second or more.
        await new Promise((r) => setTimeout(r, 1_500));
        functions = (
          await noFlush.pool.query(
            `SELECT funcname, calls::text, round((total_time * 1000 / GREATEST(calls, 1))::numeric, 0)::text AS us,
                    round((self_time * 1000 / GREATEST(calls, 1))::numeric, 0)::text AS self_us
             FROM pg_stat_user_functions ORDER BY total_time DESC`,
          )
        ).rows;
      }
      await nfGuards.costs.settleOpen();
      await nfAudit.flush();
    } finally {
      await noFlush.close();
    }
    const loadAfterWork = uptime();

    const throughput: string[] = [];
    for (const concurrency of [1, 10, 50]) {
      const total = 1000;
      // A fresh rep per run, so each run starts from an empty day.
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

    const p99 = (ms: number[]) =>
      percentile(
        [...ms].sort((a, b) => a - b),
        99,
      );
    const ratio = (ms: number[]) => p99(ms) / p99(commits);
    console.log(
      `tool middleware on real PostgreSQL (${calls} sequential calls of each kind, interleaved, pool ${POOL}, Node ${process.version}, ${os.cpus().length} CPUs, ` +
        `${lease ? `budget leases of ${lease.share * 100}% of the limit` : 'a reservation round trip per paid call'}, the rep's daily limit $${limitUsd})`,
    );
    console.log(`uptime before: ${loadBefore}`);
    console.log(`uptime after:  ${loadAfter}`);
    console.log(`  database round trip (SELECT 1 on the pool), for reference:              ${summary(rtt)}`);
    console.log(`  floor: one durable single-row INSERT commit, same database:             ${summary(commits)}`);
    console.log(`  without CostGuard (validate, authorize, execute, audit append):       ${summary(free)}`);
    console.log(`  with CostGuard (… reserve, execute, settle + audit append):            ${summary(paid)}`);
    console.log(`ratio p99 / commit p99: without CostGuard ${ratio(free).toFixed(2)}x, with CostGuard ${ratio(paid).toFixed(2)}x`);
    if (leaseStats)
      console.log(
        `  budget leases over warm-up and timed calls: ${leaseStats.taken} taken, ${leaseStats.takenAhead} of them in the background; paid calls that waited for a take: ${leaseStats.waited}`,
      );
    // A reservation reads the rep's running total (usage_day_totals), so the first and last calls should cost the
    // same although the rep's day grows by one ledger row per paid call here (it summed those rows before).
    const part = Math.max(1, Math.floor(calls / 4));
    const p50 = (ms: number[]) =>
      percentile(
        [...ms].sort((a, b) => a - b),
        50,
      );
    console.log(`without waiting for the WAL flush (synchronous_commit = off; ${work.paid.length} calls each; uptime after: ${loadAfterWork}):`);
    console.log(`  single-row INSERT:                                                     ${summary(work.commits)}`);
    console.log(`  without CostGuard:                                                     ${summary(work.free)}`);
    console.log(`  with CostGuard:                                                        ${summary(work.paid)}`);
    console.log(
      `  the middleware's own work beyond one INSERT's, p50: without CostGuard ${(p50(work.free) - p50(work.commits)).toFixed(2)} ms, ` +
        `with CostGuard ${(p50(work.paid) - p50(work.commits)).toFixed(2)} ms`,
    );
    if (serverTime) {
      console.log(`  PostgreSQL's time per call of each function (${work.free.length} free and ${work.paid.length} paid calls; us incl. what it calls / own):`);
      for (const f of functions) console.log(`    ${f.funcname.padEnd(24)} ${f.calls.padStart(6)} calls  ${f.us.padStart(6)} us / ${f.self_us.padStart(6)} us`);
    }
    console.log(`  with CostGuard, first ${part} calls (rep's day: ~${200 + part / 2} rows): ${summary(paid.slice(0, part))}`);
    console.log(`  with CostGuard, last ${part} calls (rep's day: ~${200 + calls - part / 2} rows): ${summary(paid.slice(-part))}`);
    console.log('concurrent reservations for one user (reserve only):');
    for (const line of throughput) console.log(line);
    console.log(
      `target middleware p99 <= ${TARGET_RATIO}x commit p99: ${ratio(paid) <= TARGET_RATIO ? 'met' : 'NOT met'} ` +
        `(${p99(paid).toFixed(2)} ms with CostGuard / ${p99(commits).toFixed(2)} ms = ${ratio(paid).toFixed(2)}x)`,
    );
  } finally {
    await db.close();
    await scratch.drop();
  }
}

await main();
