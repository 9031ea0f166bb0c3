// Services going away, as an operator meets it: a Redis the test starts and then stops (chat keeps working,
// /readyz says degraded, shutdown stays clean), and start-up errors that name what failed in DATABASE_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { mountHealth } from '../../app/health.ts';
import { createHttpServer } from '../../app/http-server.ts';
import { runCli, startServer } from '../support/cli.ts';
import { createEmptyDatabase, createTestDatabase } from '../support/db.ts';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('Redis going away', () => {
  it('keeps chat and readiness up (degraded), names Redis, and still stops cleanly', async () => {
    const redis = await startRedis();
    const db = await createEmptyDatabase();
    const server = await startServer({ DATABASE_URL: db.url, REDIS_URL: redis.url, SHUTDOWN_GRACE_MS: '2000' });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect(server.logs().some((l) => String(l.message).startsWith('digest scheduler running'))).toBe(true);
      expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready', redis: { status: 'ok' } });

      await redis.stop();
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { status: string; redis: { status: string; error: string } };
      expect(body).toMatchObject({ status: 'degraded', database: { status: 'ok' }, redis: { status: 'down', required: false } });
      expect(body.redis.error).toContain('Redis at REDIS_URL is not reachable');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      const code = await Promise.race([server.stop(), new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
      expect(code).toBe(0);
      expect(
        server
          .logs()
          .map((l) => l.message)
          .at(-1),
      ).toBe('SalesOS stopped cleanly');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await redis.stop();
      await db.drop();
    }
  }, 90_000);
});

describe('/readyz with the database gone', () => {
  it('is 503 not_ready, naming the database', async () => {
    const db = await createTestDatabase();
    const http = createHttpServer();
    mountHealth(http, db, { model: { provider: 'offline', id: 'offline' } });
    const port = await http.listen(0, '127.0.0.1');
    try {
      await db.pool.end(); // every query now fails, as with a database that went away
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: 'not_ready',
        database: { status: 'down', required: true },
        migrations: { status: 'down' },
        model: { status: 'ok' },
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await http.close();
      await db.drop();
    }
  });
});

describe('start-up errors name what failed in DATABASE_URL, never its password', () => {
  it('a login the server refuses', async () => {
    const r = await runCli(['start'], { DATABASE_URL: 'postgresql://no_such_salesos_role:s3cret-pw@127.0.0.1:5432/postgres' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PostgreSQL at DATABASE_URL (127.0.0.1:5432) refused the login of user "no_such_salesos_role" (authentication failed)');
    expect(r.stderr).not.toContain('s3cret-pw');
  }, 60_000);

  it('an unreachable server', async () => {
    const port = await freePort();
    const r = await runCli(['start'], { DATABASE_URL: `postgresql://postgres:s3cret-pw@127.0.0.1:${port}/salesos` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`PostgreSQL at DATABASE_URL (127.0.0.1:${port}) cannot be reached (ECONNREFUSED)`);
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(r.stderr).not.toContain('Something went wrong');
  }, 60_000);

  it('a database that does not exist', async () => {
    const r = await runCli(['start'], { DATABASE_URL: 'postgresql://postgres:s3cret-pw@127.0.0.1:5432/salesos_missing_db_for_faults' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The database "salesos_missing_db_for_faults" does not exist on PostgreSQL at DATABASE_URL (127.0.0.1:5432)');
    expect(r.stderr).not.toContain('s3cret-pw');
  }, 60_000);
});
