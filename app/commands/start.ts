import type { SlackBot } from '../../bots/slack/app.ts';
import type { Container } from '../container.ts';
import { parseOptions, type Command } from './command.ts';

/** What the server needs, loaded once the options are checked (`salesos --help` loads none of it). */
const serverModules = () =>
  Promise.all([
    import('../../bots/console/session.ts'),
    import('../../bots/slack/app.ts'),
    import('../../bots/teams/bot.ts'),
    import('../../bots/mcp/http.ts'),
    import('../../core/db/api-tokens-repository.ts'),
    import('../../core/cost/reservation-sweeper.ts'),
    import('../../core/log.ts'),
    import('../../core/version.ts'),
    import('../container.ts'),
    import('../digest-background.ts'),
    import('../chat-senders.ts'),
    import('../health.ts'),
    import('../metrics.ts'),
    import('../http-server.ts'),
    import('../shutdown.ts'),
    import('../runtime.ts'),
    import('./session.ts'),
  ]);

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--as <email>] [--no-chat] [--prefix <redis key prefix>]',
  summary: 'Run SalesOS: HTTP server on PORT (health, Slack, Teams, MCP); a terminal chat when no chat platform is configured.',
  async run(argv) {
    const { values } = parseOptions(argv, { as: { type: 'string' }, 'no-chat': { type: 'boolean' }, prefix: { type: 'string' } });
    const [
      { runConsoleSession },
      { createSlackBot, SLACK_EVENTS_PATH },
      { createTeamsBot },
      { createMcpHttpHandler, MCP_PATH },
      { ApiTokenRepository },
      { startReservationSweeper },
      { log },
      { SALESOS_VERSION },
      { buildContainer },
      { startDigestBackground },
      { buildChatSenders },
      { mountHealth },
      { mountMetrics },
      { createHttpServer },
      { shutDown },
      { loadRuntimeConfig, openRuntime, seedDemoIfFresh },
      { actorFor, chatBanner },
    ] = await serverModules();
    const config = loadRuntimeConfig();
    const runtime = await openRuntime(config);
    let container: Container;
    try {
      await seedDemoIfFresh(runtime);
      container = await buildContainer(runtime);
    } catch (err) {
      await runtime.close();
      throw err;
    }
    log.info(`language model: ${container.model.label}`);

    const http = createHttpServer({ observe: container.telemetry.metrics.http });
    mountHealth(http, runtime.db, { redisUrl: config.redisUrl, model: { provider: container.model.provider, id: container.model.id } });
    const metrics = mountMetrics(http, container);
    if (container.telemetry.tracing.enabled) log.info(`tracing: OTLP/HTTP to ${config.telemetry.tracesUrl}`);
    const platforms: string[] = [];
    // Always mounted: unconfigured, it answers 401 and logs how to configure it.
    const teams = createTeamsBot({ config, assistant: container.assistant, users: container.users, log });
    http.route('POST', '/api/messages', teams.handleRequest);
    if (teams.mode !== 'refused') platforms.push('Teams (POST /api/messages)');
    // MCP clients over HTTP, with personal access tokens (`salesos tokens create`).
    http.route(
      'POST',
      MCP_PATH,
      createMcpHttpHandler({ assistant: container.assistant, tokens: new ApiTokenRepository(runtime.db.prisma), version: SALESOS_VERSION, log }),
    );
    let slack: SlackBot | undefined;
    if (config.slack.botToken) {
      // SALESOS_TEST_CLOCK (tests only) is also the instant request signatures are checked against.
      const testNow = config.testClock?.getTime();
      slack = createSlackBot({
        config,
        assistant: container.assistant,
        users: container.users,
        audit: container.guards.audit,
        log,
        now: testNow === undefined ? undefined : () => testNow,
      });
      if (slack.handler) http.route('POST', SLACK_EVENTS_PATH, slack.handler);
      platforms.push(slack.mode === 'socket' ? 'Slack (Socket Mode)' : `Slack (POST ${SLACK_EVENTS_PATH})`);
    }

    // Scheduled manager digests run here too when REDIS_URL is set (`salesos worker` runs them alone).
    // Redis being down must not take the chat bots down with it: say so and carry on without digests.
    const senders = buildChatSenders(container, teams.mode === 'refused' ? [] : [teams.sender]);
    const digests = await startDigestBackground(container, senders, { prefix: values.prefix }).catch((err) => {
      log.error('the digest scheduler could not start; chat keeps working without scheduled digests', { err });
      return { close: async () => {}, forceClose: async () => {} };
    });

    const sweeper = startReservationSweeper({ db: runtime.db, audit: container.guards.audit, olderThanMs: config.reservationSweepAfterMs });

    let stopping: Promise<number> | undefined;
    // Everything is flushed and closed once shutDown resolves; a dependency's client that keeps reconnecting
    // (BullMQ with Redis gone) must not keep the process alive after "stopped".
    const exitSoon = (code: number) => (setTimeout(() => process.exit(code), 300).unref(), code);
    const stop = (why: string) =>
      (stopping ??= shutDown(
        {
          container,
          http,
          // Acknowledged Teams activities may still be replying after their request ended.
          drains: [(ms) => teams.drain(ms)],
          queues: digests,
          before: [async () => slack?.stop(), () => sweeper.stop()],
          after: [() => metrics.close(), () => container.telemetry.tracing.shutdown()],
        },
        why,
      ).then(exitSoon));
    // Signals are handled before the port opens, so a stop right after start is still clean.
    const stopped = new Promise<number>((resolve) => {
      process.once('SIGTERM', () => void stop('SIGTERM received').then(resolve));
      process.once('SIGINT', () => void stop('SIGINT received').then(resolve));
    });

    // Logged before the port opens: once "listening" is logged, everything about the set-up has been said.
    if (platforms.length) log.info(`chat platforms: ${platforms.join(', ')}`);
    const port = await http.listen(config.port);
    await slack?.start();
    log.info(`SalesOS is listening on http://localhost:${port} (GET /healthz, GET /readyz)`, { port });

    const chat = platforms.length === 0 && !values['no-chat'] && process.stdin.isTTY && process.stdout.isTTY;
    if (!chat) {
      if (platforms.length === 0) log.info('No Slack or Teams configured: serving HTTP only. Run `salesos chat` to talk to SalesOS in a terminal.');
      return stopped;
    }
    const actor = await actorFor(container, values.as);
    // The chat owns the terminal: only warnings and errors go to stderr while it runs.
    if (!process.env.LOG_LEVEL) log.level = 'warn';
    const chatEnded = runConsoleSession({
      assistant: container.assistant,
      actor,
      input: process.stdin,
      output: process.stdout,
      interactive: true,
      color: !process.env.NO_COLOR,
      width: Math.min(process.stdout.columns || 100, 140),
      banner: chatBanner(
        actor,
        container.model.label,
        'No Slack or Teams configured — chatting here. To connect them, see "Slack" and "Microsoft Teams" in the README.',
      ),
    }).then(
      () => stop('chat ended'),
      (err) => (log.error('terminal chat failed', { err }), stop('chat failed')),
    );
    return Promise.race([stopped, chatEnded]);
  },
};
