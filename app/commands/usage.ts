import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

export const usageCommand: Command = {
  name: 'usage',
  usage: 'usage [--user <email>] [--team <manager email>] [--days <n>] [--json]',
  summary: 'AI spend per user, day and model/tool (CostGuard ledger).',
  async run(argv) {
    const { values } = parseOptions(argv, { user: { type: 'string' }, team: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' } });
    const days = values.days === undefined ? 7 : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new ValidationError(`--days must be a whole number from 1 to 366 (got "${values.days}").`);
    const [{ usageReport }, { loadRuntimeConfig, openRuntime }] = await Promise.all([import('../../core/db/usage-repository.ts'), import('../runtime.ts')]);
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      const rows = await usageReport(runtime.db.prisma, { userEmail: values.user, teamManagerEmail: values.team, days });
      if (values.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return 0;
      }
      if (!rows.length) {
        process.stdout.write(
          `No AI spend in the last ${days} days${values.user ? ` for ${values.user}` : ''}${values.team ? ` in ${values.team}'s team` : ''}.\n`,
        );
        return 0;
      }
      const w = Math.max(4, ...rows.map((r) => r.userEmail.length));
      const n = Math.max(12, ...rows.map((r) => r.name.length));
      process.stdout.write(`${'USER'.padEnd(w)}  DAY         ${'MODEL / TOOL'.padEnd(n)}  KIND   CALLS        COST\n`);
      for (const r of rows)
        process.stdout.write(
          `${r.userEmail.padEnd(w)}  ${r.day}  ${r.name.padEnd(n)}  ${r.kind.padEnd(5)}  ${String(r.calls).padStart(5)}  ${('$' + r.costUsd.toFixed(4)).padStart(10)}\n`,
        );
      const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
      process.stdout.write(`Total: $${total.toFixed(4)} over ${days} day${days === 1 ? '' : 's'}.\n`);
      const swept = rows.filter((r) => r.swept > 0);
      if (swept.length) {
        process.stdout.write(
          `Swept: ${swept.reduce((n, r) => n + r.swept, 0)} call(s) never settled by their process were charged at their reserved (worst-case) amount:\n`,
        );
        for (const r of swept) process.stdout.write(`  ${r.userEmail}  ${r.day}  ${r.name}  ${r.swept}\n`);
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
