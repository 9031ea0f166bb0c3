// HTTP client of the agent's analyses, POST /v1/patterns and /v1/lookalikes (docs/enrichment-agent.openapi.yaml),
// treated like /v1/enrich: a deadline per attempt, jittered retries of network errors, timeouts, 5xx and 429 (after
// a bounded Retry-After), no retry of other 4xx, a circuit breaker, and answers validated against the contract
// before anyone sees them. The request is validated too: it must hold attributes only (strict schemas).
import crypto from 'node:crypto';
import type { z } from 'zod';
import { DependencyError, ValidationError } from '../errors.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import { AGENT, exhausted, networkReason, TRY_LATER, UNREADABLE, type Failure } from './agent-errors.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { backoffDelay, parseRetryAfter, sleep } from './retry.ts';
import { agentErrorSchema } from './types.ts';
import {
  lookalikesRequestSchema,
  lookalikesResponseSchema,
  patternsRequestSchema,
  patternsResponseSchema,
  type LookalikesRequest,
  type LookalikesResponse,
  type PatternsRequest,
  type PatternsResponse,
} from './analysis-types.ts';

export interface AnalysisClientOptions {
  baseUrl: string;
  token?: string;
  /** Per attempt; analyses of large teams take longer than one enrichment. */
  timeoutMs: number;
  retries?: number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  backoff?: { baseMs: number; maxMs: number };
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  random?: () => number;
  now?: () => number;
}

export interface CallOptions {
  requestId?: string;
  signal?: AbortSignal;
}

export interface AnalysisClient {
  patterns(request: PatternsRequest, opts?: CallOptions): Promise<PatternsResponse>;
  lookalikes(request: LookalikesRequest, opts?: CallOptions): Promise<LookalikesResponse>;
  readonly breaker: CircuitBreaker;
}

export function createAnalysisClient(options: AnalysisClientOptions): AnalysisClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? defaultLog;
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 2;
  const backoff = { ...(options.backoff ?? { baseMs: 250, maxMs: 4_000 }), random: options.random };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const breaker = createCircuitBreaker({ ...(options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 }), now });

  async function call<Req, Res>(
    path: string,
    what: string,
    request: Req,
    reqSchema: z.ZodType<Req>,
    resSchema: z.ZodType<Res>,
    opts: CallOptions = {},
  ): Promise<Res> {
    const checked = reqSchema.safeParse(request);
    if (!checked.success) {
      const problems = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`);
      throw new ValidationError(`These leads cannot be sent for ${what}: ${problems.join('; ')}.`, { issues: checked.error.issues });
    }
    const body = JSON.stringify(checked.data);
    const requestId = opts.requestId ?? crypto.randomUUID();
    const permit = breaker.tryAcquire();
    if (!permit.allowed) {
      const wait = Math.ceil(permit.retryInMs / 1000);
      throw new DependencyError(
        AGENT,
        `The enrichment agent is not reachable right now (it failed repeatedly; SalesOS will try it again in ${wait} s). ${TRY_LATER}`,
        { down: true },
      );
    }
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
          response = await doFetch(`${base}${path}`, {
            method: 'POST',
            headers: {
              accept: 'application/json',
              'content-type': 'application/json',
              'x-request-id': requestId,
              ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            },
            body,
            signal,
          });
          text = await response.text();
        } catch (err) {
          if (opts.signal?.aborted) throw opts.signal.reason;
          last = timeout.aborted ? { kind: 'timeout' } : { kind: 'network', reason: networkReason(err) };
          const delayMs = attempt < attempts ? backoffDelay(attempt - 1, backoff) : undefined;
          logger.warn('agent analysis attempt failed', {
            dependency: AGENT,
            path,
            requestId,
            attempt,
            attempts,
            failure: last.kind,
            durationMs: now() - started,
            willRetry: delayMs !== undefined,
          });
          if (delayMs !== undefined) await sleep(delayMs, opts.signal);
          continue;
        }
        const status = response.status;
        if (status >= 200 && status < 300) {
          breaker.onSuccess();
          return parse(text, resSchema, { path, requestId, status, logger });
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
          logger.warn('agent analysis attempt failed', {
            dependency: AGENT,
            path,
            requestId,
            attempt,
            attempts,
            status,
            durationMs: now() - started,
            willRetry: delayMs !== undefined,
          });
          if (delayMs === undefined) break;
          await sleep(delayMs, opts.signal);
          continue;
        }
        breaker.onSuccess();
        logger.warn('agent refused the analysis', { dependency: AGENT, path, requestId, status, body: text.slice(0, 300) });
        throw refused(status, text, what);
      }
    } catch (err) {
      breaker.release(permit.trial);
      throw err;
    }
    breaker.onFailure();
    throw exhausted(last!, attempts, options.timeoutMs);
  }

  return {
    patterns: (request, opts) => call('/v1/patterns', 'pattern analysis', request, patternsRequestSchema, patternsResponseSchema, opts),
    lookalikes: (request, opts) => call('/v1/lookalikes', 'a lookalike search', request, lookalikesRequestSchema, lookalikesResponseSchema, opts),
    breaker,
  };
}

function parse<Res>(text: string, schema: z.ZodType<Res>, ctx: { path: string; requestId: string; status: number; logger: Logger }): Res {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    ctx.logger.warn('agent sent unreadable JSON', { dependency: AGENT, path: ctx.path, requestId: ctx.requestId, body: text.slice(0, 200) });
    throw new DependencyError(AGENT, UNREADABLE, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    ctx.logger.warn('agent answer does not match the contract', { dependency: AGENT, path: ctx.path, requestId: ctx.requestId, issues });
    throw new DependencyError(AGENT, UNREADABLE, { cause: parsed.error });
  }
  return parsed.data;
}

function refused(status: number, text: string, what: string): DependencyError {
  if (status === 401 || status === 403)
    return new DependencyError(AGENT, `The enrichment agent refused SalesOS's credentials (HTTP ${status}); check ENRICHMENT_AGENT_TOKEN.`);
  let message: string | undefined;
  try {
    const parsed = agentErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) message = parsed.data.error.message;
  } catch {
    // No readable error body; the status says enough.
  }
  return new DependencyError(AGENT, `The enrichment agent refused the ${what}${message ? `: ${message}` : ` (HTTP ${status})`}.`);
}
