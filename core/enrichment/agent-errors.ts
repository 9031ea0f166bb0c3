// What each way an enrichment-agent call can fail means for the rep: one DependencyError per case,
// with a message that says what happened and that nothing was changed.
import { DependencyError } from '../errors.ts';
import { agentErrorSchema } from './types.ts';

export const AGENT = 'enrichment_agent';
export const UNREADABLE = 'The enrichment agent sent back something SalesOS could not read; nothing was changed.';
export const TRY_LATER = 'Nothing was changed; try again in a few minutes.';

/** Why one attempt did not produce an answer we can use. */
export type Failure =
  | { kind: 'timeout' }
  | { kind: 'network'; reason: string }
  | { kind: 'server'; status: number }
  | { kind: 'rate_limited'; retryAfterMs?: number };

/** A 4xx other than 404/429: our request or credentials are wrong, so retrying cannot help. */
export function refusal(status: number, text: string): DependencyError {
  let agentMessage: string | undefined;
  try {
    const parsed = agentErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) agentMessage = parsed.data.error.message;
  } catch {
    // No readable error body; the status says enough.
  }
  if (status === 401 || status === 403)
    return new DependencyError(
      AGENT,
      `The enrichment agent refused SalesOS's credentials (HTTP ${status}); check ENRICHMENT_AGENT_TOKEN. Nothing was changed.`,
    );
  const why = agentMessage ? `: ${agentMessage}` : ` (HTTP ${status})`;
  return new DependencyError(AGENT, `The enrichment agent rejected this lead${why}. Nothing was changed.`);
}

/** The last failure once every attempt is spent. */
export function exhausted(last: Failure, attempts: number, timeoutMs: number): DependencyError {
  const tries = attempts === 1 ? '1 try' : `${attempts} tries`;
  switch (last.kind) {
    case 'timeout':
      return new DependencyError(AGENT, `The enrichment agent is not reachable right now (no answer within ${timeoutMs} ms, ${tries}). ${TRY_LATER}`, {
        down: true,
      });
    case 'network':
      return new DependencyError(AGENT, `The enrichment agent is not reachable right now (${last.reason}, ${tries}). ${TRY_LATER}`, { down: true });
    case 'server':
      return new DependencyError(AGENT, `The enrichment agent failed (HTTP ${last.status}, ${tries}). ${TRY_LATER}`, { retryable: true });
    case 'rate_limited': {
      const wait = last.retryAfterMs !== undefined ? `; it asked to wait ${Math.ceil(last.retryAfterMs / 1000)} s` : '';
      return new DependencyError(AGENT, `The enrichment agent is too busy right now (rate limited${wait}). ${TRY_LATER}`, { retryable: true });
    }
  }
}

/** A short, readable reason for a fetch that never got an HTTP answer. */
export function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection dropped';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    default:
      return cause?.message ?? (err instanceof Error ? err.message : String(err));
  }
}
