import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../core/config.ts';
import { ConfigError } from '../../core/errors.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('works with no variables at all: embedded database, port 3000, offline model', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\.salesos$/);
    expect(c.port).toBe(3000);
    expect(c.log).toEqual({ level: 'info', format: 'auto' });
    expect(c.model.apiKey).toBeUndefined();
    expect(c.cost.dailyLimitUsd).toBe(5);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });

  it('has deadlines by default and refuses a sweep bound that would sweep running turns', () => {
    expect(loadConfig({}).deadlines).toEqual({ llmMs: 60_000, turnMs: 120_000, shutdownGraceMs: 25_000 });
    expect(loadConfig({}).reservationSweepAfterMs).toBe(900_000);
    expect(problemsOf({ TURN_TIMEOUT_MS: '600000', RESERVATION_SWEEP_AFTER_MS: '300000' })).toEqual([
      'RESERVATION_SWEEP_AFTER_MS: must be longer than TURN_TIMEOUT_MS (600000), or running turns would be swept (got "300000")',
    ]);
    expect(problemsOf({ LLM_TIMEOUT_MS: '0' })[0]).toMatch(/^LLM_TIMEOUT_MS: expected at least 1/);
  });

  it('names every bad variable and what it expects in one error', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toContain('PORT: expected a whole number between 0 and 65535 (got "eighty")');
    expect(problems.join('\n')).toContain('LOG_LEVEL: expected one of error, warn, info, debug (got "loud")');
    expect(problems.join('\n')).toMatch(/DATABASE_URL: expected a postgresql:\/\/ connection URL \(got a value\)/);
    expect(problems.join('\n')).toMatch(/REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('never echoes a secret value in the error', () => {
    const problems = problemsOf({ SLACK_APP_TOKEN: 'not-an-app-token-secret', SLACK_BOT_TOKEN: 'xoxb-123' });
    expect(problems.join('\n')).not.toContain('not-an-app-token-secret');
    expect(problems.join('\n')).toContain('SLACK_APP_TOKEN: expected an app-level token starting with xapp-');
  });

  it('rejects out-of-range numbers and bad time zones', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toContain('PORT: expected at most 65535');
    expect(problemsOf({ SALESOS_TIME_ZONE: 'Mars/Olympus' })[0]).toContain('expected an IANA time zone');
    expect(problemsOf({ COST_DAILY_LIMIT_USD: '-1' })[0]).toContain('COST_DAILY_LIMIT_USD');
    expect(problemsOf({ COST_LEASE_PERCENT: '60' })[0]).toContain('COST_LEASE_PERCENT: expected at most 50');
  });

  it('leases 2% of a daily limit per process by default; 0 turns budget leases off', () => {
    expect(loadConfig({}).cost.leasePercent).toBe(2);
    expect(loadConfig({ COST_LEASE_PERCENT: '0' }).cost.leasePercent).toBe(0);
  });

  it('requires the Slack signing secret with a bot token in HTTP mode', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toContain('SLACK_SIGNING_SECRET: required');
  });

  it('reads the Slack workspace, guest policy and Web API deadline, naming bad values', () => {
    expect(loadConfig({}).slack).toMatchObject({ apiTimeoutMs: 10_000, guestUsers: 'deny', teamId: undefined });
    expect(loadConfig({ SLACK_TEAM_ID: 'T0123ABCD', SLACK_GUEST_USERS: 'read-only', SLACK_API_TIMEOUT_MS: '2500' }).slack).toMatchObject({
      teamId: 'T0123ABCD',
      guestUsers: 'read-only',
      apiTimeoutMs: 2_500,
    });
    expect(problemsOf({ SLACK_TEAM_ID: 'acme' })[0]).toContain('SLACK_TEAM_ID: expected a Slack workspace id');
    expect(problemsOf({ SLACK_GUEST_USERS: 'allow' })[0]).toContain('SLACK_GUEST_USERS: expected deny or read-only');
    expect(problemsOf({ SLACK_API_TIMEOUT_MS: '0' })[0]).toContain('SLACK_API_TIMEOUT_MS: expected at least 100');
  });

  it('refuses unauthenticated Teams when an app id is set', () => {
    expect(problemsOf({ MICROSOFT_APP_ID: 'abc', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })[0]).toContain('TEAMS_ALLOW_UNAUTHENTICATED');
  });

  it('reads TEAMS_ALLOWED_TENANTS as a lower-case list, and refuses it for a SingleTenant bot', () => {
    expect(loadConfig({ TEAMS_ALLOWED_TENANTS: ' Contoso-1 ,fabrikam ' }).teams.allowedTenants).toEqual(['contoso-1', 'fabrikam']);
    expect(problemsOf({ TEAMS_ALLOWED_TENANTS: 'a;b' })[0]).toContain('TEAMS_ALLOWED_TENANTS: expected a comma-separated list');
    expect(problemsOf({ MICROSOFT_APP_ID: 'x', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: 't', TEAMS_ALLOWED_TENANTS: 't' })[0]).toContain(
      'TEAMS_ALLOWED_TENANTS: only for MultiTenant',
    );
  });

  it('.env.example lists every variable SalesOS reads', () => {
    const example = fs.readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(CONFIG_VARIABLES.filter((v) => !listed.has(v))).toEqual([]);
  });

  it('the README documents every variable', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(CONFIG_VARIABLES.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });
});

describe('AUDIT_KEY', () => {
  it('is required in production and must be long enough', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toContain('AUDIT_KEY: required when NODE_ENV=production');
    expect(problemsOf({ AUDIT_KEY: 'short' }).join('\n')).toContain('AUDIT_KEY: expected at least 32 characters (got a value)');
    expect(loadConfig({ NODE_ENV: 'production', AUDIT_KEY: 'k'.repeat(32) }).audit.key).toBe('k'.repeat(32));
  });
});

describe('SALESOS_TEST_CLOCK', () => {
  it('fixes the digest clock in tests only, and must be an ISO time', () => {
    expect(loadConfig({ NODE_ENV: 'test', SALESOS_TEST_CLOCK: '2026-11-25T09:00:00Z' }).testClock).toEqual(new Date('2026-11-25T09:00:00Z'));
    expect(loadConfig({ NODE_ENV: 'test' }).testClock).toBeUndefined();
    // A frozen clock in a real deployment would stop its digests: refused outside NODE_ENV=test.
    expect(problemsOf({ SALESOS_TEST_CLOCK: '2026-11-25T09:00:00Z' })).toEqual(['SALESOS_TEST_CLOCK: only for tests (NODE_ENV=test); unset it (got a value)']);
    expect(problemsOf({ NODE_ENV: 'production', AUDIT_KEY: 'k'.repeat(32), SALESOS_TEST_CLOCK: '2026-11-25T09:00:00Z' })).toContain(
      'SALESOS_TEST_CLOCK: only for tests (NODE_ENV=test); unset it (got a value)',
    );
    expect(problemsOf({ NODE_ENV: 'test', SALESOS_TEST_CLOCK: 'next tuesday' })[0]).toMatch(/^SALESOS_TEST_CLOCK: expected an ISO 8601 time/);
  });
});
