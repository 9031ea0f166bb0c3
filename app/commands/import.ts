import fs from 'node:fs';
import { ValidationError } from '../../core/errors.ts';
import { LeadRepository } from '../../core/db/leads-repository.ts';
import { UserRepository } from '../../core/db/users-repository.ts';
import { formatBadRow, importLeadsCsv } from '../../core/leads/csv-import.ts';
import { loadRuntimeConfig, openRuntime } from '../runtime.ts';
import { parseOptions, type Command } from './command.ts';

function progressBar(done: number, total: number | undefined, width = 30): string {
  if (!total) return `  ${done.toLocaleString('en-US')} rows`;
  const share = Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `  [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(share * 100)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows`;
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import <file.csv> [--owner <email>] [--source <name>]',
  summary: 'Import leads from a CSV file (upsert by email); every bad row is reported with its line number.',
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { owner: { type: 'string' }, source: { type: 'string' } }, true);
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new ValidationError('Give exactly one CSV file: salesos import leads.csv');
    if (!fs.existsSync(file)) throw new ValidationError(`There is no file ${file}.`);
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      const leads = new LeadRepository(runtime.db.prisma);
      let ownerId: string | undefined;
      if (values.owner) {
        const owner = await new UserRepository(runtime.db.prisma).getByEmail(values.owner);
        if (!owner) throw new ValidationError(`There is no user ${values.owner} to own the imported leads.`);
        ownerId = owner.id;
      }
      const source = values.source ?? 'csv_import';
      const tty = process.stderr.isTTY;
      const result = await importLeadsCsv(file, {
        source,
        write: (rows) => leads.upsertManyByEmail(ownerId ? rows.map((r) => ({ ...r, ownerId: r.ownerId ?? ownerId })) : rows, { source }),
        onProgress: tty ? (done, total) => process.stderr.write(`\r${progressBar(done, total)}`) : undefined,
      });
      if (tty) process.stderr.write('\n');
      const lines = [
        `Imported ${result.imported.toLocaleString('en-US')} of ${result.rows.toLocaleString('en-US')} rows from ${file}: ` +
          `${result.created} new leads, ${result.updated} updated${result.duplicates ? ` (${result.duplicates} rows repeated an earlier email; the last one wins)` : ''}.`,
      ];
      if (result.ignoredColumns.length) lines.push(`Ignored columns: ${result.ignoredColumns.join(', ')}.`);
      if (result.bad.length) {
        lines.push(`${result.bad.length} row${result.bad.length === 1 ? ' was' : 's were'} not imported:`);
        lines.push(...result.bad.map((b) => `  ${formatBadRow(b)}`));
      }
      process.stdout.write(lines.join('\n') + '\n');
      return result.bad.length ? 1 : 0;
    } finally {
      await runtime.close();
    }
  },
};
