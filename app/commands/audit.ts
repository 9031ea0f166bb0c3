import { tailAudit } from '../../core/audit/audit-trail.ts';
import { verifyAuditTrail } from '../../core/audit/verify.ts';
import { ValidationError } from '../../core/errors.ts';
import { loadRuntimeConfig, openRuntime } from '../runtime.ts';
import { parseOptions, type Command } from './command.ts';

export const auditCommand: Command = {
  name: 'audit',
  usage: 'audit verify | audit tail [--user <email>] [--tool <name>] [--limit <n>] [--json]',
  summary: 'Check the hash-chained audit trail for edited, deleted or re-ordered rows; show recent entries.',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify' && sub !== 'tail') throw new ValidationError('Usage: salesos audit verify | salesos audit tail [--user <email>] [--tool <name>] [--limit <n>]');
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      if (sub === 'verify') {
        parseOptions(rest, {});
        const result = await verifyAuditTrail(runtime.db.prisma);
        if (result.ok) {
          process.stdout.write(`Audit trail intact: ${result.count} entries, every hash links to the one before.\n`);
          return 0;
        }
        process.stdout.write(`Audit trail BROKEN at entry #${result.firstBadSeq}: ${result.reason} (${result.count} entries checked).\n`);
        return 1;
      }
      const { values } = parseOptions(rest, { user: { type: 'string' }, tool: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError(`--limit must be a whole number from 1 to 1000 (got "${values.limit}").`);
      const rows = await tailAudit(runtime.db.prisma, { userEmail: values.user, tool: values.tool, limit });
      if (values.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return 0;
      }
      for (const r of rows) {
        const input = JSON.stringify(r.input);
        process.stdout.write(
          `#${r.seq}  ${r.createdAt.toISOString()}  ${(r.actorEmail ?? '-').padEnd(24)}  ${r.platform.padEnd(7)}  ${r.kind.padEnd(5)}  ${r.name.padEnd(16)}  ` +
            `${r.outcome.padEnd(11)}${r.errorCode ? ` (${r.errorCode})` : ''}  $${r.costUsd.toFixed(4)}  ${r.durationMs} ms  ${input.length > 80 ? input.slice(0, 79) + '…' : input}\n`,
        );
      }
      if (!rows.length) process.stdout.write('No audit entries match.\n');
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
