// GET /healthz: the process is up. GET /readyz: the database answers and every migration is applied.
import type { Database } from '../core/db/client.ts';
import { log } from '../core/log.ts';
import { sendJson, type HttpServer } from './http-server.ts';

export function mountHealth(http: HttpServer, db: Database, started = Date.now()): void {
  http.route('GET', '/healthz', (_req, res) =>
    sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
  );
  http.route('GET', '/readyz', async (_req, res) => {
    try {
      await db.ping();
      const m = await db.migrationStatus();
      const ready = m.pending.length === 0 && m.modified.length === 0;
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not_ready',
        database: 'ok',
        mode: db.mode,
        migrations: { applied: m.applied.length, pending: m.pending, modified: m.modified },
      });
    } catch (err) {
      log.warn('readiness check failed', { err });
      sendJson(res, 503, { status: 'not_ready', database: 'unreachable' });
    }
  });
}
