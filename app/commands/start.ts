import { isDatabaseEmpty, seedDemoOrganisation } from '../../core/db/demo-seed.ts';
import { log } from '../../core/log.ts';
import { mountHealth } from '../health.ts';
import { createHttpServer } from '../http-server.ts';
import { loadRuntimeConfig, openRuntime, type Runtime } from '../runtime.ts';
import { parseOptions, type Command } from './command.ts';

export const startCommand: Command = {
  name: 'start',
  usage: 'start',
  summary: 'Run SalesOS: HTTP server (health, Slack, Teams) on PORT; embedded database unless DATABASE_URL is set.',
  async run(argv) {
    parseOptions(argv, {});
    const config = loadRuntimeConfig();
    const runtime = await openRuntime(config);
    await seedDemoIfFresh(runtime);

    const http = createHttpServer();
    mountHealth(http, runtime.db);
    const port = await http.listen(config.port);
    log.info(`SalesOS is listening on http://localhost:${port} (GET /healthz, GET /readyz)`, { port });

    return await new Promise<number>((resolve) => {
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info(`${signal} received: finishing in-flight work and shutting down`);
        try {
          await http.close();
          await runtime.close();
          log.info('SalesOS stopped cleanly');
          resolve(0);
        } catch (err) {
          log.error('shutdown failed', { err });
          resolve(1);
        }
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
  },
};

/** First start on the embedded database: fill it with the demo organisation so the product is usable at once. */
async function seedDemoIfFresh(runtime: Runtime): Promise<void> {
  if (runtime.db.mode !== 'embedded' || !runtime.config.seedDemo) return;
  if (!(await isDatabaseEmpty(runtime.db.prisma))) return;
  const summary = await seedDemoOrganisation(runtime.db.prisma, {});
  log.info('The database was empty: seeded the demo organisation (set SALESOS_SEED_DEMO=false to skip)', summary);
}
