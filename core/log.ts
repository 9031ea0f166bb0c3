// Winston logging: JSON lines off a terminal, readable lines on one. Every line written inside
// `withLogContext` carries its ids (turn, request); every line is scrubbed of secrets.
import { AsyncLocalStorage } from 'node:async_hooks';
import { format as formatArgs } from 'node:util';
import winston from 'winston';
import { AppError } from './errors.ts';
import { redact, redactString } from './redact.ts';
import { activeTraceId } from './telemetry/trace-id.ts';

export type LogContext = Record<string, string | number | undefined>;
const contextStore = new AsyncLocalStorage<LogContext>();

/** Run `fn` with ids (e.g. `{ turnId }`) attached to every log line written inside it. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return contextStore.run({ ...contextStore.getStore(), ...ctx }, fn);
}

export function currentLogContext(): LogContext {
  return contextStore.getStore() ?? {};
}

const addContext = winston.format((info) => {
  const ctx = contextStore.getStore();
  if (ctx) for (const [k, v] of Object.entries(ctx)) if (v !== undefined && info[k] === undefined) info[k] = v;
  // Inside a traced turn, the trace id joins the line to its spans.
  const traceId = activeTraceId();
  if (traceId && info.traceId === undefined) info.traceId = traceId;
  return info;
});

/** Errors passed as `{ err }` become name/code/message/stack (with the cause chain), then everything is scrubbed. */
const serializeAndRedact = winston.format((info) => {
  for (const key of Object.keys(info)) {
    const v = info[key];
    if (v instanceof Error) info[key] = serializeError(v);
  }
  const scrubbed = redact({ ...info });
  for (const key of Object.keys(info)) info[key] = scrubbed[key];
  if (typeof info.message === 'string') info.message = redactString(info.message);
  return info;
});

export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { name: err.name, message: err.message, stack: err.stack };
  if (err instanceof AppError) out.code = err.code;
  if (err.cause !== undefined && depth < 4) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, ...rest } = info as Record<string, unknown>;
  const extra = Object.entries(rest)
    .filter(([k]) => typeof k === 'string')
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object') {
        const e = v as { stack?: string; message?: string; cause?: { stack?: string } };
        return `\n${e.stack ?? e.message}${e.cause?.stack ? `\nCaused by: ${e.cause.stack}` : ''}`;
      }
      return ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join('');
  return `${String(timestamp).slice(11, 23)} ${level} ${message}${extra}`;
});

export interface LogOptions {
  level?: string;
  format?: 'auto' | 'json' | 'pretty';
  /** Where lines go; defaults to stderr so stdout stays clean for `--json` and piped chat. */
  stream?: NodeJS.WritableStream;
}

export function createLogger(opts: LogOptions = {}): winston.Logger {
  const stream = opts.stream ?? process.stderr;
  const isTty = Boolean((stream as { isTTY?: boolean }).isTTY);
  const usePretty = opts.format === 'pretty' || ((opts.format ?? 'auto') === 'auto' && isTty);
  return skipDisabledLevels(
    winston.createLogger({
      level: opts.level ?? 'info',
      format: winston.format.combine(
        addContext(),
        serializeAndRedact(),
        winston.format.timestamp(),
        usePretty ? winston.format.combine(winston.format.colorize(), pretty) : winston.format.json(),
      ),
      transports: [new winston.transports.Stream({ stream })],
    }),
  );
}

/**
 * Winston runs the whole format pipeline (context, deep redaction, JSON) before its transports drop a line
 * below their level; a debug line on the hot path then costs as much as a written one. Check the level first.
 */
function skipDisabledLevels(logger: winston.Logger): winston.Logger {
  for (const level of Object.keys(logger.levels)) {
    const write = (logger as unknown as Record<string, (...args: unknown[]) => winston.Logger>)[level]!;
    Object.defineProperty(logger, level, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => (logger.isLevelEnabled(level) ? write.apply(logger, args) : logger),
    });
  }
  return logger;
}

/** The process-wide logger; `configureLogger` replaces its settings once config is known. */
// Until configuration is validated, a LOG_LEVEL that is not a level is ignored (loadConfig reports it).
const earlyLevel = ['error', 'warn', 'info', 'debug'].includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL : 'info';
export const log: winston.Logger = createLogger({ level: earlyLevel });

export function configureLogger(opts: LogOptions): void {
  const next = createLogger(opts);
  log.configure({ level: next.level, format: next.format, transports: next.transports });
  const stream = opts.stream ?? process.stderr;
  const json = opts.format === 'json' || ((opts.format ?? 'auto') === 'auto' && !(stream as { isTTY?: boolean }).isTTY);
  if (json) routeConsoleToLogger(log);
}

let consoleRouted = false;

/**
 * JSON mode: whatever a dependency prints — console.* (botframework, Bolt), process warnings, AI SDK warnings —
 * becomes one JSON log line through `logger` (scrubbed, with context) instead of raw text in the log stream.
 */
export function routeConsoleToLogger(logger: winston.Logger): void {
  if (consoleRouted) return;
  consoleRouted = true;
  const route =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error);
      logger[level](formatArgs(...args.map((a) => (a instanceof Error ? a.message : a))).slice(0, 10_000), { source: 'console', ...(err ? { err } : {}) });
    };
  console.log = route('info');
  console.info = route('info');
  console.warn = route('warn');
  console.error = route('error');
  console.debug = route('debug');
  console.trace = route('debug');
  // Node's own printer writes multi-line text to stderr; ours writes one JSON line.
  process.removeAllListeners('warning');
  process.on('warning', (w) => logger.warn(`${w.name}: ${w.message}`, { source: 'process', code: (w as { code?: string }).code }));
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (o: { warnings: unknown[]; provider?: string; model?: string }) =>
    logger.warn('AI SDK warning', { source: 'ai-sdk', warnings: o.warnings, provider: o.provider, model: o.model });
}

export type Logger = winston.Logger;
