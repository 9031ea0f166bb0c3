// HTTP client of the enrichment agent (contract: docs/enrichment-agent.openapi.yaml). Each attempt has
// its own timeout; network errors, timeouts, 5xx and 429 are retried with jittered backoff; other 4xx
// are not; a circuit breaker makes a down agent fail fast. Whatever goes wrong, nothing half-applies:
// the caller gets either a validated result or an AppError with a message a rep can read.
import crypto from 'node:crypto';
import { DependencyError, ValidationError } from '../errors.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import { AGENT, exhausted, networkReason, refusal, TRY_LATER, UNREADABLE, type Failure } from './agent-errors.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { companyNotes } from './company-notes.ts';
import { backoffDelay, parseRetryAfter, sleep } from './retry.ts';
import {
  agentEnrichRequestSchema,
  agentEnrichResponseSchema,
  isEmptyValue,
  type EnrichedFields,
  type EnrichmentResult,
  type EnrichOptions,
  type LeadSnapshot,
} from './types.ts';

export interface EnrichmentAgentClientOptions {
  baseUrl: string;
  token?: string;
  /** Per attempt, not per call. */
  timeoutMs: number;
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries?: number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  backoff?: { baseMs: number; maxMs: number };
  /** Longest Retry-After we wait for; a longer one fails the call at once instead of holding the rep. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  random?: () => number;
  now?: () => number;
}

export interface EnrichmentAgentClient {
  enrich(lead: LeadSnapshot, opts?: EnrichOptions): Promise<EnrichmentResult>;
  /** GET /healthz; never throws. */
  health(opts?: { signal?: AbortSignal }): Promise<{ ok: boolean; detail: string }>;
  readonly breaker: CircuitBreaker;
}

const QUERY_FIELDS = ['email', 'fullName', 'company', 'companyDomain', 'title', 'linkedinUrl', 'country', 'city'] as const;

export function createEnrichmentAgentClient(options: EnrichmentAgentClientOptions): EnrichmentAgentClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? defaultLog;
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 2;
  const backoff = { ...(options.backoff ?? { baseMs: 250, maxMs: 4_000 }), random: options.random };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const breaker = createCircuitBreaker({ ...(options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 }), now });

  const headers = (extra: Record<string, string>): Record<string, string> => ({
    accept: 'application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...extra,
  });

  async function enrich(lead: LeadSnapshot, opts: EnrichOptions = {}): Promise<EnrichmentResult> {
    const body = buildRequest(lead, opts);
    const requestId = opts.requestId ?? crypto.randomUUID();
    const idempotencyKey = opts.idempotencyKey ?? crypto.randomUUID();

    const permit = breaker.tryAcquire();
    if (!permit.allowed) {
      const wait = Math.ceil(permit.retryInMs / 1000);
      logger.warn('enrichment agent call refused: circuit open', { dependency: AGENT, requestId, retryInMs: permit.retryInMs });
      throw new DependencyError(
        AGENT,
        `The enrichment agent is not reachable right now (it failed repeatedly; SalesOS will try it again in ${wait} s). ${TRY_LATER}`,
        { down: true },
      );
    }

    // The half-open probe is a single attempt: a still-dead agent should not hold the rep through retries.
    const attempts = permit.trial ? 1 : retries + 1;
    let last: Failure | undefined;
    try {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const started = now();
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
        let response: Response;
        let text: string;
        try {
          response = await doFetch(`${base}/v1/enrich`, {
            method: 'POST',
            headers: headers({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'x-request-id': requestId }),
            body: JSON.stringify(body),
            signal,
          });
          text = await response.text();
        } catch (err) {
          if (opts.signal?.aborted) throw opts.signal.reason;
          last = timeout.aborted ? { kind: 'timeout' } : { kind: 'network', reason: networkReason(err) };
          const delayMs = attempt < attempts ? backoffDelay(attempt - 1, backoff) : undefined;
          logAttempt(logger, { requestId, attempt, attempts, durationMs: now() - started, failure: last, delayMs });
          if (delayMs !== undefined) await sleep(delayMs, opts.signal);
          continue;
        }

        const durationMs = now() - started;
        const status = response.status;
        if (status >= 200 && status < 300) {
          breaker.onSuccess();
          const result = parseSuccess(text, status, { requestId, durationMs, fields: opts.fields, logger });
          logger.debug('enrichment agent answered', {
            dependency: AGENT,
            requestId,
            attempt,
            durationMs,
            costUsd: result.costUsd,
            fields: Object.keys(result.fields),
          });
          return result;
        }
        if (status === 404) {
          breaker.onSuccess();
          return notFound(text, requestId);
        }
        if (status === 429 || status >= 500) {
          last =
            status === 429 ? { kind: 'rate_limited', retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()) } : { kind: 'server', status };
          let delayMs: number | undefined;
          if (attempt < attempts) {
            const asked = last.kind === 'rate_limited' ? last.retryAfterMs : undefined;
            if (asked === undefined) delayMs = backoffDelay(attempt - 1, backoff);
            else if (asked <= maxRetryAfterMs) delayMs = asked;
          }
          logAttempt(logger, { requestId, attempt, attempts, durationMs, failure: last, delayMs, status });
          if (delayMs === undefined) break;
          await sleep(delayMs, opts.signal);
          continue;
        }
        // Any other 4xx: our request or our credentials are wrong; retrying cannot help.
        breaker.onSuccess();
        logger.warn('enrichment agent refused the request', { dependency: AGENT, requestId, status, durationMs, attempt, body: text.slice(0, 300) });
        throw refusal(status, text);
      }
    } catch (err) {
      breaker.release(permit.trial);
      throw err;
    }

    breaker.onFailure();
    throw exhausted(last!, attempts, options.timeoutMs);
  }

  async function health(opts: { signal?: AbortSignal } = {}): Promise<{ ok: boolean; detail: string }> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      const res = await doFetch(`${base}/healthz`, {
        headers: headers({}),
        signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      });
      await res.body?.cancel();
      return res.ok ? { ok: true, detail: `HTTP ${res.status}` } : { ok: false, detail: `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, detail: timeout.aborted ? `no answer within ${options.timeoutMs} ms` : networkReason(err) };
    }
  }

  return { enrich, health, breaker };
}

function buildRequest(lead: LeadSnapshot, opts: EnrichOptions) {
  const query: Record<string, unknown> = {};
  for (const key of QUERY_FIELDS) if (!isEmptyValue(lead[key])) query[key] = lead[key];
  const parsed = agentEnrichRequestSchema.safeParse({ lead: query, fields: opts.fields?.length ? [...opts.fields] : undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.filter((p) => p !== 'lead').join('.')} ${i.message}`);
    throw new ValidationError(`This lead cannot be sent for enrichment: ${problems.join('; ')}.`, { issues: parsed.error.issues });
  }
  return parsed.data;
}

