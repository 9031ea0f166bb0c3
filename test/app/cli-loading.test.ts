// The CLI loads only what a command needs: help and completion load no database client and no platform SDK;
// a command that uses the database loads Prisma and pg but still no chat platform's SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { tracedRun } from '../support/traced-cli.ts';

const PACKAGES = {
  prisma: /\/node_modules\/(@prisma|prisma)\//,
  pg: /\/node_modules\/(pg|pg-pool|@electric-sql)\//,
  slack: /\/node_modules\/@slack\//,
  teams: /\/node_modules\/(botbuilder|botframework-[a-z]+|@azure)\//,
  mcp: /\/node_modules\/@modelcontextprotocol\//,
  ai: /\/node_modules\/(ai|@ai-sdk)\//,
  otel: /\/node_modules\/@opentelemetry\/(sdk-|exporter-|otlp-|resources)/,
  prometheus: /\/node_modules\/prom-client\//,
  queues: /\/node_modules\/(bullmq|ioredis)\//,
};
// Prisma's query compiler (wasm), loaded on a process's first Prisma query.
const QUERY_COMPILER = /\/node_modules\/@prisma\/client\/runtime\/query_compiler_bg\./;
const PLATFORM_SDKS = ['slack', 'teams', 'mcp', 'ai', 'otel', 'prometheus', 'queues'] as const;
const loads = (modules: string[], name: keyof typeof PACKAGES) => modules.some((m) => PACKAGES[name].test(m));

describe('what a command loads', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('--help, a command’s --help and completion load neither the database client nor any platform SDK', () => {
    for (const args of [['--help'], ['ask', '--help'], ['start', '--help'], ['mcp', '--help'], ['completion', 'bash']]) {
      const r = tracedRun(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
      // The trace did see the CLI itself (from dist/ or, without a current build, from the sources).
      expect(r.modules.some((m) => /\/app\/cli\.(js|ts)$/.test(m))).toBe(true);
      for (const name of ['prisma', 'pg', ...PLATFORM_SDKS] as const) expect(loads(r.modules, name), `${args.join(' ')} loaded ${name}`).toBe(false);
    }
  });

  it('a database command loads Prisma and pg, and still no chat platform SDK, model SDK, exporter or queue', () => {
    const r = tracedRun(['users'], { DATABASE_URL: db.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('EMAIL');
    expect(loads(r.modules, 'prisma')).toBe(true);
    expect(loads(r.modules, 'pg')).toBe(true);
    for (const name of PLATFORM_SDKS) expect(loads(r.modules, name), `users loaded ${name}`).toBe(false);
    // Listing users is a Prisma query: its query compiler loads (what the ask test below shows it avoids).
    expect(r.modules.some((m) => QUERY_COMPILER.test(m))).toBe(true);
    // On a PostgreSQL server: one process, V8's defaults.
    expect(r.execArgv).toHaveLength(1);
    expect(r.execArgv[0]).not.toContain('--liftoff-only');
  });

  it('ask loads the model SDK and the database, and no chat platform SDK, Prometheus client, trace exporter or queue', () => {
    expect(tracedRun(['seed', '--leads', '20'], { DATABASE_URL: db.url }).code).toBe(0);
    const r = tracedRun(['ask', 'find leads in fintech'], { DATABASE_URL: db.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    for (const name of ['prisma', 'pg', 'ai'] as const) expect(loads(r.modules, name), `ask did not load ${name}`).toBe(true);
    for (const name of ['slack', 'teams', 'mcp', 'otel', 'prometheus', 'queues'] as const) expect(loads(r.modules, name), `ask loaded ${name}`).toBe(false);
    // Who is asking and the lead search run as plain SQL on the pool: no Prisma query, so no query compiler.
    expect(r.modules.some((m) => QUERY_COMPILER.test(m))).toBe(false);
  });

  it('a one-shot command on the embedded database runs with baseline-compiled wasm only; help and the server do not', () => {
    const r = tracedRun(['users']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('EMAIL');
    expect(loads(r.modules, 'pg')).toBe(true);
    // bin/salesos.js handed the command over to a Node started with --liftoff-only; that process ran it.
    expect(r.execArgv).toHaveLength(2);
    expect(r.execArgv.filter((flags) => flags.includes('--liftoff-only'))).toHaveLength(1);
    for (const args of [
      ['users', '--help'],
      ['start', '--help'],
    ]) {
      const help = tracedRun(args);
      expect(help.code).toBe(0);
      expect(help.execArgv).toHaveLength(1);
      expect(help.execArgv[0]).not.toContain('--liftoff-only');
    }
  });
});
