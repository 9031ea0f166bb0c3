// Every environment variable SalesOS reads is declared, parsed and validated here, and nowhere else.
// A bad value stops the start with one message naming each bad variable and what it expects.
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

/** The one rule: a variable set to an empty (or all-blank) value is not set. */
const isBlank = (v: unknown): v is string => typeof v === 'string' && v.trim() === '';
const emptyToUndefined = (v: unknown) => (isBlank(v) ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (what: string) => z.preprocess(emptyToUndefined, z.url({ message: `expected ${what}` }).optional());
const bool = (dflt: boolean) =>
  z
    .preprocess((v) => emptyToUndefined(v) ?? String(dflt), z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' }))
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (dflt: number, min: number, max: number) =>
  z
    .preprocess((v) => emptyToUndefined(v) ?? String(dflt), z.string().regex(/^\d+$/, { message: `expected a whole number between ${min} and ${max}` }))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `expected at least ${min}` })
        .max(max, { message: `expected at most ${max}` }),
    );
const positiveNumber = (dflt: number) =>
  z
    .preprocess((v) => emptyToUndefined(v) ?? String(dflt), z.string().regex(/^\d+(\.\d+)?$/, { message: 'expected a non-negative number such as 5 or 2.50' }))
    .transform(Number);

const timeZone = z.preprocess(
  (v) => emptyToUndefined(v) ?? 'UTC',
  z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as Europe/Berlin' },
  ),
);

