// GET /healthz: the process is up (liveness). GET /readyz: JSON per dependency — database, migrations,
// Redis when configured, model configuration — 503 when a required one is down; Redis down is `degraded`
// (chat works, scheduled digests wait), not unready.
import type { Database } from '../core/db/client.ts';
import { pingRedis } from '../core/jobs/queues.ts';
import { log } from '../core/log.ts';
import { sendJson, type HttpServer } from './http-server.ts';

export interface HealthOptions {
  /** REDIS_URL: checked when set (digests), never required for chat. */
  redisUrl?: string;
  /** The configured model (validated and priced at start). */
  model?: { provider: string; id: string };
  started?: number;
  /** Per-check deadline (default 2 s): a hung dependency must not hang the probe. */
  checkTimeoutMs?: number;
}

type Check = { status: 'ok' | 'down'; required: boolean; error?: string } & Record<string, unknown>;

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function mountHealth(http: HttpServer, db: Database, opts: HealthOptions = {}): void {
  const started = opts.started ?? Date.now();
  const ms = opts.checkTimeoutMs ?? 2_000;
  http.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) }));
  http.route('GET', '/readyz', async (_req, res) => {
    const database: Check = await within(ms, 'the database', db.ping()).then(
      () => ({ status: 'ok' as const, required: true, mode: db.mode }),
      (err) => ({ status: 'down' as const, required: true, mode: db.mode, error: reason(err) }),
    );
    const migrations: Check =
      database.status !== 'ok'
        ? { status: 'down', required: true, error: 'the database is down' }
        : await within(ms, 'the migration status', db.migrationStatus()).then(
            (m) => ({
              status: m.pending.length === 0 && m.modified.length === 0 ? ('ok' as const) : ('down' as const),
              required: true,
              applied: m.applied.length,
              pending: m.pending,
              modified: m.modified,
              ...(m.pending.length || m.modified.length ? { error: 'run `salesos migrate`' } : {}),
            }),
            (err) => ({ status: 'down' as const, required: true, error: reason(err) }),
          );
    const checks: Record<string, Check> = { database, migrations };
    if (opts.redisUrl)
      checks.redis = await pingRedis(opts.redisUrl, ms).then(
        () => ({ status: 'ok' as const, required: false }),
        (err) => ({ status: 'down' as const, required: false, error: `Redis at REDIS_URL is not reachable (${reason(err)}): scheduled digests wait` }),
      );
    if (opts.model) checks.model = { status: 'ok', required: true, provider: opts.model.provider, id: opts.model.id };

    const down = Object.entries(checks).filter(([, c]) => c.status !== 'ok');
    const status = down.some(([, c]) => c.required) ? 'not_ready' : down.length ? 'degraded' : 'ready';
    if (down.length) log.warn(`readiness: ${status}`, { down: down.map(([name, c]) => `${name}: ${c.error ?? 'down'}`) });
    sendJson(res, status === 'not_ready' ? 503 : 200, { status, ...checks });
  });
}
