// Telemetry from the outside: the audit trail already sees every model and tool call (name, outcome, cost,
// duration, tokens) and the assistant every turn, so wrapping those two records everything without
// touching the policy code. Spans of calls are written when the call is audited, with its real start time,
// inside the turn's span.
import { context, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import type { Reply, ReplyEvent, Turn } from '../agent/types.ts';
import type { AuditInput, AuditTrail } from '../governance.ts';
import type { Metrics } from './metrics.ts';
import type { Tracing } from './tracing.ts';

export interface Telemetry {
  metrics: Metrics;
  tracing: Tracing;
}

/** Replace some methods of an object, keeping every other member (bound to the original). */
function withMethods<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (Object.hasOwn(replaced, prop)) return replaced[prop as keyof T];
      const v = Reflect.get(obj, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(obj) : v;
    },
  });
}

function usageOf(entry: AuditInput): { inputTokens?: number; outputTokens?: number } | undefined {
  const usage = (entry.input as { usage?: { inputTokens?: number; outputTokens?: number } } | null)?.usage;
  return usage && typeof usage === 'object' ? usage : undefined;
}

function recordCall(t: Telemetry, entry: AuditInput): void {
  const seconds = entry.durationMs / 1000;
  const usage = entry.kind === 'model' ? usageOf(entry) : undefined;
  if (entry.kind === 'model') t.metrics.modelCall(entry.name, entry.outcome, seconds, usage, entry.costUsd);
  else t.metrics.toolCall(entry.name, entry.outcome, seconds, entry.costUsd);
  if (!t.tracing.enabled) return;
  const end = Date.now();
  const attributes: Attributes =
    entry.kind === 'model'
      ? {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': entry.name,
          ...(usage?.inputTokens !== undefined ? { 'gen_ai.usage.input_tokens': usage.inputTokens } : {}),
          ...(usage?.outputTokens !== undefined ? { 'gen_ai.usage.output_tokens': usage.outputTokens } : {}),
        }
      : { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': entry.name };
  const span = t.tracing.tracer.startSpan(entry.kind === 'model' ? `chat ${entry.name}` : `execute_tool ${entry.name}`, {
    startTime: end - entry.durationMs,
    attributes: {
      ...attributes,
      'salesos.outcome': entry.outcome,
      'salesos.cost_usd': entry.costUsd,
      'salesos.platform': entry.platform,
      ...(entry.errorCode ? { 'error.type': entry.errorCode } : {}),
    },
  });
  if (entry.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: entry.errorCode ?? entry.outcome });
  span.end(end);
}

export function observeAuditTrail<T extends AuditTrail>(audit: T, t: Telemetry): T {
  const record = (entry: AuditInput) => {
    try {
      recordCall(t, entry);
    } catch {
      // Telemetry never stands in the way of the audit trail.
    }
  };
  return withMethods<AuditTrail>(audit, {
    append: async (entry) => {
      record(entry);
      return audit.append(entry);
    },
    appendSettled: async (entry, settlement) => {
      record({ ...entry, costUsd: settlement.chargeUsd });
      return audit.appendSettled(entry, settlement);
    },
  }) as T;
}

function turnOutcome(reply: Reply | undefined): string {
  if (!reply) return 'error';
  if (reply.cards.some((c) => c.type === 'error')) return 'error';
  if (reply.toolCalls.some((c) => c.outcome === 'over_budget')) return 'over_budget';
  return 'ok';
}

interface TurnHandler {
  handleTurn(turn: Turn): AsyncIterable<ReplyEvent>;
}

/** A span around each turn (the parent of its model and tool spans) and the turn metrics. */
export function observeAssistant<T extends TurnHandler>(assistant: T, t: Telemetry): T {
  async function* traced(turn: Turn): AsyncGenerator<ReplyEvent> {
    const span = t.tracing.tracer.startSpan('invoke_agent SalesOS', {
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'SalesOS',
        'salesos.platform': turn.platform,
        'salesos.user_id': turn.actor.id,
      },
    });
    const ctx = trace.setSpan(context.active(), span);
    const started = performance.now();
    let reply: Reply | undefined;
    const it = assistant.handleTurn(turn)[Symbol.asyncIterator]();
    try {
      while (true) {
        const next = await context.with(ctx, () => it.next());
        if (next.done) break;
        if (next.value.type === 'done') reply = next.value.reply;
        yield next.value;
      }
    } finally {
      // A consumer that stops at `done` (Slack's delivery does) closes this generator only: close the turn
      // too, or it never ends — its in-flight unit, timers and clean-up would outlive the answer, and every
      // shutdown would wait out SHUTDOWN_GRACE_MS for turns that finished long ago.
      await context.with(ctx, async () => it.return?.(undefined)).catch(() => undefined);
      const outcome = turnOutcome(reply);
      t.metrics.turn(turn.platform, outcome, (performance.now() - started) / 1000);
      span.setAttribute('salesos.outcome', outcome);
      if (reply) {
        span.setAttribute('gen_ai.usage.input_tokens', reply.usage.inputTokens);
        span.setAttribute('gen_ai.usage.output_tokens', reply.usage.outputTokens);
        span.setAttribute('salesos.cost_usd', reply.usage.costUsd);
      }
      if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  }
  return withMethods<TurnHandler>(assistant, { handleTurn: (turn: Turn) => traced(turn) }) as T;
}
