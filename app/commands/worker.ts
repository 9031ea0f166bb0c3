import { ConfigError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

export const workerCommand: Command = {
  name: 'worker',
  usage: 'worker [--concurrency <n>] [--prefix <redis key prefix>] [--lock-seconds <n>]',
  summary: 'Run the background workers (scheduled manager digests) until SIGTERM; needs REDIS_URL.',
  async run(argv) {
    const { values } = parseOptions(argv, { concurrency: { type: 'string' }, prefix: { type: 'string' }, 'lock-seconds': { type: 'string' } });
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 500))
      throw new ConfigError([`--concurrency: expected a whole number from 1 to 500 (got "${values.concurrency}")`]);
    // How long a job stays locked to a worker without a heartbeat: a crashed worker's jobs are taken up after about this long.
    const lockSeconds = values['lock-seconds'] === undefined ? undefined : Number(values['lock-seconds']);
    if (lockSeconds !== undefined && (!Number.isInteger(lockSeconds) || lockSeconds < 1 || lockSeconds > 3600))
      throw new ConfigError([`--lock-seconds: expected a whole number from 1 to 3600 (got "${values['lock-seconds']}")`]);
    const [{ startReservationSweeper }, { log }, { startDigestBackground }, { buildChatSenders }, { openContainer }] = await Promise.all([
      import('../../core/cost/reservation-sweeper.ts'),
      import('../../core/log.ts'),
      import('../digest-background.ts'),
      import('../chat-senders.ts'),
      import('./session.ts'),
    ]);
    const container = await openContainer();
    let background: { close(): Promise<void> };
    try {
      if (!container.config.redisUrl)
        throw new ConfigError(['REDIS_URL: required by `salesos worker` to schedule and run digests, e.g. redis://localhost:6379 (got not set)']);
      background = await startDigestBackground(container, buildChatSenders(container), {
        concurrency,
        prefix: values.prefix,
        lockDurationMs: lockSeconds === undefined ? undefined : lockSeconds * 1000,
      });
    } catch (err) {
      await container.close();
      throw err;
    }
    // Settles reservations left open by crashed processes (also run by `salesos start`; running it twice is harmless).
    const sweeper = startReservationSweeper({ db: container.db, audit: container.guards.audit, olderThanMs: container.config.reservationSweepAfterMs });
    log.info('salesos worker running; stop it with SIGTERM or Ctrl-C');
    return await new Promise<number>((resolve) => {
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info(`${signal} received: finishing the digests in progress and shutting down`);
        try {
          await sweeper.stop();
          await background.close();
          await container.close();
          log.info('salesos worker stopped cleanly');
          resolve(0);
        } catch (err) {
          log.error('worker shutdown failed', { err });
          resolve(1);
        }
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
  },
};
