// OpenTelemetry traces following the GenAI semantic conventions: a span per turn (invoke_agent), per model
// call (chat) and per tool call (execute_tool), exported over OTLP/HTTP when an endpoint is configured.
// Without one, the API's no-op tracer is used and nothing is recorded.
import { context, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  /** OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces. */
  tracesUrl?: string;
  headers?: Record<string, string>;
  serviceName: string;
  serviceVersion: string;
}

export interface Tracing {
  enabled: boolean;
  tracer: Tracer;
  /** Flush what is buffered and stop exporting (at shutdown). */
  shutdown(): Promise<void>;
}

let provider: TracerProvider | undefined;

export function startTracing(opts: TracingOptions): Tracing {
  if (!opts.tracesUrl) return { enabled: false, tracer: trace.getTracer('salesos'), shutdown: async () => {} };
  if (!provider) {
    provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': opts.serviceName, 'service.version': opts.serviceVersion }),
      spanProcessors: [
        new BatchSpanProcessor({
          exporter: new OTLPTraceExporter({ url: opts.tracesUrl, headers: opts.headers, timeoutMillis: 10_000 }),
          scheduledDelayMillis: 1000,
        }),
      ],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  }
  const active = provider;
  return {
    enabled: true,
    tracer: trace.getTracer('salesos', opts.serviceVersion),
    async shutdown() {
      await active.forceFlush().catch(() => undefined);
    },
  };
}
