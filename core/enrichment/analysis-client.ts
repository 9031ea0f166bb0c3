// HTTP client of the agent's analyses, POST /v1/patterns and /v1/lookalikes (docs/enrichment-agent.openapi.yaml),
// over the same transport as /v1/enrich (agent-transport.ts: deadlines, retries, circuit breaker), with answers
// validated against the contract before anyone sees them. The request is validated too: it must hold
// attributes only (strict schemas).
import crypto from 'node:crypto';
import type { z } from 'zod';
import { DependencyError, ValidationError } from '../errors.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import { AGENT, UNREADABLE } from './agent-errors.ts';
import { createAgentTransport, type AgentTransportOptions } from './agent-transport.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { agentErrorSchema } from './types.ts';
import {
  lookalikesRequestSchema,
  lookalikesResponseSchema,
  patternsRequestSchema,
  patternsResponseSchema,
  type LookalikesRequest,
  type LookalikesResponse,
  type PatternsRequest,
  type PatternsResponse,
} from './analysis-types.ts';

/** The transport's options (agent-transport.ts); `timeoutMs` per attempt: analyses of large teams take longer than one enrichment. */
export type AnalysisClientOptions = AgentTransportOptions;

export interface CallOptions {
  requestId?: string;
  signal?: AbortSignal;
}

export interface AnalysisClient {
  patterns(request: PatternsRequest, opts?: CallOptions): Promise<PatternsResponse>;
  lookalikes(request: LookalikesRequest, opts?: CallOptions): Promise<LookalikesResponse>;
  readonly breaker: CircuitBreaker;
}

export function createAnalysisClient(options: AnalysisClientOptions): AnalysisClient {
  const logger = options.logger ?? defaultLog;
  const transport = createAgentTransport(options);

  async function call<Req, Res>(
    path: string,
    what: string,
    request: Req,
    reqSchema: z.ZodType<Req>,
    resSchema: z.ZodType<Res>,
    opts: CallOptions = {},
  ): Promise<Res> {
    const checked = reqSchema.safeParse(request);
    if (!checked.success) {
      const problems = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`);
      throw new ValidationError(`These leads cannot be sent for ${what}: ${problems.join('; ')}.`, { issues: checked.error.issues });
    }
    const requestId = opts.requestId ?? crypto.randomUUID();
    const { status, text } = await transport.post({ path, body: JSON.stringify(checked.data), requestId, signal: opts.signal });
    if (status >= 200 && status < 300) return parse(text, resSchema, { path, requestId, status, logger });
    logger.warn('agent refused the analysis', { dependency: AGENT, path, requestId, status, body: text.slice(0, 300) });
    throw refused(status, text, what);
  }

  return {
    patterns: (request, opts) => call('/v1/patterns', 'pattern analysis', request, patternsRequestSchema, patternsResponseSchema, opts),
    lookalikes: (request, opts) => call('/v1/lookalikes', 'a lookalike search', request, lookalikesRequestSchema, lookalikesResponseSchema, opts),
    breaker: transport.breaker,
  };
}

function parse<Res>(text: string, schema: z.ZodType<Res>, ctx: { path: string; requestId: string; status: number; logger: Logger }): Res {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    ctx.logger.warn('agent sent unreadable JSON', { dependency: AGENT, path: ctx.path, requestId: ctx.requestId, body: text.slice(0, 200) });
    throw new DependencyError(AGENT, UNREADABLE, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    ctx.logger.warn('agent answer does not match the contract', { dependency: AGENT, path: ctx.path, requestId: ctx.requestId, issues });
    throw new DependencyError(AGENT, UNREADABLE, { cause: parsed.error });
  }
  return parsed.data;
}

function refused(status: number, text: string, what: string): DependencyError {
  if (status === 401 || status === 403)
    return new DependencyError(AGENT, `The enrichment agent refused SalesOS's credentials (HTTP ${status}); check ENRICHMENT_AGENT_TOKEN.`);
  let message: string | undefined;
  try {
    const parsed = agentErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) message = parsed.data.error.message;
  } catch {
    // No readable error body; the status says enough.
  }
  return new DependencyError(AGENT, `The enrichment agent refused the ${what}${message ? `: ${message}` : ` (HTTP ${status})`}.`);
}
