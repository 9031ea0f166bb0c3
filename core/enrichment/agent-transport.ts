// The one way SalesOS calls the enrichment agent over HTTP, for /v1/enrich and the analyses alike: a
// deadline per attempt, jittered retries of network errors, timeouts, 5xx and 429 (after a bounded
// Retry-After), no retry of other 4xx, and a circuit breaker so a down agent fails fast. It returns the
// first answer retrying cannot change; what that answer means is the caller's (agent-client.ts,
// analysis-client.ts).
import { DependencyError } from '../errors.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import { AGENT, exhausted, networkReason, TRY_LATER, type Failure } from './agent-errors.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { backoffDelay, parseRetryAfter, sleep } from './retry.ts';

export interface AgentTransportOptions {
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

export interface AgentRequest {
  path: string;
  /** The JSON body, already validated and serialised. */
  body: string;
  requestId: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** An answer retrying cannot change: a 2xx, or a 4xx other than 429. */
export interface AgentAnswer {
  status: number;
  text: string;
  attempt: number;
  durationMs: number;
}

export interface AgentTransport {
  /** POSTs until an answer retrying cannot change; a DependencyError when the breaker is open or every attempt failed. */
  post(request: AgentRequest): Promise<AgentAnswer>;
  /** One GET within the per-attempt deadline, outside the breaker (health checks). */
  get(path: string, opts?: { signal?: AbortSignal }): Promise<Response>;
  readonly breaker: CircuitBreaker;
  readonly timeoutMs: number;
}

export function createAgentTransport(options: AgentTransportOptions): AgentTransport {
  const doFetch = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? defaultLog;
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 2;
  const backoff = { ...(options.backoff ?? { baseMs: 250, maxMs: 4_000 }), random: options.random };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const breaker = createCircuitBreaker({ ...(options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 }), now });

  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: 'application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...extra,
  });

  async function post(req: AgentRequest): Promise<AgentAnswer> {
    const permit = breaker.tryAcquire();
    if (!permit.allowed) {
      const wait = Math.ceil(permit.retryInMs / 1000);
      logger.warn('enrichment agent call refused: circuit open', { dependency: AGENT, path: req.path, requestId: req.requestId, retryInMs: permit.retryInMs });
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
        const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
        let response: Response;
        let text: string;
        try {
          response = await doFetch(`${base}${req.path}`, {
            method: 'POST',
            headers: headers({ 'content-type': 'application/json', 'x-request-id': req.requestId, ...req.headers }),
            body: req.body,
            signal,
          });
          text = await response.text();
        } catch (err) {
          if (req.signal?.aborted) throw req.signal.reason;
          last = timeout.aborted ? { kind: 'timeout' } : { kind: 'network', reason: networkReason(err) };
          const delayMs = attempt < attempts ? backoffDelay(attempt - 1, backoff) : undefined;
          logAttempt(logger, { path: req.path, requestId: req.requestId, attempt, attempts, durationMs: now() - started, failure: last, delayMs });
          if (delayMs !== undefined) await sleep(delayMs, req.signal);
          continue;
        }

        const durationMs = now() - started;
        const status = response.status;
        if (status === 429 || status >= 500) {
          last =
            status === 429 ? { kind: 'rate_limited', retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()) } : { kind: 'server', status };
          let delayMs: number | undefined;
          if (attempt < attempts) {
            const asked = last.kind === 'rate_limited' ? last.retryAfterMs : undefined;
            if (asked === undefined) delayMs = backoffDelay(attempt - 1, backoff);
            else if (asked <= maxRetryAfterMs) delayMs = asked;
          }
          logAttempt(logger, { path: req.path, requestId: req.requestId, attempt, attempts, durationMs, failure: last, delayMs, status });
          if (delayMs === undefined) break;
          await sleep(delayMs, req.signal);
          continue;
        }
        // The agent answered (even a refusal is an answer): it is up.
        breaker.onSuccess();
        return { status, text, attempt, durationMs };
      }
    } catch (err) {
      breaker.release(permit.trial);
      throw err;
    }

    breaker.onFailure();
    throw exhausted(last!, attempts, options.timeoutMs);
  }

  async function get(path: string, opts: { signal?: AbortSignal } = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    return doFetch(`${base}${path}`, { headers: headers(), signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout });
  }

  return { post, get, breaker, timeoutMs: options.timeoutMs };
}

function logAttempt(
  logger: Logger,
  a: { path: string; requestId: string; attempt: number; attempts: number; durationMs: number; failure: Failure; delayMs?: number; status?: number },
): void {
  logger.warn('enrichment agent attempt failed', {
    dependency: AGENT,
    path: a.path,
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
