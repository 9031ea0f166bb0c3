// The error family every layer throws. `code` is stable (logs, audit, tests rely on it), `userMessage`
// is safe to show a rep, and `cause` keeps the original error (with its stack) for the log only.

export type ErrorCode =
  | 'config_invalid'
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'over_budget'
  | 'dependency_down'
  | 'dependency_failed'
  | 'confirmation_invalid'
  | 'conflict'
  | 'timeout'
  | 'shutting_down'
  /** This process has more turns waiting than it takes (bots/slack/turn-gate.ts). */
  | 'overloaded'
  | 'rate_limited'
  | 'provider_auth'
  | 'provider_unavailable'
  | 'provider_bad_response'
  | 'provider_stream_cut'
  | 'context_too_long'
  | 'content_filtered'
  | 'not_recorded'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, userMessage: string, options: { cause?: unknown; details?: Record<string, unknown>; logMessage?: string } = {}) {
    super(options.logMessage ?? userMessage, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = userMessage;
    this.details = options.details;
  }
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config_invalid', `SalesOS configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export class ValidationError extends AppError {
  constructor(userMessage: string, details?: Record<string, unknown>) {
    super('invalid_input', userMessage, { details });
  }
}

export class NotFoundError extends AppError {
  constructor(userMessage: string) {
    super('not_found', userMessage);
  }
}

export class ForbiddenError extends AppError {
  constructor(userMessage: string) {
    super('forbidden', userMessage);
  }
}

export class ConflictError extends AppError {
  constructor(userMessage: string) {
    super('conflict', userMessage);
  }
}

/** An outside service (enrichment agent, model provider, chat platform) could not be reached or failed. */
export class DependencyError extends AppError {
  constructor(
    readonly dependency: string,
    userMessage: string,
    options: { cause?: unknown; down?: boolean; retryable?: boolean } = {},
  ) {
    super(options.down ? 'dependency_down' : 'dependency_failed', userMessage, { cause: options.cause });
    this.retryable = options.retryable ?? options.down ?? false;
  }
  readonly retryable: boolean;
}

/**
 * A call ran but its record (the charge and the audit row, committed together) could not be written, so
 * neither exists: the result is not passed on as if it had been recorded.
 */
export class NotRecordedError extends AppError {
  constructor(userMessage: string, cause: unknown) {
    super('not_recorded', userMessage, {
      cause,
      logMessage: `the call's charge and audit row could not be committed: ${cause instanceof Error ? cause.message : String(cause)}`,
    });
  }
}

/** Wrap anything thrown into an AppError without losing the original for the log. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'Something went wrong on our side. The details are in the server log.', {
    cause: err,
    logMessage: err instanceof Error ? err.message : String(err),
  });
}

/** The message a user may see for any error: never a stack trace. */
export function userMessageOf(err: unknown): string {
  return toAppError(err).userMessage;
}
