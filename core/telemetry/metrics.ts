// Prometheus metrics (prom-client) for operators: turns, model and tool calls, tokens, cost, budget
// refusals, HTTP (Slack acknowledgement latency is the /slack/events route's), digests and queue depth.
import client from 'prom-client';

export type GaugeSource = () => Promise<{ labels: Record<string, string>; value: number }[]>;

export interface Metrics {
  /** Absent when nothing serves /metrics (see start-telemetry.ts): then nothing is recorded. */
  registry?: client.Registry;
  turn(platform: string, outcome: string, seconds: number): void;
  modelCall(model: string, outcome: string, seconds: number, tokens?: { inputTokens?: number; outputTokens?: number }, costUsd?: number): void;
  toolCall(tool: string, outcome: string, seconds: number, costUsd?: number): void;
  http(route: string, method: string, status: number, seconds: number): void;
  /** A gauge read when /metrics is scraped (figures that live in the database or in Redis). */
  gaugeFrom(name: string, help: string, labelNames: string[], source: GaugeSource): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'salesos_' });
  const m = <T>(metric: T) => metric;
  const turns = m(
    new client.Counter({
      name: 'salesos_turns_total',
      help: 'Turns (one user message each) by platform and outcome.',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
  );
  const turnSeconds = m(
    new client.Histogram({
      name: 'salesos_turn_duration_seconds',
      help: 'Time from a message to the finished reply.',
      labelNames: ['platform'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  );
  const modelCalls = m(
    new client.Counter({
      name: 'salesos_model_calls_total',
      help: 'Language-model calls by model and outcome.',
      labelNames: ['model', 'outcome'],
      registers: [registry],
    }),
  );
  const modelSeconds = m(
    new client.Histogram({
      name: 'salesos_model_call_duration_seconds',
      help: 'Language-model call latency.',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  );
  const tokens = m(
    new client.Counter({
      name: 'salesos_model_tokens_total',
      help: 'Tokens reported by the model provider.',
      labelNames: ['model', 'type'],
      registers: [registry],
    }),
  );
  const cost = m(
    new client.Counter({
      name: 'salesos_ai_cost_usd_total',
      help: 'USD charged by CostGuard (model and paid tool calls).',
      labelNames: ['kind', 'name'],
      registers: [registry],
    }),
  );
  const toolCalls = m(
    new client.Counter({ name: 'salesos_tool_calls_total', help: 'Tool calls by tool and outcome.', labelNames: ['tool', 'outcome'], registers: [registry] }),
  );
  const toolSeconds = m(
    new client.Histogram({
      name: 'salesos_tool_call_duration_seconds',
      help: 'Tool call latency (policy included).',
      labelNames: ['tool'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  );
  const refusals = m(
    new client.Counter({
      name: 'salesos_budget_refusals_total',
      help: 'Calls refused by CostGuard because the budget was spent.',
      labelNames: ['kind'],
      registers: [registry],
    }),
  );
  const httpSeconds = m(
    new client.Histogram({
      name: 'salesos_http_request_duration_seconds',
      help: 'HTTP request latency by route (POST /slack/events is the Slack acknowledgement).',
      labelNames: ['route', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  );

  return {
    registry,
    turn(platform, outcome, seconds) {
      turns.inc({ platform, outcome });
      turnSeconds.observe({ platform }, seconds);
    },
    modelCall(model, outcome, seconds, usage, costUsd) {
      modelCalls.inc({ model, outcome });
      modelSeconds.observe({ model }, seconds);
      if (usage?.inputTokens) tokens.inc({ model, type: 'input' }, usage.inputTokens);
      if (usage?.outputTokens) tokens.inc({ model, type: 'output' }, usage.outputTokens);
      if (costUsd) cost.inc({ kind: 'model', name: model }, costUsd);
      if (outcome === 'over_budget') refusals.inc({ kind: 'model' });
    },
    toolCall(tool, outcome, seconds, costUsd) {
      toolCalls.inc({ tool, outcome });
      toolSeconds.observe({ tool }, seconds);
      if (costUsd) cost.inc({ kind: 'tool', name: tool }, costUsd);
      if (outcome === 'over_budget') refusals.inc({ kind: 'tool' });
    },
    http(route, method, status, seconds) {
      httpSeconds.observe({ route, method, status: String(status) }, seconds);
    },
    gaugeFrom(name, help, labelNames, source) {
      new client.Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          for (const { labels, value } of await source()) this.set(labels, value);
        },
      });
    },
  };
}
