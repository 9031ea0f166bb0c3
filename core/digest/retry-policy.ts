// When a failed digest delivery is tried again. The platform's Retry-After comes first (never earlier);
// otherwise exponential backoff with jitter, so workers that failed together do not retry together. The
// budget is time, not a count: retries stop when the next one would start after the deadline.
export interface RetryPolicy {
  /** First backoff step (ms); each further attempt doubles it up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** How long after a run's first attempt retries may still start (DIGEST_RETRY_BUDGET_MINUTES). */
  budgetMs: number;
  /** 0 ≤ random() < 1; tests pass a fixed one. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'budgetMs'> = { baseMs: 5_000, capMs: 10 * 60_000 };

export interface RetryRequest {
  /** Attempts made so far (1 after the first failure). */
  attempts: number;
  /** The platform's Retry-After, when it sent one. */
  retryAfterMs?: number;
  now: Date;
  /** The run's first attempt: the budget counts from here. */
  firstAttemptAt: Date;
}

/** The time of the next attempt, or undefined when the budget does not allow one. */
export function nextRetryAt(policy: RetryPolicy, req: RetryRequest): Date | undefined {
  const random = policy.random ?? Math.random;
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(30, req.attempts - 1)));
  // "Equal jitter": at least half the step, so backoff still grows; the rest random.
  const backoff = step / 2 + random() * (step / 2);
  // Retry-After is a floor; a little jitter on top spreads the workers the platform throttled together.
  const delay = req.retryAfterMs !== undefined ? req.retryAfterMs + random() * Math.min(1_000, req.retryAfterMs / 2 + 250) : backoff;
  const at = new Date(req.now.getTime() + Math.ceil(delay));
  return at.getTime() <= req.firstAttemptAt.getTime() + policy.budgetMs ? at : undefined;
}

/** How long a job waits before looking again at a delivery another worker holds (not a retry: no budget spent). */
export function busyRecheckMs(leaseSeconds: number, random: () => number = Math.random): number {
  const base = Math.min(5_000, (leaseSeconds * 1000) / 4);
  return Math.ceil(base / 2 + random() * base);
}
