// Deadlines and shutdown as errors: a stopped call tells the rep what stopped, whether anything changed
// and what to do. Thrown as the abort reason of the signal that stopped the work, so every layer sees it.
import { AppError, type ErrorCode } from './errors.ts';

/** An error whose user message is built from what stopped, whether anything changed, and what to do. */
export class StoppedCallError extends AppError {
  constructor(
    code: ErrorCode,
    /** What happened, e.g. "The AI model did not answer within 60 s, so I stopped waiting." */
    readonly headline: string,
    /** What the rep can do, e.g. "Please try again in a minute." */
    readonly advice: string,
    options: { cause?: unknown; logMessage?: string; details?: Record<string, unknown> } = {},
  ) {
    super(code, `${headline} Nothing was changed. ${advice}`, options);
  }

  /** The message once some steps of the turn had already finished (they are shown above it). */
  messageAfterSteps(): string {
    return `${this.headline} The steps that finished before that are shown above; nothing else was changed. ${this.advice}`;
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`.replace('.0 s', ' s');

export function modelTimeout(timeoutMs: number, cause?: unknown): StoppedCallError {
  return new StoppedCallError(
    'timeout',
    `The AI model did not answer within ${seconds(timeoutMs)}, so I stopped waiting.`,
    'Please try again in a moment; if it keeps happening, tell your admin (the model server may be overloaded).',
    {
      cause,
      logMessage: `model call timed out: no answer or next chunk within LLM_TIMEOUT_MS (${timeoutMs} ms)`,
    },
  );
}

export function turnTimeout(timeoutMs: number): StoppedCallError {
  return new StoppedCallError(
    'timeout',
    `This request took longer than ${seconds(timeoutMs)}, so I stopped it.`,
    'Please try again, or ask for less at once.',
    {
      logMessage: `turn timed out after TURN_TIMEOUT_MS (${timeoutMs} ms)`,
    },
  );
}

export function shuttingDown(): StoppedCallError {
  return new StoppedCallError('shutting_down', 'SalesOS is restarting, so I stopped working on this.', 'Please send your message again in a minute.', {
    logMessage: 'stopped by shutdown after SHUTDOWN_GRACE_MS',
  });
}
