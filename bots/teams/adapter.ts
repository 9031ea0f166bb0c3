// The one place that knows botbuilder (Bot Framework's CloudAdapter, its authentication, ActivityHandler's
// dispatch, TeamsInfo). Everything else in bots/teams sees a TeamsTransport and TeamsTurns (turn.ts):
// authenticate an inbound activity, run the SalesOS routes for it, or continue a stored conversation. A
// move to the Microsoft 365 Agents SDK replaces this file only (test/architecture/layers.test.ts holds it).
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { AuthenticateRequestResult, ServiceClientCredentialsFactory } from 'botframework-connector';
import { createRequire } from 'node:module';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/log.ts';
import type { ConversationAddress, InvokeAnswer, TeamsActivity, TeamsRoutes, TeamsTurn } from './turn.ts';

// The connector's serialiser keeps only `type`, `text` and `mentioned` of an entity and silently drops the
// rest, so `streaminfo` (streamId, streamType, streamSequence) and the AI-label message entity would reach
// Teams empty. Letting the Entity model carry its other properties sends entities exactly as we build them.
const requireHere = createRequire(import.meta.url);
const connectorMappers = requireHere('botframework-connector/lib/connectorApi/models/mappers.js') as {
  Entity: { type: { additionalProperties?: unknown } };
};
connectorMappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };
// The HTTP pipeline the connector client itself uses (the same copy, so its request objects fit).
const connectorPipeline = createRequire(requireHere.resolve('botframework-connector'))('@azure/core-rest-pipeline') as {
  createPipelineRequest(options: { url: string; method: 'GET'; allowInsecureConnection?: boolean }): unknown;
};

interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  bodyAsText?: string | null;
}
interface PipelinePolicy {
  name: string;
  sendRequest(request: unknown, next: (request: unknown) => Promise<PipelineResponse>): Promise<PipelineResponse>;
}
interface ConnectorPipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicy, options?: { phase?: 'Retry' }): void;
}
interface ConnectorClientLike {
  client?: { pipeline?: ConnectorPipeline };
  sendRequest(request: unknown): Promise<{ status: number; bodyAsText?: string | null; parsedBody?: unknown }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from a Retry-After header (seconds or an HTTP date), capped at a minute. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : undefined;
}

/**
 * Replaces the client's default retry policy, which also re-sends a post after a 5xx or a dropped
 * connection: the connector may already have stored that post, and the user would see it twice. Only a
 * 429 (Teams throttling: nothing was stored) is retried here, after Retry-After or a growing pause;
 * whoever sends decides about the rest (proactive.ts checks what was stored first).
 */
function retryOnlyThrottling(client: ConnectorClientLike, maxRetries = 3, baseDelayMs = 1000): void {
  const pipeline = client.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(
    {
      name: 'salesosThrottlingRetry',
      async sendRequest(request, next) {
        for (let attempt = 0; ; attempt++) {
          const response = await next(request);
          if (response.status !== 429 || attempt >= maxRetries) return response;
          await sleep(retryAfterMs(response.headers.get('retry-after')) ?? baseDelayMs * 2 ** attempt);
        }
      },
    },
    { phase: 'Retry' },
  );
}

export type TeamsAuthMode = 'authenticated' | 'emulator' | 'refused';

/**
 * Parameterised Bot Framework auth settings, for sovereign/private clouds and for tests that sign their
 * own tokens. Unset values keep the public-cloud defaults.
 */
export interface TeamsAuthSettings {
  /** Where the channel's OpenID metadata (and through it the JWKS) is served. */
  openIdMetadataUrl?: string;
  /** The `iss` the channel's tokens carry. */
  tokenIssuer?: string;
  /** Where the bot gets its own outbound tokens (Entra ID). */
  loginUrl?: string;
  /** Replaces app-password credentials for outbound calls (managed identity, certificates, tests). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

/** The inbound request was not (or could not be) authenticated; `status` is what the HTTP answer should be. */
export class TeamsAuthError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 503,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'TeamsAuthError';
  }
}

type TurnLogic = (context: TurnContext) => Promise<void>;

