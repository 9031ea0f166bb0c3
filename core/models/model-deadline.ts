// Deadlines and named failures for every model call, as AI SDK middleware (inside CostGuard's, so CostGuard
// audits and settles with the named error). LLM_TIMEOUT_MS bounds the wait for the model to start answering
// and every gap between streamed chunks; a 429 is retried after its Retry-After when that fits the deadline.
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { LanguageModelMiddleware } from 'ai';
import { modelTimeout } from '../deadlines.ts';
import { sleep } from '../enrichment/retry.ts';
import { AppError } from '../errors.ts';
import { log } from '../log.ts';
import { badProviderResponse, classifyProviderError, contentFiltered, ProviderRateLimitError, streamCut } from './provider-errors.ts';

export interface ModelDeadlineOptions {
  /** LLM_TIMEOUT_MS. */
  timeoutMs: number;
  /** Attempts per call when the provider rate-limits (default 3). */
  maxAttempts?: number;
}

/** Aborts the call when the model stays silent for `timeoutMs`; `kick()` restarts the wait (a chunk arrived). */
class Watchdog {
  private readonly ctl = new AbortController();
  private timer?: NodeJS.Timeout;
  readonly signal: AbortSignal;

  constructor(
    private readonly timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.ctl.signal]) : this.ctl.signal;
    this.kick();
  }

  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.ctl.abort(modelTimeout(this.timeoutMs)), this.timeoutMs);
    // The call itself keeps the process alive while it runs; a forgotten watchdog must not.
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** The named error for a failure of this attempt: our deadline, the caller's abort reason, or the provider's. */
  explain(err: unknown): AppError {
    if (this.ctl.signal.aborted) return this.ctl.signal.reason as AppError;
    if (this.outer?.aborted && this.outer.reason instanceof AppError) return this.outer.reason;
    return classifyProviderError(err);
  }
}

export function createModelDeadlineMiddleware(o: ModelDeadlineOptions): LanguageModelMiddleware {
  const maxAttempts = o.maxAttempts ?? 3;

  /** Runs attempts until one succeeds, retrying a 429 whose Retry-After still fits in the deadline. */
  async function withRetries<T>(params: LanguageModelV4CallOptions, attempt: (dog: Watchdog) => Promise<T>): Promise<T> {
    const started = performance.now();
    for (let n = 1; ; n++) {
      const dog = new Watchdog(o.timeoutMs, params.abortSignal);
      try {
        return await attempt(dog);
      } catch (err) {
        dog.stop();
        const named = dog.explain(err);
        if (named instanceof ProviderRateLimitError && n < maxAttempts) {
          const waitMs = named.retryAfterMs ?? 1_000 * 2 ** (n - 1);
          const leftMs = o.timeoutMs - (performance.now() - started);
          if (waitMs <= leftMs) {
            log.warn('the AI provider is rate-limiting; retrying after Retry-After', { attempt: n, waitMs });
            await sleep(waitMs, params.abortSignal);
            continue;
          }
        }
        throw named;
      }
    }
  }

  return {
    specificationVersion: 'v4',

    async wrapGenerate({ params, model }) {
      return withRetries(params, async (dog) => {
        try {
          return await model.doGenerate({ ...params, abortSignal: dog.signal });
        } finally {
          dog.stop();
        }
      });
    },

    async wrapStream({ params, model }) {
      return withRetries(params, async (dog) => {
        const result = await model.doStream({ ...params, abortSignal: dog.signal });
        const reader = result.stream.getReader();
        let sawResponse = false;
        const stream = new ReadableStream<LanguageModelV4StreamPart>({
          async pull(controller) {
            let next;
            try {
              next = await reader.read();
            } catch (err) {
              dog.stop();
              controller.error(dog.explain(err));
              return;
            }
            if (next.done) {
              dog.stop();
              controller.close();
              return;
            }
            dog.kick();
            const part = next.value;
            if (part.type === 'response-metadata' || part.type === 'text-delta' || part.type === 'tool-call') sawResponse = true;
            if (part.type === 'error') {
              controller.enqueue({ type: 'error', error: dog.explain(part.error) });
              return;
            }
            if (part.type === 'finish') {
              dog.stop(); // the reader may stop here without reading to the end
              // The named failure goes first, then the finish with whatever usage was reported (CostGuard charges it).
              if (part.finishReason.unified === 'interrupted')
                controller.enqueue({ type: 'error', error: sawResponse ? streamCut() : badProviderResponse('no chat-completion chunk in the body') });
              else if (part.finishReason.unified === 'content-filter') controller.enqueue({ type: 'error', error: contentFiltered() });
            }
            controller.enqueue(part);
          },
          async cancel(reason) {
            dog.stop();
            await reader.cancel(reason);
          },
        });
        return { ...result, stream };
      });
    },
  };
}
