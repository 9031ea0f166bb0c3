// GET /metrics: Prometheus text format, behind METRICS_TOKEN (Bearer) when it is set. Digest figures come
// from the database and the queue depth from Redis when they are scraped.
import crypto from 'node:crypto';
import { Queue } from 'bullmq';
import { OperationsRepository } from '../core/db/operations-repository.ts';
import { DIGEST_QUEUE, redisConnection } from '../core/jobs/queues.ts';
import { log } from '../core/log.ts';
import type { Container } from './container.ts';
import { sendJson, type HttpServer } from './http-server.ts';

const sameSecret = (a: string, b: string) => {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
};

export function mountMetrics(http: HttpServer, container: Pick<Container, 'telemetry' | 'db' | 'config'>): { close(): Promise<void> } {
  const { metrics } = container.telemetry;
  const registry = metrics.registry;
  if (!registry) throw new Error('mountMetrics needs a container built with metrics: true');
  const operations = new OperationsRepository(container.db.prisma);
  metrics.gaugeFrom('salesos_digest_runs', 'Digest runs recorded, by status.', ['status'], () => operations.digestRunCounts());
  metrics.gaugeFrom('salesos_digest_deliveries', 'Digest deliveries recorded, by platform and status.', ['platform', 'status'], () =>
    operations.digestDeliveryCounts(),
  );
  let queue: Queue | undefined;
  let connection: ReturnType<typeof redisConnection> | undefined;
  if (container.config.redisUrl) {
    connection = redisConnection(container.config.redisUrl);
    connection.on('error', () => undefined);
    queue = new Queue(DIGEST_QUEUE, { connection });
    queue.on('error', () => undefined);
    const q = queue;
    metrics.gaugeFrom('salesos_queue_jobs', 'Jobs in the digest queue, by state.', ['queue', 'state'], async () => {
      const counts = await Promise.race([
        q.getJobCounts('waiting', 'delayed', 'active', 'failed'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer in 2 s')), 2000).unref()),
      ]).catch((err: Error) => {
        log.debug('queue depth unavailable for /metrics', { err });
        return {} as Record<string, number>;
      });
      return Object.entries(counts).map(([state, value]) => ({ labels: { queue: DIGEST_QUEUE, state }, value }));
    });
  }

  http.route('GET', '/metrics', async (req, res) => {
    const token = container.config.telemetry.metricsToken;
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token && !(presented && sameSecret(presented, token))) {
      res.setHeader('www-authenticate', 'Bearer realm="salesos-metrics"');
      return sendJson(res, 401, { error: 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".' });
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  });
  return {
    async close() {
      await queue?.close().catch(() => undefined);
      connection?.disconnect();
    },
  };
}
