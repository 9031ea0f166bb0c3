import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

const USAGE =
  'Usage: salesos audit verify [--against <checkpoint>] | salesos audit checkpoint | salesos audit reanchor [--force] | salesos audit tail [--user <email>] [--tool <name>] [--limit <n>]';

export const auditCommand: Command = {
  name: 'audit',
  usage:
    'audit verify [--against <checkpoint>] | audit checkpoint | audit reanchor [--force] | audit tail [--user <email>] [--tool <name>] [--limit <n>] [--json]',
  summary: 'Check the keyed audit chain (edited, deleted, re-ordered or re-chained entries); print a signed checkpoint; show recent entries.',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify' && sub !== 'tail' && sub !== 'checkpoint' && sub !== 'reanchor') throw new ValidationError(USAGE);
    // Everything typed is checked before the database is opened.
    const { formatCheckpoint, parseCheckpoint } = await import('../../core/audit/checkpoint.ts');
    const verifyOpts = sub === 'verify' ? parseOptions(rest, { against: { type: 'string' } }).values : undefined;
    const against = verifyOpts?.against === undefined ? undefined : parseCheckpoint(verifyOpts.against);
    if (sub === 'checkpoint') parseOptions(rest, {});
    const reanchorOpts = sub === 'reanchor' ? parseOptions(rest, { force: { type: 'boolean' } }).values : undefined;
    const tailOpts =
      sub === 'tail'
        ? parseOptions(rest, { user: { type: 'string' }, tool: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }).values
        : undefined;
    const limit = tailOpts?.limit === undefined ? 20 : Number(tailOpts.limit);
    if (tailOpts && (!Number.isInteger(limit) || limit < 1 || limit > 1000))
      throw new ValidationError(`--limit must be a whole number from 1 to 1000 (got "${tailOpts.limit}").`);
    const [{ reanchorTrail, checkpointNow }, { resolveAuditKey }, { tailAudit }, { verifyAuditTrail }, { loadRuntimeConfig, openRuntime }] = await Promise.all([
      import('../../core/audit/anchoring.ts'),
      import('../../core/audit/audit-key.ts'),
      import('../../core/audit/audit-trail.ts'),
      import('../../core/audit/verify.ts'),
      import('../runtime.ts'),
    ]);
    const config = loadRuntimeConfig();
    const runtime = await openRuntime(config);
    try {
      if (sub === 'verify') {
        const result = await verifyAuditTrail(runtime.db.prisma, { key: resolveAuditKey(config), against });
        if (result.ok) {
          const vs = against ? ` It still holds the ${against.count} entries of the checkpoint of ${against.at.toISOString()}.` : '';
          process.stdout.write(`Audit trail intact: ${result.count} entries, each MAC links to the one before and the chain head matches.${vs}\n`);
          return 0;
        }
        process.stdout.write(`Audit trail BROKEN at entry #${result.firstBadSeq}: ${result.reason} (${result.count} entries checked before it).\n`);
        return 1;
      }
      if (sub === 'checkpoint') {
        const checkpoint = await checkpointNow(runtime.db.prisma, resolveAuditKey(config));
        process.stderr.write(
          `Checkpoint of ${checkpoint.count} entries (newest #${checkpoint.lastSeq}). Keep it outside the database; later: salesos audit verify --against '<line>'\n`,
        );
        process.stdout.write(formatCheckpoint(checkpoint) + '\n');
        return 0;
      }
      if (sub === 'reanchor') {
        const result = await reanchorTrail(runtime.db, resolveAuditKey(config), { force: reanchorOpts?.force });
        if ('alreadyAnchored' in result) {
          process.stdout.write(
            'The audit trail is already anchored; nothing to do (use --force to re-anchor it as it stands, e.g. after changing AUDIT_KEY).\n',
          );
          return 0;
        }
        const broken = result.brokenAt === undefined ? '' : ` The old chain was already broken at entry #${result.brokenAt}; it is anchored as it stands.`;
        process.stdout.write(`Anchored ${result.anchored} audit entries under AUDIT_KEY (key id ${result.head.keyId}).${broken}\n`);
        return 0;
      }
      const values = tailOpts!;
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
