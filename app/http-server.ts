// The one HTTP server SalesOS listens on (PORT): health endpoints here; the Slack and Teams bots mount
// their endpoints on it. Tracks in-flight requests — until the handler has finished, not only the response,
// since Slack is acknowledged at once and answered after — so shutdown can let them finish.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../core/errors.ts';
import { log, withLogContext } from '../core/log.ts';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown | Promise<unknown>;

export interface HttpServer {
  server: http.Server;
  /** Add a route; `path` matches exactly (query string ignored). */
  route(method: string, path: string, handler: RouteHandler): void;
  listen(port: number, host?: string): Promise<number>;
  /** Shutdown began: every request but GET /healthz gets 503, so Slack and Teams retry elsewhere. */
  stopAccepting(): void;
  /** Resolves true once no request is in flight, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
  /** Stop accepting connections and wait (up to `graceMs`) for in-flight requests. */
  close(graceMs?: number): Promise<void>;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A port that cannot be opened is a configuration problem: say which variable to change. */
function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE') return new ConfigError([`PORT: ${port} is already in use by another process; choose a free port (got "${port}")`]);
  if (err.code === 'EACCES') return new ConfigError([`PORT: this user may not listen on port ${port}; use a port above 1023 (got "${port}")`]);
  return err;
}

export interface HttpServerOptions {
  /** Called when each response is finished: the matched route (or "unmatched"), method, status and seconds. */
  observe?: (route: string, method: string, status: number, seconds: number) => void;
}

export function createHttpServer(opts: HttpServerOptions = {}): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let inFlight = 0;
  let stopping = false;
  const idleWaiters = new Set<() => void>();
  const track = () => {
    inFlight++;
    let open = 2; // the response and the handler
    return () => {
      if (--open > 0) return;
      inFlight--;
      if (inFlight === 0) for (const w of idleWaiters) w();
    };
  };

  function idle(timeoutMs: number): Promise<boolean> {
    if (inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        idleWaiters.delete(onIdle);
        resolve(value);
      };
      const onIdle = () => finish(true);
      const timer = setTimeout(() => finish(inFlight === 0), timeoutMs);
      idleWaiters.add(onIdle);
    });
  }

  const server = http.createServer((req, res) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = routes.get(`${req.method} ${path}`);
    const started = performance.now();
    res.on('close', () => opts.observe?.(handler ? path : 'unmatched', req.method ?? 'GET', res.statusCode, (performance.now() - started) / 1000));
    const done = track();
    res.on('close', done);
    if (stopping && !(req.method === 'GET' && path === '/healthz')) {
      done();
      res.setHeader('retry-after', '5');
      res.setHeader('connection', 'close');
      return sendJson(res, 503, { error: 'SalesOS is shutting down; retry shortly (another instance may answer).' });
    }
    if (!handler) {
      done();
      const allowed = [...routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]);
      if (allowed.length) {
        res.setHeader('allow', allowed.join(', '));
        return sendJson(res, 405, { error: `Method ${req.method} is not allowed on ${path}` });
      }
      return sendJson(res, 404, { error: `No route for ${req.method} ${path}` });
    }
    withLogContext({ requestId }, async () => {
      try {
        await handler(req, res);
      } catch (err) {
        log.error('request failed', { err, method: req.method, path });
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal error; the details are in the server log.' });
        else res.end();
      } finally {
        done();
      }
    });
  });
  // Keep-alive sockets must not hold shutdown open.
  server.keepAliveTimeout = 5_000;

  return {
    server,
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const failed = (err: NodeJS.ErrnoException) => reject(listenError(err, port));
        server.once('error', failed);
        server.listen(port, host, () => {
          server.off('error', failed);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      });
    },
    stopAccepting() {
      stopping = true;
      server.closeIdleConnections();
    },
    idle,
    async close(graceMs = 10_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await idle(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
