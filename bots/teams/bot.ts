// The Teams bot assembled from config: the POST /api/messages handler, proactive sends, and drain() for
// shutdown. createTeamsBot is what the entry layer calls.
import type http from 'node:http';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/log.ts';
import type { Assistant } from '../../assistant/assistant-contract.ts';
import { createTeamsTransport, type TeamsAuthMode, type TeamsAuthSettings } from './adapter.ts';
import type { TeamsBotContext, TeamsTiming } from './bot-context.ts';
import { teamsRoutes } from './handler.ts';
import { createIdentityService } from '../../core/identity/identity-service.ts';
import { createTeamsIdentity, type TeamsUsers } from './identity.ts';
import { createProactiveSender, type ProactiveRetry, type SendProactive } from './proactive.ts';
import { createMessagesRoute } from './routes.ts';
import { createTeamsSender, type TeamsChatSender } from './sender.ts';
import { teamsReplies } from './streaming.ts';
import { tenantGate } from './tenants.ts';

export interface TeamsBotOptions {
  config: Pick<Config, 'teams' | 'defaultTimeZone' | 'slack'>;
  assistant: Assistant;
  users: TeamsUsers;
  log: Logger;
  /** Parameterised Bot Framework auth (private clouds, tests). */
  auth?: TeamsAuthSettings;
  timing?: Partial<TeamsTiming>;
  /** Retry pacing (tests shorten it): proactive sends, and the pause before retrying a 429 without Retry-After. */
  retry?: { proactive?: ProactiveRetry; throttleBaseDelayMs?: number };
}

export interface TeamsBot {
  mode: TeamsAuthMode;
  /** Mount as POST /api/messages. */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  sendProactive: SendProactive;
  /** The bot's ChatSender: its own reply path (and timing) and its proactive sends. */
  sender: TeamsChatSender;
  /** Waits for acknowledged activities still being answered (call on shutdown, before closing the database). */
  drain(timeoutMs?: number): Promise<void>;
}

export function createTeamsBot(opts: TeamsBotOptions): TeamsBot {
  const { config, log } = opts;
  const transport = createTeamsTransport(config.teams, { log, auth: opts.auth, throttleBaseDelayMs: opts.retry?.throttleBaseDelayMs });
  if (transport.mode === 'emulator')
    log.warn(
      'TEAMS BOT IS RUNNING WITHOUT AUTHENTICATION (TEAMS_ALLOW_UNAUTHENTICATED=true, no MICROSOFT_APP_ID): anyone who can reach /api/messages can talk to it. Use this only with the Bot Framework Emulator or tests.',
    );
  // Info, not warn: a Slack-only deployment is normal; each refused request logs a warning of its own.
  else if (transport.mode === 'refused')
    log.info(
      'Teams is not configured: /api/messages answers 401. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_TYPE (or TEAMS_ALLOW_UNAUTHENTICATED=true for local emulator use).',
    );
  else log.info('teams bot ready', { appId: config.teams.appId, appType: config.teams.appType });
  const tenants = tenantGate(config.teams);
  if (tenants.allowed) log.info('teams accepts activities only from these tenants', { tenants: [...tenants.allowed] });

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const tracked = work.catch((err) => log.error('teams background work failed', { err })).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const timing = { invokeBudgetMs: 8000, streamIntervalMs: 1000, typingIntervalMs: 3000, ...opts.timing };
  const sendProactive = createProactiveSender({ transport, users: opts.users, log, retry: opts.retry?.proactive });
  const sender = createTeamsSender(sendProactive, teamsReplies({ log, streamIntervalMs: timing.streamIntervalMs, typingIntervalMs: timing.typingIntervalMs }));
  const context: TeamsBotContext = {
    assistant: opts.assistant,
    users: opts.users,
    identities: createTeamsIdentity({
      identities: createIdentityService({ users: opts.users, log, defaultTimeZone: config.defaultTimeZone, unknownUsers: config.slack.unknownUsers }),
      users: opts.users,
      log,
    }),
    transport,
    log,
    timing,
    replies: sender,
    track,
  };
  const routes = teamsRoutes(context);

  return {
    mode: transport.mode,
    handleRequest: createMessagesRoute({ transport, tenants, log, track, routes }),
    sendProactive,
    sender,
    async drain(timeoutMs = 30_000) {
      let timedOut = false;
      const deadline = new Promise<void>((resolve) => setTimeout(() => ((timedOut = true), resolve()), timeoutMs).unref());
      // New work can start while waiting (a late card update), hence the loop.
      while (inFlight.size && !timedOut) await Promise.race([Promise.allSettled([...inFlight]), deadline]);
    },
  };
}
