// How SalesOS talks to Slack's Web API: a deadline on every call, automatic retries only where Slack cannot
// have acted on the request (429 and refused connections), and names for the failures the bot handles.
// Bolt's WebClient retries every failed request by default, which posts a reply twice when Slack stored the
// message and the answer was lost; a post that fails ambiguously is looked up in the thread instead (post-once.ts).

/** Where the WebClient's retry loop (p-retry) may try again: the request certainly did nothing. */
export function notProcessedBySlack(err: unknown): boolean {
  const e = err as { message?: unknown; code?: unknown; original?: { cause?: { code?: unknown } } };
  // The WebClient waits for Retry-After itself and then throws this to ask for another attempt.
  if (typeof e.message === 'string' && e.message.startsWith('A rate limit was exceeded')) return true;
  return e.code === 'slack_webapi_request_error' && e.original?.cause?.code === 'ECONNREFUSED';
}

export const SLACK_RETRY_CONFIG = {
  retries: 5,
  factor: 2,
  minTimeout: 100,
  maxTimeout: 3_000,
  randomize: true,
  // p-retry stops retrying when this throws; the caller then sees the original error.
  onFailedAttempt: (err: Error) => {
    if (!notProcessedBySlack(err)) throw err;
  },
};

export function slackClientOptions(slack: { apiUrl?: string; apiTimeoutMs: number }) {
  return {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    timeout: slack.apiTimeoutMs,
    retryConfig: SLACK_RETRY_CONFIG,
    // Bolt's respond() (response_url) fetches with this too and sets no deadline of its own.
    fetch: fetchWithDeadline(slack.apiTimeoutMs),
  };
}

/** fetch that gives up after `ms` unless the caller brought its own signal (the WebClient does). */
export function fetchWithDeadline(ms: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(ms) });
}

/** Slack's `error` of an ok:false answer (`not_in_channel`, `msg_too_long`…), if that is what `err` is. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; data?: { error?: unknown } };
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

/** The request may or may not have reached Slack: a deadline, a dropped connection, a 5xx. */
export function isAmbiguousFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'slack_webapi_request_error' || code === 'slack_webapi_http_error';
}

/** Errors thrown by Bolt's WebClient carry a `slack_*` code. */
export function isSlackApiError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('slack_');
}

/** Short, log- and audit-safe name of a Web API failure. */
export function failureCode(err: unknown): string {
  const platform = slackErrorCode(err);
  if (platform) return platform;
  const e = err as { code?: unknown; name?: unknown; original?: { name?: unknown }; statusCode?: unknown };
  if (e?.name === 'TimeoutError') return 'timeout';
  if (e?.code === 'slack_webapi_request_error') return e.original?.name === 'TimeoutError' ? 'timeout' : 'request_failed';
  if (e?.code === 'slack_webapi_http_error') return `http_${String(e.statusCode ?? 'error')}`;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  return typeof e?.code === 'string' ? e.code : 'error';
}

/** The bot can't post in this channel at all; the rep gets the answer in a DM instead. */
export const CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'channel_is_archived', 'restricted_action']);
/** The message itself was refused; the same content as plain text in parts goes through. */
export const CONTENT_ERRORS = new Set(['msg_too_long', 'invalid_blocks', 'invalid_blocks_format', 'too_many_blocks']);
