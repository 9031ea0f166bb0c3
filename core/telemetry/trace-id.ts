// The active span's trace id for log lines; only the OpenTelemetry API, so logging loads no SDK.
import { trace } from '@opentelemetry/api';

export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}
