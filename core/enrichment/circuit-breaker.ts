// A circuit breaker so a dead dependency fails fast instead of making every rep wait through retries.
// closed: calls pass; after `failureThreshold` consecutive failures -> open: calls are refused until
// `cooldownMs` has passed -> half_open: exactly one trial call passes; its outcome closes or re-opens.

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

export interface CircuitBreaker {
  readonly state: BreakerState;
  /** Consecutive failures seen while closed. */
  readonly failures: number;
  /**
   * Ask to make a call. Returns a permit (`trial` is true for the single half-open probe) or, when the
   * call must not be made, how long until the breaker will let one through.
   */
  tryAcquire(): { allowed: true; trial: boolean } | { allowed: false; retryInMs: number };
  onSuccess(): void;
  onFailure(): void;
  /** The trial call ended without telling us anything (e.g. the caller cancelled): let another probe through. */
  release(trial: boolean): void;
}

export function createCircuitBreaker(opts: CircuitBreakerOptions): CircuitBreaker {
  if (!(opts.failureThreshold >= 1)) throw new RangeError('failureThreshold must be at least 1');
  if (!(opts.cooldownMs >= 0)) throw new RangeError('cooldownMs must not be negative');
  const now = opts.now ?? Date.now;
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  const open = () => {
    state = 'open';
    openedAt = now();
    trialInFlight = false;
  };

  return {
    get state() {
      if (state === 'open' && now() - openedAt >= opts.cooldownMs) return 'half_open';
      return state;
    },
    get failures() {
      return failures;
    },
    tryAcquire() {
      if (state === 'open') {
        const waited = now() - openedAt;
        if (waited < opts.cooldownMs) return { allowed: false, retryInMs: opts.cooldownMs - waited };
        state = 'half_open';
      }
      if (state === 'half_open') {
        if (trialInFlight) return { allowed: false, retryInMs: 0 };
        trialInFlight = true;
        return { allowed: true, trial: true };
      }
      return { allowed: true, trial: false };
    },
    onSuccess() {
      state = 'closed';
      failures = 0;
      trialInFlight = false;
    },
    onFailure() {
      if (state === 'half_open') return open();
      failures += 1;
      if (state === 'closed' && failures >= opts.failureThreshold) open();
    },
    release(trial) {
      if (trial) trialInFlight = false;
    },
  };
}