/** A request the transport authenticated; only `run` reads it. */
export type TeamsAuthResult = AuthenticateRequestResult;

export interface TeamsTransport {
  mode: TeamsAuthMode;
  appId?: string;
  /** Validates the Bot Framework JWT (or accepts anything in emulator mode). Throws TeamsAuthError. */
  authenticate(activity: TeamsActivity, authHeader: string): Promise<TeamsAuthResult>;
  /** Runs the routes for an authenticated activity; resolves with the invoke's answer, if any. */
  run(auth: TeamsAuthResult, activity: TeamsActivity, routes: TeamsRoutes): Promise<InvokeAnswer | undefined>;
  /** A new turn in a stored conversation (proactive messages, late card updates). */
  continueConversation(address: ConversationAddress, logic: (turn: TeamsTurn) => Promise<void>): Promise<void>;
  /**
   * The activities the bot posted to a conversation, as the channel lists them (GET …/activities), to
   * learn whether an ambiguous post was stored. undefined when the channel offers no such list.
   */
  sentActivities(address: ConversationAddress): Promise<{ id: string; channelData?: Record<string, unknown> }[] | undefined>;
}

/** botbuilder's TurnContext as our TeamsTurn. */
function toTurn(context: TurnContext): TeamsTurn {
  return {
    activity: context.activity,
    sendActivity: (activity) => context.sendActivity(activity as Partial<Activity>),
    async updateActivity(activity) {
      await context.updateActivity(activity as Partial<Activity>);
    },
    member: (userId) => TeamsInfo.getMember(context, userId),
    conversationAddress: () => TurnContext.getConversationReference(context.activity),
  };
}

