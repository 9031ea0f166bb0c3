// Telemetry operators expect: OTLP/HTTP traces with the GenAI semantic conventions (checked by a local OTLP
// receiver), Prometheus metrics at GET /metrics that move when a turn runs, and trace ids in log lines.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../app/http-server.ts';
import { mountMetrics } from '../../app/metrics.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/log.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP receiver: collects the JSON trace exports POSTed to /v1/traces. */
async function startOtlpReceiver() {
  const spans: OtlpSpan[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.method === 'POST') {
        const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const rs of payload.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v ? (v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue) : undefined;
};

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let c: TestContainer;
let org: TestOrg;
let server: HttpServer;
let base: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  c = await createTestContainer({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, METRICS_TOKEN: 'metrics-secret' });
  org = await createTestOrg(c.db.prisma);
  server = createHttpServer({ observe: c.telemetry.metrics.http });
  mountMetrics(server, c);
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await server?.close();
  await c?.close();
  await receiver?.close();
});

async function turn(text: string) {
  for await (const e of c.assistant.handleTurn({
    deliveryId: randomUUID(),
    platform: 'console',
    actor: org.alice,
    conversationKey: `console:${randomUUID()}`,
    text,
  }))
    if (e.type === 'done') return e.reply;
  throw new Error('no reply');
}

const scrape = async () => {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-secret' } });
  expect(res.status).toBe(200);
  return res.text();
};

/** Prometheus text format: every line is a comment or `name{labels} value`. */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    expect(m, `not Prometheus text: ${line}`).not.toBeNull();
    values.set(m![1]!, Number(m![2]));
  }
  return values;
}

describe('traces over OTLP/HTTP', () => {
  it('a turn is one trace: invoke_agent, its chat model calls and its execute_tool calls, with GenAI attributes', async () => {
    const reply = await turn('find CTOs at fintech companies in Germany');
    expect(reply.toolCalls.map((t) => t.name)).toContain('findLeads');
    await c.telemetry.tracing.shutdown();
    const agent = receiver.spans.find((s) => s.name === 'invoke_agent SalesOS');
    expect(agent).toBeDefined();
    expect(attr(agent!, 'gen_ai.operation.name')).toBe('invoke_agent');
    expect(attr(agent!, 'salesos.platform')).toBe('console');
    const tool = receiver.spans.find((s) => s.name === 'execute_tool findLeads');
    expect(attr(tool!, 'gen_ai.operation.name')).toBe('execute_tool');
    expect(attr(tool!, 'gen_ai.tool.name')).toBe('findLeads');
    expect(attr(tool!, 'salesos.outcome')).toBe('ok');
    const chat = receiver.spans.filter((s) => s.name === 'chat offline');
    expect(chat.length).toBeGreaterThanOrEqual(1);
    expect(attr(chat[0]!, 'gen_ai.request.model')).toBe('offline');
    for (const s of [tool!, ...chat]) {
      expect(s.traceId).toBe(agent!.traceId);
      expect(s.parentSpanId).toBe(agent!.spanId);
    }
  });
});

describe('GET /metrics', () => {
  it('parses as Prometheus text and moves when a turn runs', async () => {
    const before = parseMetrics(await scrape());
    const key = 'salesos_tool_calls_total{tool="findLeads",outcome="ok"}';
    await turn('show me healthcare leads');
    const after = parseMetrics(await scrape());
    expect(after.get(key)).toBe((before.get(key) ?? 0) + 1);
    expect(after.get('salesos_turns_total{platform="console",outcome="ok"}')).toBeGreaterThanOrEqual(2);
    expect(after.get('salesos_model_calls_total{model="offline",outcome="ok"}')).toBeGreaterThanOrEqual(2);
    expect(after.get('salesos_http_request_duration_seconds_count{route="/metrics",method="GET",status="200"}')).toBeGreaterThanOrEqual(1);
    expect([...after.keys()].some((k) => k.startsWith('salesos_digest_runs'))).toBe(false); // no runs yet: no series
  });

  it('counts budget refusals', async () => {
    await c.db.prisma.user.update({ where: { id: org.bob.id }, data: { dailyLimitUsd: 0 } });
    for await (const e of c.assistant.handleTurn({
      deliveryId: randomUUID(),
      platform: 'console',
      actor: org.bob,
      conversationKey: `console:${randomUUID()}`,
      text: 'show me fintech leads',
    }))
      if (e.type === 'done') break;
    const m = parseMetrics(await scrape());
    expect(m.get('salesos_budget_refusals_total{kind="model"}')).toBeGreaterThanOrEqual(1);
  });

  it('needs METRICS_TOKEN when it is set', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});

describe('logs and configuration', () => {
  it('a log line written inside a traced span carries its trace id', () => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (d) => (out += d));
    const logger = createLogger({ format: 'json', stream });
    const tracer = trace.getTracer('test');
    let traceId = '';
    tracer.startActiveSpan('work', (span) => {
      traceId = span.spanContext().traceId;
      logger.warn('inside');
      span.end();
    });
    logger.warn('outside');
    const [inside, outside] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside!.traceId).toBe(traceId);
    expect(outside!.traceId).toBeUndefined();
  });

  it('reads the standard OTEL variables and refuses malformed headers', () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%20def,x=1' });
    expect(config.telemetry).toMatchObject({ tracesUrl: 'http://collector:4318/v1/traces', headers: { 'api-key': 'abc def', x: '1' }, serviceName: 'salesos' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/custom' }).telemetry.tracesUrl).toBe('http://t:4318/custom');
    expect(loadConfig({}).telemetry.tracesUrl).toBeUndefined();
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' })).toThrow(/OTEL_EXPORTER_OTLP_HEADERS: expected key=value pairs/);
  });
});