const schema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgresql:// connection URL' })
      .optional(),
  ),
  SALESOS_DATA_DIR: z.preprocess((v) => emptyToUndefined(v) ?? './.salesos', z.string()),
  SALESOS_SEED_DEMO: bool(true),
  SALESOS_TIME_ZONE: timeZone,
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, { message: 'expected a redis:// or rediss:// URL' })
      .optional(),
  ),
  PORT: int(3000, 0, 65535),
  LOG_LEVEL: z.preprocess(
    (v) => emptyToUndefined(v) ?? 'info',
    z.enum(['error', 'warn', 'info', 'debug'], { message: 'expected one of error, warn, info, debug' }),
  ),
  LOG_FORMAT: z.preprocess((v) => emptyToUndefined(v) ?? 'auto', z.enum(['auto', 'json', 'pretty'], { message: 'expected one of auto, json, pretty' })),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('an http(s) URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1'),
  SALESOS_MODEL: optionalString,
  ENRICHMENT_AGENT_URL: optionalUrl('the http(s) base URL of the enrichment agent'),
  ENRICHMENT_AGENT_TOKEN: optionalString,
  ENRICHMENT_TIMEOUT_MS: int(10_000, 100, 120_000),
  ENRICHMENT_ANALYSIS_TIMEOUT_MS: int(60_000, 1_000, 600_000),
  ENRICHMENT_FRESH_DAYS: int(30, 0, 3650),
  ENRICHMENT_MAX_COST_USD: positiveNumber(0.1),
  COST_DAILY_LIMIT_USD: positiveNumber(5),
  COST_PRICES_FILE: optionalString,
  COST_LEASE_PERCENT: int(2, 0, 50),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl('an http(s) URL ending in /api/'),
  SLACK_UNKNOWN_USERS: z.preprocess((v) => emptyToUndefined(v) ?? 'provision', z.enum(['provision', 'deny'], { message: 'expected provision or deny' })),
  SLACK_API_TIMEOUT_MS: int(10_000, 100, 120_000),
  SLACK_TEAM_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^T[A-Z0-9]+$/, { message: 'expected a Slack workspace id such as T0123ABCD' })
      .optional(),
  ),
  SLACK_GUEST_USERS: z.preprocess((v) => emptyToUndefined(v) ?? 'deny', z.enum(['deny', 'read-only'], { message: 'expected deny or read-only' })),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.preprocess(
    (v) => emptyToUndefined(v) ?? 'MultiTenant',
    z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], {
      message: 'expected SingleTenant, MultiTenant or UserAssignedMSI',
    }),
  ),
  TEAMS_ALLOW_UNAUTHENTICATED: bool(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl('the OTLP/HTTP base URL of a collector, e.g. http://otel-collector:4318'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl('the OTLP/HTTP traces URL, e.g. http://otel-collector:4318/v1/traces'),
  OTEL_EXPORTER_OTLP_HEADERS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, { message: 'expected key=value pairs separated by commas, e.g. api-key=abc' })
      .optional(),
  ),
  OTEL_SERVICE_NAME: z.preprocess((v) => emptyToUndefined(v) ?? 'salesos', z.string().max(100)),
  METRICS_TOKEN: optionalString,
  LLM_TIMEOUT_MS: int(60_000, 1, 600_000),
  TURN_TIMEOUT_MS: int(120_000, 1, 3_600_000),
  SHUTDOWN_GRACE_MS: int(25_000, 0, 600_000),
  RESERVATION_SWEEP_AFTER_MS: int(900_000, 1_000, 86_400_000),
  AUDIT_KEY: optionalString,
  DIGEST_LATENESS_MINUTES: int(360, 1, 10_080),
  DIGEST_RETRY_BUDGET_MINUTES: int(360, 1, 10_080),
  DIGEST_DELIVERY_LEASE_SECONDS: int(120, 1, 3600),
  DIGEST_RECONCILE_SECONDS: int(60, 1, 86_400),
  SALESOS_TEST_CLOCK: z.preprocess(
    emptyToUndefined,
    z.iso.datetime({ offset: true, message: 'expected an ISO 8601 time such as 2026-11-25T09:00:00Z' }).optional(),
  ),
  TEAMS_ALLOWED_TENANTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*[\w.-]+(\s*,\s*[\w.-]+)*\s*$/, { message: 'expected a comma-separated list of tenant ids' })
      .optional(),
  ),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  /** Real PostgreSQL when set; otherwise the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  seedDemo: boolean;
  defaultTimeZone: string;
  redisUrl?: string;
  port: number;
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
  model: { apiKey?: string; baseUrl?: string; id?: string };
  enrichment: { url?: string; token?: string; timeoutMs: number; freshDays: number; maxCostUsd: number; analysisTimeoutMs: number };
  cost: { dailyLimitUsd: number; pricesFile?: string; leasePercent: number };
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    unknownUsers: 'provision' | 'deny';
    /** Deadline of every Web API call. */
    apiTimeoutMs: number;
    /** The one workspace served; learned from auth.test when unset. */
    teamId?: string;
    guestUsers: 'deny' | 'read-only';
  };
  /** Deadlines: a model call's wait for its first/next chunk, a whole turn, and the shutdown grace period. */
  deadlines: { llmMs: number; turnMs: number; shutdownGraceMs: number };
  /** Open reservations older than this are settled by the sweeper (their process ended without settling). */
  reservationSweepAfterMs: number;
  teams: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType: Env['MICROSOFT_APP_TYPE'];
    allowUnauthenticated: boolean;
    /** MultiTenant: the only tenants whose activities are accepted (lower case); undefined accepts any. */
    allowedTenants?: string[];
  };
  telemetry: {
    /** OTLP/HTTP traces URL; unset: no tracing. */
    tracesUrl?: string;
    headers: Record<string, string>;
    serviceName: string;
    /** Bearer token GET /metrics requires; unset: /metrics is open. */
    metricsToken?: string;
  };
  /** AUDIT_KEY; unset outside production means the data folder's key file (see core/audit/audit-key.ts). */
  audit: { key?: string };
  digest: { latenessMinutes: number; retryBudgetMinutes: number; leaseSeconds: number; reconcileSeconds: number };
  /** SALESOS_TEST_CLOCK (NODE_ENV=test only): the fixed time digest scheduling and Slack signature checks take as now. */
  testClock?: Date;
}

