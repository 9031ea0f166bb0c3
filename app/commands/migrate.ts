import { parseOptions, type Command } from './command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate [--status]',
  summary: 'Apply pending database migrations (or show their status).',
  async run(argv) {
    const { values } = parseOptions(argv, { status: { type: 'boolean' } });
    const [{ migrate, migrationStatus, readMigrations }, { startEmbeddedDatabase }, { default: pg }, { loadRuntimeConfig }] = await Promise.all([
      import('../../core/db/migrate.ts'),
      import('../../core/db/embedded.ts'),
      import('pg'),
      import('../runtime.ts'),
    ]);
    const config = loadRuntimeConfig();
    const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
    const url = config.databaseUrl ?? embedded!.url;
    try {
      if (values.status) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const s = await migrationStatus(client).finally(() => client.end());
        process.stdout.write(
          `${readMigrations().length} migrations: ${s.applied.length} applied, ${s.pending.length} pending` +
            (s.pending.length ? ` (${s.pending.join(', ')})` : '') +
            (s.modified.length ? `; changed after being applied: ${s.modified.join(', ')}` : '') +
            '\n',
        );
        return s.pending.length || s.modified.length ? 1 : 0;
      }
      const applied = await migrate(url);
      process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Database is up to date.\n');
      return 0;
    } finally {
      await embedded?.stop();
    }
  },
};
