// HTTP client of the enrichment agent's POST /v1/enrich (contract: docs/enrichment-agent.openapi.yaml), over
// the shared transport (agent-transport.ts: deadlines, retries, circuit breaker). Whatever goes wrong,
// nothing half-applies: the caller gets either a validated result or an AppError with a message a rep can read.
import crypto from 'node:crypto';
import { DependencyError, ValidationError } from '../errors.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import { AGENT, networkReason, refusal, UNREADABLE } from './agent-errors.ts';
import { createAgentTransport, type AgentTransportOptions } from './agent-transport.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { companyNotes } from './company-notes.ts';
import {
  agentEnrichRequestSchema,
  agentEnrichResponseSchema,
  isEmptyValue,
  type EnrichedFields,
  type EnrichmentResult,
  type EnrichOptions,
  type LeadSnapshot,
} from './types.ts';

/** The transport's options: deadline per attempt, retries, breaker, backoff (agent-transport.ts). */
export type EnrichmentAgentClientOptions = AgentTransportOptions;

export interface EnrichmentAgentClient {
  enrich(lead: LeadSnapshot, opts?: EnrichOptions): Promise<EnrichmentResult>;
  /** GET /healthz; never throws. */
  health(opts?: { signal?: AbortSignal }): Promise<{ ok: boolean; detail: string }>;
  readonly breaker: CircuitBreaker;
}

const QUERY_FIELDS = ['email', 'fullName', 'company', 'companyDomain', 'title', 'linkedinUrl', 'country', 'city'] as const;

export function createEnrichmentAgentClient(options: EnrichmentAgentClientOptions): EnrichmentAgentClient {
  const logger = options.logger ?? defaultLog;
  const transport = createAgentTransport(options);

  async function enrich(lead: LeadSnapshot, opts: EnrichOptions = {}): Promise<EnrichmentResult> {
    const body = buildRequest(lead, opts);
    const requestId = opts.requestId ?? crypto.randomUUID();
    const idempotencyKey = opts.idempotencyKey ?? crypto.randomUUID();
    const { status, text, attempt, durationMs } = await transport.post({
      path: '/v1/enrich',
      body: JSON.stringify(body),
      requestId,
      headers: { 'idempotency-key': idempotencyKey },
      signal: opts.signal,
    });
    if (status >= 200 && status < 300) {
      const result = parseSuccess(text, status, { requestId, durationMs, fields: opts.fields, logger });
      logger.debug('enrichment agent answered', {
        dependency: AGENT,
        requestId,
        attempt,
        durationMs,
        costUsd: result.costUsd,
        fields: Object.keys(result.fields),
      });
      return result;
    }
    if (status === 404) return notFound(text, requestId);
    // Any other 4xx: our request or our credentials are wrong; retrying cannot help.
    logger.warn('enrichment agent refused the request', { dependency: AGENT, requestId, status, durationMs, attempt, body: text.slice(0, 300) });
    throw refusal(status, text);
  }

  async function health(opts: { signal?: AbortSignal } = {}): Promise<{ ok: boolean; detail: string }> {
    try {
      const res = await transport.get('/healthz', opts);
      await res.body?.cancel();
      return res.ok ? { ok: true, detail: `HTTP ${res.status}` } : { ok: false, detail: `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, detail: (err as Error)?.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : networkReason(err) };
    }
  }

  return { enrich, health, breaker: transport.breaker };
}

function buildRequest(lead: LeadSnapshot, opts: EnrichOptions) {
  const query: Record<string, unknown> = {};
  for (const key of QUERY_FIELDS) if (!isEmptyValue(lead[key])) query[key] = lead[key];
  const parsed = agentEnrichRequestSchema.safeParse({ lead: query, fields: opts.fields?.length ? [...opts.fields] : undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.filter((p) => p !== 'lead').join('.')} ${i.message}`);
    throw new ValidationError(`This lead cannot be sent for enrichment: ${problems.join('; ')}.`, { issues: parsed.error.issues });
  }
  return parsed.data;
}

function parseSuccess(
  text: string,
  status: number,
  ctx: { requestId: string; durationMs: number; fields?: readonly string[]; logger: Logger },
): EnrichmentResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    ctx.logger.warn('enrichment agent sent unreadable JSON', {
      dependency: AGENT,
      requestId: ctx.requestId,
      status,
      durationMs: ctx.durationMs,
      body: text.slice(0, 200),
      err,
    });
    throw new DependencyError(AGENT, UNREADABLE, { cause: err });
  }
  const parsed = agentEnrichResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    ctx.logger.warn('enrichment agent answer does not match the contract', {
      dependency: AGENT,
      requestId: ctx.requestId,
      status,
      durationMs: ctx.durationMs,
      issues,
    });
    throw new DependencyError(AGENT, UNREADABLE, { cause: parsed.error });
  }
  const answer = parsed.data;
  const fields: EnrichedFields = {};
  for (const [key, value] of Object.entries(answer.lead) as [keyof EnrichedFields, unknown][]) {
    if (isEmptyValue(value)) continue;
    if (ctx.fields && !ctx.fields.includes(key)) continue;
    (fields as Record<string, unknown>)[key] = value;
  }
  return {
    source: 'agent',
    found: true,
    fields,
    confidence: answer.confidence,
    sources: answer.sources ?? [],
    costUsd: answer.costUsd,
    requestId: answer.requestId ?? ctx.requestId,
    notes: companyNotes(answer.company),
  };
}

function notFound(text: string, requestId: string): EnrichmentResult {
  let costUsd = 0;
  try {
    const body = JSON.parse(text) as { costUsd?: unknown };
    if (typeof body?.costUsd === 'number' && body.costUsd >= 0) costUsd = body.costUsd;
  } catch {
    // A 404 needs no body; the status alone says "no data".
  }
  return {
    source: 'agent',
    found: false,
    fields: {},
    sources: [],
    costUsd,
    requestId,
    notes: ['The enrichment agent has no data on this person.'],
  };
}