/** Parse the environment. Throws one ConfigError listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Validated whole: every bad variable and every broken combination, in one message.
  const parsed = schema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const raw = source[name];
        const shown = raw === undefined ? 'not set' : isSecretName(name) ? 'a value' : JSON.stringify(raw);
        return `${name}: ${issue.message} (got ${shown})`;
      });
  problems.push(...combinationProblems(source));
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;

  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SALESOS_DATA_DIR),
    seedDemo: e.SALESOS_SEED_DEMO,
    defaultTimeZone: e.SALESOS_TIME_ZONE,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    model: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, id: e.SALESOS_MODEL },
    enrichment: {
      url: e.ENRICHMENT_AGENT_URL,
      token: e.ENRICHMENT_AGENT_TOKEN,
      timeoutMs: e.ENRICHMENT_TIMEOUT_MS,
      analysisTimeoutMs: e.ENRICHMENT_ANALYSIS_TIMEOUT_MS,
      freshDays: e.ENRICHMENT_FRESH_DAYS,
      maxCostUsd: e.ENRICHMENT_MAX_COST_USD,
    },
    cost: { dailyLimitUsd: e.COST_DAILY_LIMIT_USD, pricesFile: e.COST_PRICES_FILE, leasePercent: e.COST_LEASE_PERCENT },
    deadlines: { llmMs: e.LLM_TIMEOUT_MS, turnMs: e.TURN_TIMEOUT_MS, shutdownGraceMs: e.SHUTDOWN_GRACE_MS },
    reservationSweepAfterMs: e.RESERVATION_SWEEP_AFTER_MS,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      unknownUsers: e.SLACK_UNKNOWN_USERS,
      apiTimeoutMs: e.SLACK_API_TIMEOUT_MS,
      teamId: e.SLACK_TEAM_ID,
      guestUsers: e.SLACK_GUEST_USERS,
    },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
      allowedTenants: e.TEAMS_ALLOWED_TENANTS?.split(',').map((t) => t.trim().toLowerCase()),
    },
    telemetry: {
      tracesUrl:
        e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined),
      headers: parseHeaderList(e.OTEL_EXPORTER_OTLP_HEADERS),
      serviceName: e.OTEL_SERVICE_NAME,
      metricsToken: e.METRICS_TOKEN,
    },
    audit: { key: e.AUDIT_KEY },
    digest: {
      latenessMinutes: e.DIGEST_LATENESS_MINUTES,
      retryBudgetMinutes: e.DIGEST_RETRY_BUDGET_MINUTES,
      leaseSeconds: e.DIGEST_DELIVERY_LEASE_SECONDS,
      reconcileSeconds: e.DIGEST_RECONCILE_SECONDS,
    },
    testClock: e.SALESOS_TEST_CLOCK ? new Date(e.SALESOS_TEST_CLOCK) : undefined,
  };
}

/** OTEL_EXPORTER_OTLP_HEADERS: "k1=v1,k2=v2", values URL-encoded as the OpenTelemetry spec says. */
function parseHeaderList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text?.split(',') ?? []) {
    const i = pair.indexOf('=');
    if (i > 0) out[pair.slice(0, i).trim()] = decodeURIComponent(pair.slice(i + 1).trim());
  }
  return out;
}