/** ActivityHandler's dispatch (conversation updates, installation updates, invokes and their answers) onto our routes. */
class RoutesHandler extends ActivityHandler {
  constructor(private readonly routes: TeamsRoutes) {
    super();
    this.onMessage(async (context, next) => {
      await routes.message(toTurn(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await routes.membersAdded(toTurn(context));
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      await routes.membersRemoved(toTurn(context));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await routes.installationAdded(toTurn(context));
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await routes.installationRemoved(toTurn(context));
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    return (await this.routes.invoke(toTurn(context))) ?? super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return (await this.routes.cardAction(toTurn(context), invokeValue.action?.data)) as AdaptiveCardInvokeResponse;
  }
}

const handlers = new WeakMap<TeamsRoutes, RoutesHandler>();
function handlerFor(routes: TeamsRoutes): RoutesHandler {
  let handler = handlers.get(routes);
  if (!handler) handlers.set(routes, (handler = new RoutesHandler(routes)));
  return handler;
}

/** CloudAdapter keeps `processActivity` protected; this exposes it with an already-authenticated request. */
class SalesOsCloudAdapter extends CloudAdapter {
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export function teamsAuthMode(teams: Config['teams']): TeamsAuthMode {
  if (teams.appId) return 'authenticated';
  return teams.allowUnauthenticated ? 'emulator' : 'refused';
}

export function createTeamsTransport(teams: Config['teams'], opts: { log: Logger; auth?: TeamsAuthSettings; throttleBaseDelayMs?: number }): TeamsTransport {
  const mode = teamsAuthMode(teams);
  const settings = opts.auth ?? {};
  const parameterised = settings.openIdMetadataUrl || settings.tokenIssuer || settings.loginUrl;
  const authConfig = {
    MicrosoftAppId: mode === 'authenticated' ? teams.appId : undefined,
    MicrosoftAppPassword: mode === 'authenticated' ? teams.appPassword : undefined,
    MicrosoftAppTenantId: teams.tenantId,
    MicrosoftAppType: teams.appType,
    ...(parameterised
      ? {
          ...PUBLIC_CLOUD,
          ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromChannelTokenIssuer: settings.tokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
          ToChannelFromBotLoginUrl: settings.loginUrl ?? PUBLIC_CLOUD.ToChannelFromBotLoginUrl,
        }
      : {}),
  };
  const auth = new ConfigurationBotFrameworkAuthentication(authConfig, settings.credentialsFactory);
  // Every connector client, for replies (the factory an authenticated request carries) and for proactive
  // sends (createConnectorFactory), gets the throttling-only retry policy.
  type ConnectorFactory = ReturnType<typeof auth.createConnectorFactory>;
  const throttlingOnly = (factory: ConnectorFactory): ConnectorFactory =>
    ({
      async create(serviceUrl: string, audience?: string) {
        const client = await factory.create(serviceUrl, audience);
        retryOnlyThrottling(client as unknown as ConnectorClientLike, 3, opts.throttleBaseDelayMs);
        return client;
      },
    }) as ConnectorFactory;
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => throttlingOnly(createConnectorFactory(identity));
  const adapter = new SalesOsCloudAdapter(auth);
  adapter.onTurnError = async (_context, err) => {
    opts.log.error('teams turn failed', { err });
  };

  return {
    mode,
    appId: teams.appId,
    async authenticate(activity, authHeader) {
      if (mode === 'refused')
        throw new TeamsAuthError('Teams is not configured: set MICROSOFT_APP_ID (or TEAMS_ALLOW_UNAUTHENTICATED=true for local use)', 401);
      try {
        const result = await auth.authenticateRequest(activity as Activity, authHeader);
        return result.connectorFactory ? { ...result, connectorFactory: throttlingOnly(result.connectorFactory) } : result;
      } catch (err) {
        throw classifyAuthFailure(err);
      }
    },
    run(authResult, activity, routes) {
      const handler = handlerFor(routes);
      return adapter.runAuthenticated(authResult, activity as Activity, (context) => handler.run(context));
    },
    async continueConversation(address, logic) {
      const reference = address as Partial<ConversationReference>;
      // onTurnError would swallow the failure; proactive callers need it (403/404 → unreachable).
      let failure: { err: unknown } | undefined;
      // In emulator mode there is no app id; an empty one yields anonymous, unsigned outbound calls.
      await adapter.continueConversationAsync(teams.appId ?? '', reference, async (context) => {
        try {
          await logic(toTurn(context));
        } catch (err) {
          failure = { err };
        }
      });
      if (failure) throw failure.err;
    },
    async sentActivities(address) {
      const reference = address as Partial<ConversationReference>;
      let listed: { id: string; channelData?: Record<string, unknown> }[] | undefined;
      await adapter.continueConversationAsync(teams.appId ?? '', reference, async (context) => {
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClientLike | undefined;
        if (!client || !reference.serviceUrl || !reference.conversation?.id) return;
        const url = `${reference.serviceUrl.replace(/\/?$/, '/')}v3/conversations/${encodeURIComponent(reference.conversation.id)}/activities`;
        try {
          const res = await client.sendRequest(
            connectorPipeline.createPipelineRequest({ url, method: 'GET', allowInsecureConnection: url.startsWith('http:') }),
          );
          if (res.status < 200 || res.status >= 300) return;
          const body = (res.parsedBody ?? JSON.parse(res.bodyAsText ?? '{}')) as { activities?: { id: string; channelData?: Record<string, unknown> }[] };
          listed = Array.isArray(body.activities) ? body.activities : undefined;
        } catch (err) {
          opts.log.debug('could not list the conversation activities', { err });
        }
      });
      return listed;
    },
  };
}

/**
 * botbuilder throws a mix of AuthenticationError, jsonwebtoken errors and plain Errors for bad tokens; all of
 * them are 401. Only an unreachable OpenID endpoint is our problem (503, so the channel retries).
 */
function classifyAuthFailure(err: unknown): TeamsAuthError {
  const e = err as { message?: string; statusCode?: number; name?: string; code?: string };
  const message = e?.message ?? String(err);
  const metadataDown = /Failed to load (openID config|Keys)/i.test(message) || e?.name === 'FetchError' || e?.code === 'ECONNREFUSED';
  return new TeamsAuthError(
    metadataDown ? `Bot Framework signing keys unavailable: ${message}` : `Bot Framework token rejected: ${message}`,
    metadataDown ? 503 : 401,
    { cause: err },
  );
}
