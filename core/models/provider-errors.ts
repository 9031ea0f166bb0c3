// What went wrong with the AI provider, named: each failure has its own error code and a message that tells
// the rep what happened and what to do. The original error stays as `cause` for the log.
import { APICallError } from '@ai-sdk/provider';
import { StoppedCallError } from '../deadlines.ts';
import { parseRetryAfter } from '../enrichment/retry.ts';
import { AppError } from '../errors.ts';

export class ProviderRateLimitError extends StoppedCallError {
  constructor(
    readonly retryAfterMs: number | undefined,
    cause?: unknown,
  ) {
    const wait = retryAfterMs === undefined ? 'a minute' : `${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
    super('rate_limited', 'The AI provider is rate-limiting SalesOS right now.', `Try again in ${wait}.`, {
      cause,
      logMessage: `the AI provider answered 429 (retry after ${retryAfterMs ?? 'unknown'} ms)`,
    });
  }
}

export function streamCut(cause?: unknown): StoppedCallError {
  return new StoppedCallError('provider_stream_cut', 'The connection to the AI provider broke off in the middle of the answer.', 'Please ask again.', {
    cause,
    logMessage: 'the model stream ended before the model finished',
  });
}

export function badProviderResponse(detail: string, cause?: unknown): StoppedCallError {
  return new StoppedCallError(
    'provider_bad_response',
    'The AI provider answered with something that is not a model response.',
    'Please try again; if it keeps happening, tell your admin to check OPENAI_BASE_URL.',
    {
      cause,
      logMessage: `the model server's answer is not the chat-completions protocol: ${detail}`,
    },
  );
}

export function contentFiltered(cause?: unknown): StoppedCallError {
  return new StoppedCallError('content_filtered', "The AI provider's content filter blocked this answer.", 'Please rephrase your request and try again.', {
    cause,
    logMessage: 'the provider filtered the content',
  });
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** Retry-After of a 429, in ms (retry-after-ms first, then retry-after as seconds or a date). */
export function retryAfterMsOf(err: APICallError, now?: number): number | undefined {
  const ms = headerOf(err.responseHeaders, 'retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(headerOf(err.responseHeaders, 'retry-after'), now);
}

function errorCodeIn(err: APICallError): string {
  const data = err.data as { error?: { code?: unknown; type?: unknown } } | undefined;
  const body = err.responseBody ?? '';
  return `${String(data?.error?.code ?? '')} ${String(data?.error?.type ?? '')} ${err.message} ${body}`.toLowerCase();
}

/** The named error for anything a model call threw; errors that are already ours pass through. */
export function classifyProviderError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (APICallError.isInstance(err)) {
    const status = err.statusCode;
    const text = errorCodeIn(err);
    if (status === 429) return new ProviderRateLimitError(retryAfterMsOf(err), err);
    if (status === 401 || status === 403)
      return new StoppedCallError(
        'provider_auth',
        'The AI provider refused SalesOS’s credentials, so I can’t answer right now.',
        'An admin must fix the API key (OPENAI_API_KEY); tell them, please.',
        {
          cause: err,
          logMessage: `the AI provider answered ${status}: the API key is wrong, revoked or lacks access to the model`,
        },
      );
    if (/context_length|context length|maximum context|too many tokens|prompt is too long/.test(text))
      return new StoppedCallError(
        'context_too_long',
        'This conversation is too long for the AI model.',
        'Start a new thread (or a new message outside this thread) and ask again.',
        {
          cause: err,
          logMessage: 'the prompt exceeded the model context length',
        },
      );
    if (/content_filter|content_policy|content management policy|safety system/.test(text)) return contentFiltered(err);
    if (status !== undefined && status >= 500)
      return new StoppedCallError('provider_unavailable', `The AI provider is having problems (HTTP ${status}).`, 'Please try again in a few minutes.', {
        cause: err,
        logMessage: `the AI provider answered ${status}`,
      });
    if (status === 200) return streamCut(err);
    if (status === undefined)
      return new StoppedCallError(
        'provider_unavailable',
        'SalesOS could not reach the AI provider.',
        'Please try again in a few minutes; if it keeps happening, tell your admin.',
        {
          cause: err,
          logMessage: `the AI provider could not be reached: ${err.message}`,
        },
      );
    return new StoppedCallError(
      'provider_bad_response',
      `The AI provider rejected the request (HTTP ${status}).`,
      'Please try again; if it keeps happening, tell your admin (the details are in the server log).',
      {
        cause: err,
        logMessage: `the AI provider answered ${status}: ${err.message}`,
      },
    );
  }
  const name = (err as { name?: unknown } | undefined)?.name;
  if (name === 'AI_JSONParseError' || name === 'AI_TypeValidationError' || name === 'AI_InvalidResponseDataError')
    return badProviderResponse(String((err as Error).message).slice(0, 200), err);
  return new AppError('internal', 'Something went wrong on our side. The details are in the server log.', {
    cause: err,
    logMessage: err instanceof Error ? err.message : String(err),
  });
}