/** Rules between variables, read from the raw values so they are reported alongside per-variable errors. */
function combinationProblems(source: Record<string, string | undefined>): string[] {
  const value = (name: string) => emptyToUndefined(source[name]) as string | undefined;
  const yes = (name: string) => ['true', '1', 'yes'].includes(value(name) ?? '');
  const problems: string[] = [];
  if (value('SLACK_BOT_TOKEN') && !value('SLACK_SIGNING_SECRET') && !value('SLACK_APP_TOKEN'))
    problems.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  if ((value('SLACK_SIGNING_SECRET') || value('SLACK_APP_TOKEN')) && !value('SLACK_BOT_TOKEN'))
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (got not set)');
  if (value('SLACK_APP_TOKEN') && !value('SLACK_APP_TOKEN')!.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN: expected an app-level token starting with xapp- (got a value)');
  if (value('OPENAI_BASE_URL') && !value('SALESOS_MODEL'))
    problems.push('SALESOS_MODEL: required with OPENAI_BASE_URL — the name of the model your server serves, e.g. llama3.1 (got not set)');
  if (value('MICROSOFT_APP_ID') && yes('TEAMS_ALLOW_UNAUTHENTICATED'))
    problems.push('TEAMS_ALLOW_UNAUTHENTICATED: must not be true when MICROSOFT_APP_ID is set (got "true")');
  if ((value('MICROSOFT_APP_TYPE') ?? 'MultiTenant') === 'SingleTenant' && value('MICROSOFT_APP_ID') && !value('MICROSOFT_APP_TENANT_ID'))
    problems.push('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant (got not set)');
  if ((value('NODE_ENV') ?? 'development') === 'production' && !value('AUDIT_KEY'))
    problems.push('AUDIT_KEY: required when NODE_ENV=production — a secret of at least 32 characters, e.g. from `openssl rand -hex 32` (got not set)');
  if (value('AUDIT_KEY') && value('AUDIT_KEY')!.length < 32) problems.push('AUDIT_KEY: expected at least 32 characters (got a value)');
  const sweepAfter = Number(value('RESERVATION_SWEEP_AFTER_MS') ?? 900_000);
  const turnTimeout = Number(value('TURN_TIMEOUT_MS') ?? 120_000);
  if (Number.isFinite(sweepAfter) && Number.isFinite(turnTimeout) && sweepAfter <= turnTimeout)
    problems.push(`RESERVATION_SWEEP_AFTER_MS: must be longer than TURN_TIMEOUT_MS (${turnTimeout}), or running turns would be swept (got "${sweepAfter}")`);
  // A frozen clock would stop a real deployment's digests: only a test process may have one.
  if (value('SALESOS_TEST_CLOCK') && (value('NODE_ENV') ?? 'development') !== 'test')
    problems.push('SALESOS_TEST_CLOCK: only for tests (NODE_ENV=test); unset it (got a value)');
  if ((value('MICROSOFT_APP_TYPE') ?? 'MultiTenant') === 'SingleTenant' && value('TEAMS_ALLOWED_TENANTS'))
    problems.push('TEAMS_ALLOWED_TENANTS: only for MultiTenant; a SingleTenant bot accepts MICROSOFT_APP_TENANT_ID alone (got a list)');
  return problems;
}

function isSecretName(name: string): boolean {
  return /TOKEN|SECRET|PASSWORD|KEY|DATABASE_URL|REDIS_URL|HEADERS/.test(name);
}

/** The variables SalesOS reads, for `.env.example` checks and documentation tests. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];

/**
 * Prefixes of variables that the SDKs we embed read from the environment on their own (the AI SDK reads
 * OPENAI_BASE_URL and OPENAI_API_KEY when not given them; Bolt and botbuilder read SLACK_* and MicrosoftApp*).
 * An empty one there would bypass `loadConfig` and reach the SDK as "", which it rejects.
 */
const SDK_VARIABLE = /^(OPENAI_|SLACK_|MICROSOFT_|MICROSOFTAPP|AZURE_|AI_SDK_|OTEL_)/i;

/**
 * Apply "empty means not set" to the process environment itself: delete every variable SalesOS or an
 * embedded SDK reads whose value is blank (as `cp .env.example .env` and docker compose produce). Run once
 * at start, before anything reads the environment. Returns the names it removed.
 */
export function unsetBlankVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  const known = new Set<string>(CONFIG_VARIABLES);
  const removed: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (isBlank(value) && (known.has(name) || SDK_VARIABLE.test(name))) {
      delete env[name];
      removed.push(name);
    }
  }
  return removed;
}
