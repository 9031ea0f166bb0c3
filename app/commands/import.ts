import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ValidationError } from '../../core/errors.ts';
import type { LeadImportRow } from '../../core/db/lead-imports-repository.ts';
import { CSV_ENCODINGS, parseEncoding } from '../../core/leads/csv-decode.ts';
import { userMessageOf } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

function progressBar(done: number, total: number | undefined, width = 30): string {
  if (!total) return `  ${done.toLocaleString('en-US')} rows`;
  const share = Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `  [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(share * 100)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows`;
}

const n = (v: number) => v.toLocaleString('en-US');

function statusLine(r: LeadImportRow): string {
  const when = r.startedAt.toISOString().replace('T', ' ').slice(0, 19);
  const counts = `${n(r.rowsSeen)} rows seen, ${n(r.imported)} imported, ${n(r.rejected)} rejected`;
  const note =
    r.state === 'interrupted'
      ? ' — stopped before the end; run the same import again to complete it (rows are upserted by email, nothing is duplicated)'
      : r.state === 'failed' && r.error
        ? ` — ${r.error}`
        : r.resumesId
          ? ` (completes interrupted import ${r.resumesId.slice(0, 8)})`
          : '';
  return `${r.id.slice(0, 8)}  ${when} UTC  ${r.state.padEnd(11)}  ${r.file}  ${counts}${note}`;
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import <file.csv> [--owner <email>] [--source <name>] [--encoding utf-8|latin1|windows-1252|utf-16] | import --status',
  summary: 'Import leads from a CSV file (upsert by email); every bad row is reported with its line number; --status lists past imports.',
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { owner: { type: 'string' }, source: { type: 'string' }, encoding: { type: 'string' }, status: { type: 'boolean' }, limit: { type: 'string' } },
      true,
    );
    // Loaded once what was typed is checked: `salesos --help` must not load the database.
    const modules = () =>
      Promise.all([
        import('../../core/db/lead-imports-repository.ts'),
        import('../../core/db/leads-repository.ts'),
        import('../../core/db/users-repository.ts'),
        import('../../core/leads/csv-import.ts'),
        import('../../core/leads/import-runs.ts'),
        import('../runtime.ts'),
      ]);
    if (values.status) {
      if (positionals.length) throw new ValidationError('Use either salesos import <file.csv> or salesos import --status.');
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new ValidationError(`--limit must be a whole number from 1 to 1000 (got "${values.limit}").`);
      const [{ LeadImportRepository }, , , , { processAlive, sweepInterruptedImports }, { loadRuntimeConfig, openRuntime }] = await modules();
      const live = () => ({ host: os.hostname(), isAlive: processAlive, now: new Date() });
      const runtime = await openRuntime(loadRuntimeConfig());
      try {
        const imports = new LeadImportRepository(runtime.db.prisma);
        await sweepInterruptedImports(imports, live());
        const rows = await imports.recent(limit);
        process.stdout.write(rows.length ? rows.map(statusLine).join('\n') + '\n' : 'No imports yet.\n');
        return 0;
      } finally {
        await runtime.close();
      }
    }

    const file = positionals[0];
    if (!file || positionals.length > 1) throw new ValidationError('Give exactly one CSV file: salesos import leads.csv');
    if (!fs.existsSync(file)) throw new ValidationError(`There is no file ${file}.`);
    const encoding = values.encoding === undefined ? undefined : parseEncoding(values.encoding);
    if (values.encoding !== undefined && !encoding)
      throw new ValidationError(`--encoding must be one of ${CSV_ENCODINGS.join(', ')} (got "${values.encoding}").`);
    const [
      { LeadImportRepository },
      { LeadRepository },
      { UserRepository },
      { formatBadRow, importLeadsCsv },
      { processAlive, sweepInterruptedImports },
      { loadRuntimeConfig, openRuntime },
    ] = await modules();
    const live = () => ({ host: os.hostname(), isAlive: processAlive, now: new Date() });
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      const leads = new LeadRepository(runtime.db.prisma);
      const imports = new LeadImportRepository(runtime.db.prisma);
      let ownerId: string | undefined;
      if (values.owner) {
        const owner = await new UserRepository(runtime.db.prisma).getByEmail(values.owner);
        if (!owner) throw new ValidationError(`There is no user ${values.owner} to own the imported leads.`);
        ownerId = owner.id;
      }
      const source = values.source ?? 'csv_import';
      await sweepInterruptedImports(imports, live());
      const fileSha256 = await sha256Of(file);
      const resumes = await imports.interruptedRunOf(fileSha256);
      const run = await imports.start({
        file: path.resolve(file),
        fileSha256,
        source,
        encoding: encoding ?? 'utf-8',
        host: os.hostname(),
        pid: process.pid,
        resumesId: resumes?.id,
      });
      if (resumes)
        process.stderr.write(
          `Completing the import of this file interrupted on ${resumes.startedAt.toISOString()} after ${n(resumes.imported)} rows; ` +
            'rows already imported are updated in place, not duplicated.\n',
        );
      // Ctrl-C or a stop: the run is recorded as interrupted, not left "running".
      const stop = (signal: NodeJS.Signals) => {
        void imports.finish(run.id, 'interrupted', undefined).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const tty = process.stderr.isTTY;
      let result;
      try {
        result = await importLeadsCsv(file, {
          source,
          encoding,
          write: (rows) => leads.upsertManyByEmail(ownerId ? rows.map((r) => ({ ...r, ownerId: r.ownerId ?? ownerId })) : rows, { source }),
          onBatch: (p) => imports.progress(run.id, { rowsSeen: p.rows, imported: p.imported, rejected: p.rejected }),
          onProgress: tty ? (done, total) => process.stderr.write(`\r${progressBar(done, total)}`) : undefined,
        });
      } catch (err) {
        await imports.finish(run.id, 'failed', undefined, userMessageOf(err));
        throw err;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      await imports.finish(run.id, 'completed', { rowsSeen: result.rows, imported: result.imported, rejected: result.bad.length });
      if (tty) process.stderr.write('\n');
      const lines = [
        `Imported ${n(result.imported)} of ${n(result.rows)} rows from ${file}: ` +
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
