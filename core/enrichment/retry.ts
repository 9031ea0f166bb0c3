// Retry timing shared by outside-service clients: exponential backoff with full jitter, Retry-After
// parsing, and a sleep that a caller's AbortSignal can cut short.

export interface BackoffOptions {
  /** Delay ceiling of the first retry; doubles with each further retry. */
  baseMs: number;
  maxMs: number;
  /** 0..1; injectable so tests can pin the jitter. */
  random?: () => number;
}

/** Full jitter: a random delay in [0, min(maxMs, baseMs * 2^retryIndex)], so retrying clients spread out. */
export function backoffDelay(retryIndex: number, opts: BackoffOptions): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** retryIndex);
  return Math.round((opts.random ?? Math.random)() * ceiling);
}

/** Retry-After as milliseconds: either delta-seconds ("3") or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Wait `ms`, or reject with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