function parseSuccess(
  text: string,
  status: number,
  ctx: { requestId: string; durationMs: number; fields?: readonly string[]; logger: Logger },
): EnrichmentResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    ctx.logger.warn('enrichment agent sent unreadable JSON', {
      dependency: AGENT,
      requestId: ctx.requestId,
      status,
      durationMs: ctx.durationMs,
      body: text.slice(0, 200),
      err,
    });
    throw new DependencyError(AGENT, UNREADABLE, { cause: err });
  }
  const parsed = agentEnrichResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    ctx.logger.warn('enrichment agent answer does not match the contract', {
      dependency: AGENT,
      requestId: ctx.requestId,
      status,
      durationMs: ctx.durationMs,
      issues,
    });
    throw new DependencyError(AGENT, UNREADABLE, { cause: parsed.error });
  }
  const answer = parsed.data;
  const fields: EnrichedFields = {};
  for (const [key, value] of Object.entries(answer.lead) as [keyof EnrichedFields, unknown][]) {
    if (isEmptyValue(value)) continue;
    if (ctx.fields && !ctx.fields.includes(key)) continue;
    (fields as Record<string, unknown>)[key] = value;
  }
  return {
    source: 'agent',
    found: true,
    fields,
    confidence: answer.confidence,
    sources: answer.sources ?? [],
    costUsd: answer.costUsd,
    requestId: answer.requestId ?? ctx.requestId,
    notes: companyNotes(answer.company),
  };
}

function notFound(text: string, requestId: string): EnrichmentResult {
  let costUsd = 0;
  try {
    const body = JSON.parse(text) as { costUsd?: unknown };
    if (typeof body?.costUsd === 'number' && body.costUsd >= 0) costUsd = body.costUsd;
  } catch {
    // A 404 needs no body; the status alone says "no data".
  }
  return {
    source: 'agent',
    found: false,
    fields: {},
    sources: [],
    costUsd,
    requestId,
    notes: ['The enrichment agent has no data on this person.'],
  };
}

function logAttempt(
  logger: Logger,
  a: { requestId: string; attempt: number; attempts: number; durationMs: number; failure: Failure; delayMs?: number; status?: number },
): void {
  logger.warn('enrichment agent attempt failed', {
    dependency: AGENT,
    requestId: a.requestId,
    attempt: a.attempt,
    attempts: a.attempts,
    status: a.status,
    failure: a.failure.kind,
    reason: a.failure.kind === 'network' ? a.failure.reason : undefined,
    durationMs: a.durationMs,
    retryInMs: a.delayMs,
    willRetry: a.delayMs !== undefined,
  });
}
