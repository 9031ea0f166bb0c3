// Opens what every command needs from configuration: logger, database (migrated), repositories.
import { loadConfig, type Config } from '../core/config.ts';
import { openDatabase, type Database } from '../core/db/client.ts';
import { DemoRepository } from '../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../core/demo/seed.ts';
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

/** First use of an empty embedded database: fill it with the demo organisation so the product works at once. */
export async function seedDemoIfFresh(runtime: Runtime): Promise<void> {
  if (runtime.db.mode !== 'embedded' || !runtime.config.seedDemo) return;
  const demo = new DemoRepository(runtime.db.prisma);
  if (!(await demo.isEmpty())) return;
  const result = await seedDemoOrganisation(demo, {});
  log.info('The database was empty: seeded the demo organisation (set SALESOS_SEED_DEMO=false to skip)', { counts: result.counts });
}
