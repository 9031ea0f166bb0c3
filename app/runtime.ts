// Opens what every command needs from configuration: logger, database (migrated), repositories.
import { loadConfig, type Config } from '../core/config.ts';
import { openDatabase, type Database } from '../core/db/client.ts';
import { configureLogger, log } from '../core/log.ts';

export interface Runtime {
  config: Config;
  db: Database;
  close(): Promise<void>;
}

export function loadRuntimeConfig(env = process.env): Config {
  const config = loadConfig(env);
  configureLogger({ level: config.log.level, format: config.log.format });
  return config;
}

export async function openRuntime(config: Config, opts: { migrate?: boolean } = {}): Promise<Runtime> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: opts.migrate });
  return {
    config,
    db,
    async close() {
      await db.close();
      log.debug('database closed');
    },
  };
}
