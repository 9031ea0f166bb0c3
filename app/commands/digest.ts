import type { Cadence } from '../../core/digest/period.ts';
import type { DigestOutcome } from '../../core/digest/run-digest.ts';
import { ValidationError } from '../../core/errors.ts';
import type { Container } from '../container.ts';
import { parseOptions, type Command } from './command.ts';

const CADENCES: readonly Cadence[] = ['daily', 'weekly'];

/**
 * `--at`: an ISO 8601 date-time ("2026-11-18T08:30:00Z"), or a date ("2026-11-18"), which means that day in
 * the manager's time zone.
 */
function parseAt(text: string): Date | string {
  const m = /^(\d{4}-\d\d-\d\d)([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d))?$/.exec(text);
  const at = m?.[2] ? new Date(text) : m ? new Date(`${m[1]}T12:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()) || (m && !m[2] && at.toISOString().slice(0, 10) !== m[1]))
    throw new ValidationError(`--at must be an ISO 8601 date or date-time with a zone, such as 2026-11-18 or 2026-11-18T08:30:00Z (got "${text}").`);
  return m?.[2] ? at : m![1]!;
}

/** `--status`: one line per period, then each run that did not simply go out. */
async function printStatus(container: Container, opts: { managerEmail?: string; periods: number }): Promise<number> {
  const [{ buildDigestServices }, { DigestRunStatusRepository }] = await Promise.all([
    import('../digest-background.ts'),
    import('../../core/db/digest-run-status-repository.ts'),
  ]);
  const services = buildDigestServices(container, new Map());
  const managerId = opts.managerEmail ? (await services.managers.managerByEmail(opts.managerEmail)).id : undefined;
  const { periods, problems } = await new DigestRunStatusRepository(container.db.prisma).report({ periods: opts.periods, managerId });
  if (!periods.length) {
    process.stdout.write('No digest has run yet.\n');
    return 0;
  }
  const lines = ['period      runs  sent  partial  failed  missed  cancelled  running  skipped  deliveries  delivered  attempts  failures'];
  for (const p of periods) {
    const n = (s: string) => String(p.byStatus[s] ?? 0);
    lines.push(
      [
        p.periodKey.padEnd(10),
        String(p.runs).padStart(5),
        n('sent').padStart(5),
        n('partial').padStart(8),
        n('failed').padStart(7),
        n('missed').padStart(7),
        n('cancelled').padStart(10),
        n('running').padStart(8),
        n('skipped').padStart(8),
        String(p.deliveries).padStart(11),
        String(p.delivered).padStart(10),
        String(p.attempts).padStart(9),
        String(p.failedDeliveries).padStart(9),
      ].join(' '),
    );
  }
  if (problems.length) lines.push('', 'Runs that need a look:');
  for (const r of problems) {
    lines.push(`  ${r.periodKey}  ${r.manager}  ${r.status}${r.reason ? ` — ${r.reason}` : ''}`);
    for (const d of r.deliveries)
      lines.push(`    ${d.platform}: ${d.status} after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${d.error ? ` — ${d.error}` : ''}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function describeOutcome(o: DigestOutcome): string[] {
  switch (o.status) {
    case 'not_applicable':
      return [`No digest: ${o.reason}.`];
    case 'in_progress':
      return [`The ${o.periodKey} digest is being sent by another process right now.`];
    case 'already_done':
      return [
        `The ${o.periodKey} digest was already sent (${o.runStatus}); it goes out once per period.`,
        ...o.deliveries.map((d) => `  ${d.platform}: ${d.status}${d.error ? ` — ${d.error}` : ''}`),
      ];
    default:
      if (!o.deliveries.length) return [`Nothing sent for ${o.periodKey}: the manager has no Slack or Teams identity linked.`];
      return [`Digest ${o.periodKey}: ${o.status}.`, ...o.deliveries.map((d) => `  ${d.platform}: ${d.status}${d.error ? ` — ${d.error}` : ''}`)];
  }
}

export const digestCommand: Command = {
  name: 'digest',
  usage: 'digest --manager <email> [--print | --send] [--period daily|weekly] [--at <date | ISO time>]  |  digest --status [--manager <email>] [--periods <n>]',
  summary:
    "Show a manager's team digest in the terminal (--print, the default) or send it now to their Slack/Teams (--send); --status shows how recent digests went.",
  async run(argv) {
    const { values } = parseOptions(argv, {
      manager: { type: 'string' },
      print: { type: 'boolean' },
      send: { type: 'boolean' },
      period: { type: 'string' },
      width: { type: 'string' },
      at: { type: 'string' },
      status: { type: 'boolean' },
      periods: { type: 'string' },
    });
    if (values.status) {
      if (values.print || values.send) throw new ValidationError('--status shows how digests went; it does not combine with --print or --send.');
      const periods = values.periods === undefined ? 14 : Number(values.periods);
      if (!Number.isInteger(periods) || periods < 1 || periods > 1000)
        throw new ValidationError(`--periods must be a whole number from 1 to 1000 (got "${values.periods}").`);
      const container = await (await import('./session.ts')).openContainer();
      try {
        return await printStatus(container, { managerEmail: values.manager, periods });
      } finally {
        await container.close();
      }
    }
    if (!values.manager) throw new ValidationError('Name the manager: salesos digest --manager <email> [--print | --send].');
    if (values.print && values.send) throw new ValidationError('Choose one of --print and --send.');
    if (values.period && !CADENCES.includes(values.period as Cadence)) throw new ValidationError(`--period must be daily or weekly (got "${values.period}").`);
    const width = values.width ? Number(values.width) : Math.min(process.stdout.columns || 100, 140);
    if (!Number.isInteger(width) || width < 20) throw new ValidationError(`--width must be a whole number of columns, at least 20 (got "${values.width}").`);
    const cadence = values.period as Cadence | undefined;
    // The moment the digest is for (its period ends at local midnight of that day): now, unless --at names one.
    const at = values.at === undefined ? new Date() : parseAt(values.at);

    const [
      { renderCard },
      { composeDigest },
      { DigestDeliveryError },
      { startOfLocalDay },
      { periodFor, runDigest },
      { buildDigestServices },
      { buildChatSenders },
      { openContainer },
    ] = await Promise.all([
      import('../../bots/console/render/index.ts'),
      import('../../core/digest/compose.ts'),
      import('../../core/digest/deliver.ts'),
      import('../../core/digest/period.ts'),
      import('../../core/digest/run-digest.ts'),
      import('../digest-background.ts'),
      import('../chat-senders.ts'),
      import('./session.ts'),
    ]);
    const container = await openContainer();
    try {
      const senders = values.send ? buildChatSenders(container) : new Map();
      const services = buildDigestServices(container, senders);
      const manager = await services.managers.managerByEmail(values.manager);
      // A bare date is that day in the manager's time zone (local noon: the same date on either side of a DST change).
      const fireAt = typeof at === 'string' ? new Date(startOfLocalDay(manager.timeZone, at).getTime() + 12 * 3600_000) : at;
      if (!values.send) {
        const period = await periodFor(services, manager.id, manager.timeZone, cadence ?? manager.schedule.cadence, manager.schedule.cron, fireAt);
        const card = await composeDigest(services.figures, manager, period, services.compose);
        const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
        process.stdout.write(renderCard(card, { width, color, timeZone: manager.timeZone }) + '\n');
        return 0;
      }
      if (senders.size === 0)
        throw new ValidationError(
          'Neither Slack nor Teams is configured, so there is nowhere to send the digest. Set SLACK_BOT_TOKEN or the MICROSOFT_APP_* variables, or use --print.',
        );
      try {
        const outcome = await runDigest(services, { managerId: manager.id, fireAt, cadence, scheduled: false });
        process.stdout.write(describeOutcome(outcome).join('\n') + '\n');
        return 0;
      } catch (err) {
        if (!(err instanceof DigestDeliveryError)) throw err;
        process.stdout.write(`The digest could not be delivered:\n${err.platforms.map((p) => `  ${p.platform}: ${p.error}`).join('\n')}\n`);
        return 1;
      }
    } finally {
      await container.close();
    }
  },
};
