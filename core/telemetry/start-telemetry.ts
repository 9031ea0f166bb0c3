// Telemetry for one process, loading only what it uses: the OpenTelemetry SDK and exporter when traces are
// exported, prom-client when something serves /metrics. A one-shot command (`salesos ask`) loads neither.
import { trace } from '@opentelemetry/api';
import type { Metrics } from './metrics.ts';
import type { Telemetry } from './observe.ts';
import type { TracingOptions } from './tracing.ts';

/** Metrics nobody can scrape: recorded nowhere. */
const unscrapedMetrics: Metrics = {
  turn() {},
  modelCall() {},
  toolCall() {},
  http() {},
  gaugeFrom() {},
};

export async function startTelemetry(tracing: TracingOptions, opts: { metrics: boolean }): Promise<Telemetry> {
  const [metrics, tracer] = await Promise.all([
    opts.metrics ? import('./metrics.ts').then((m) => m.createMetrics()) : unscrapedMetrics,
    tracing.tracesUrl
      ? import('./tracing.ts').then((m) => m.startTracing(tracing))
      : { enabled: false, tracer: trace.getTracer('salesos'), shutdown: async () => {} },
  ]);
  return { metrics, tracing: tracer };
}
