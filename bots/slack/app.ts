// The Slack bot: a Bolt App over our own HTTP server (HTTP mode, `handler` mounted at POST /slack/events)
// or Slack's Socket Mode when an app token is set. Listeners live in listeners/*, rendering in blocks/*.
import type http from 'node:http';
import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Config } from '../../core/config.ts';
import { ConfigError } from '../../core/errors.ts';
import type { AuditTrail } from '../../core/governance.ts';
import { log as defaultLog, type Logger } from '../../core/log.ts';
import type { Assistant } from '../../assistant/assistant-contract.ts';
import type { ListenerDeps } from './deps.ts';
import { createSlackIdentity } from './identity.ts';
import { createIdentityService, type IdentityUsers } from '../../core/identity/identity-service.ts';
import * as actions from './listeners/actions.ts';
import * as assistantPane from './listeners/assistant.ts';
import * as command from './listeners/command.ts';
import * as home from './listeners/home.ts';
import * as mention from './listeners/mention.ts';
import * as message from './listeners/message.ts';
import { createPeopleDirectory, type PeopleOptions } from './people.ts';
import { SlackHttpReceiver } from './receiver.ts';
import { type DeliveryOptions, slackReplies } from './stream.ts';
import { slackClientOptions } from './web-api.ts';
import { createTurnGate, type TurnGateOptions } from './turn-gate.ts';
import { createWorkspaceGate, refuseOtherWorkspaces } from './workspace.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackBotOptions {
  config: Pick<Config, 'slack' | 'defaultTimeZone'>;
  assistant: Assistant;
  users: IdentityUsers;
  /** Replies that cannot be delivered are audited (kind delivery). */
  audit: AuditTrail;
  log?: Logger;
  /** Known bot identity: skips Slack's auth.test (tests, benchmarks). */
  botUserId?: string;
  botId?: string;
  /** Defaults to true: chat.startStream where Slack allows it. */
  streaming?: boolean;
  delivery?: DeliveryOptions;
  /** Profile and user-group cache (TTL default 5 minutes; its clock for tests). */
  people?: PeopleOptions;
  /** Clock for signature timestamps (tests). */
  now?: () => number;
  /** Turns running (adapting to the loop's lag, 4 to 64) and waiting (1,000) at once. */
  turns?: TurnGateOptions;
}

export interface SlackBot {
  app: App;
  mode: 'http' | 'socket';
  /** HTTP mode: the route handler for POST /slack/events (events, interactivity and slash commands). */
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  /** Turns running and waiting in this process, and how many may run now (the turn gate). */
  turns(): { running: number; waiting: number; limit: number };
  /** Learns the workspace (auth.test) when SLACK_TEAM_ID is unset; Socket Mode: connects to Slack. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackBot(opts: SlackBotOptions): SlackBot {
  const { slack } = opts.config;
  const logger = opts.log ?? defaultLog;
  if (!slack.botToken) throw new ConfigError(['SLACK_BOT_TOKEN: required to run the Slack bot (got not set)']);
  // A deadline on every call; retries only where Slack cannot have acted (web-api.ts).
  const clientOptions = slackClientOptions(slack);
  const common = {
    token: slack.botToken,
    clientOptions,
    logger: boltLogger(logger),
    logLevel: LogLevel.WARN,
    // Bolt's default conversation store runs on every event; thread memory lives in PostgreSQL instead.
    convoStore: false as const,
    ...(opts.botUserId ? { botUserId: opts.botUserId } : {}),
    ...(opts.botId ? { botId: opts.botId } : {}),
  };

  let app: App;
  let handler: SlackBot['handler'];
  const mode = slack.appToken ? 'socket' : 'http';
  if (slack.appToken) {
    // The Socket Mode client opens its connection through the Web API too: same base URL (GovSlack) and deadline.
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: common.logger,
      logLevel: LogLevel.WARN,
      installerOptions: { clientOptions: { ...clientOptions } },
    });
    app = new App({ ...common, receiver });
  } else {
    if (!slack.signingSecret) throw new ConfigError(['SLACK_SIGNING_SECRET: required for Slack HTTP mode (got not set)']);
    const receiver = new SlackHttpReceiver({ signingSecret: slack.signingSecret, now: opts.now });
    app = new App({ ...common, receiver });
    handler = receiver.handle;
  }

  const people = createPeopleDirectory(opts.people);
  const deps: ListenerDeps = {
    assistant: opts.assistant,
    identity: createSlackIdentity({
      identities: createIdentityService({ users: opts.users, unknownUsers: slack.unknownUsers, defaultTimeZone: opts.config.defaultTimeZone, log: logger }),
      guestUsers: slack.guestUsers,
      people,
    }),
    people,
    audit: opts.audit,
    replies: slackReplies(opts.delivery),
    streaming: opts.streaming ?? true,
    gate: createTurnGate(opts.turns),
  };
  const workspace = createWorkspaceGate(slack.teamId, async () => (await app.client.auth.test()).team_id);
  refuseOtherWorkspaces(app, workspace);
  for (const listener of [mention, message, assistantPane, command, actions, home]) listener.register(app, deps);
  app.error(async (err) => {
    logger.error('Slack listener failed', { err });
  });

  return {
    app,
    mode,
    handler,
    turns: () => deps.gate.stats(),
    async start() {
      // Learned now so a wrong token shows at start; if Slack is unreachable the first event tries again.
      await workspace.teamId().catch((err) => logger.error('could not learn the Slack workspace (auth.test); will retry on the first event', { err }));
      if (mode === 'socket') await app.start();
    },
    async stop() {
      if (mode === 'socket') await app.stop();
    },
  };
}

/** Bolt logs through ours, so its lines carry our context and are scrubbed of secrets. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const rank: Record<string, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };
  // The WebClient logs several debug lines per API call whatever its level: drop them before any work.
  const write =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (rank[lvl]! < rank[level]! || !logger.isLevelEnabled(lvl)) return;
      logger[lvl](`slack: ${msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ')}`);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
