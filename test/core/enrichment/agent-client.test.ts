import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEnrichmentAgentClient, type EnrichmentAgentClientOptions } from '../../../core/enrichment/agent-client.ts';
import { DependencyError, ValidationError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/log.ts';
import { startFakeEnrichmentAgent, type FakeEnrichmentAgent } from '../../support/fake-enrichment-agent.ts';

const TOKEN = 'agent-secret-token-123456';
const lead = { email: 'jane.doe@acme-robotics.io', fullName: 'Jane Doe', company: null, title: '' };
let agent: FakeEnrichmentAgent;

function client(overrides: Partial<EnrichmentAgentClientOptions> = {}) {
  return createEnrichmentAgentClient({
    baseUrl: agent.url,
    token: TOKEN,
    timeoutMs: 1_000,
    backoff: { baseMs: 10, maxMs: 40 },
    logger: createLogger({ stream: new Writable({ write: (_c, _e, cb) => cb() }) }),
    ...overrides,
  });
}

async function failure(p: Promise<unknown>): Promise<DependencyError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DependencyError);
  return err as DependencyError;
}

beforeAll(async () => {
  agent = await startFakeEnrichmentAgent({ token: TOKEN });
});
afterAll(async () => {
  await agent.close();
});
beforeEach(async () => {
  await agent.setMode('normal');
  agent.requests.length = 0;
});

describe('enrichment agent client', () => {
  it('returns the fields and cost the agent sent, with bearer token, idempotency key and request id', async () => {
    const result = await client().enrich(lead, { requestId: 'req-1' });
    expect(result).toMatchObject({ source: 'agent', found: true, costUsd: 0.03, requestId: 'req-1', sources: ['fake-agent:people-db'] });
    expect(result.fields).toMatchObject({ fullName: 'Jane Doe', company: 'Acme-robotics', seniority: 'director', techStack: ['HubSpot', 'Slack'] });
    expect(result.confidence?.title).toBe(0.9);
    const [req] = agent.requests;
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req?.headers['x-request-id']).toBe('req-1');
    // Only what is known is sent: null and empty values are left out.
    expect(req?.body).toEqual({ lead: { email: 'jane.doe@acme-robotics.io', fullName: 'Jane Doe' } });
  });

  it('asks only for the requested fields and keeps only those', async () => {
    const result = await client().enrich(lead, { fields: ['title', 'companySize'] });
    expect(agent.requests[0]?.body).toMatchObject({ fields: ['title', 'companySize'] });
    expect(Object.keys(result.fields).sort()).toEqual(['companySize', 'title']);
  });

  it('sends no Authorization header when no token is configured', async () => {
    const open = await startFakeEnrichmentAgent();
    try {
      await client({ baseUrl: open.url, token: undefined }).enrich(lead);
      expect(open.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('succeeds after two HTTP 500s, retrying with the same idempotency key', async () => {
    await agent.setMode('500', { times: 2 });
    const result = await client().enrich(lead);
    expect(result.fields.fullName).toBe('Jane Doe');
    expect(agent.requests).toHaveLength(3);
    expect(new Set(agent.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('gives up with a DependencyError after retries + 1 attempts when the agent keeps failing', async () => {
    await agent.setMode('500');
    const err = await failure(client({ retries: 2 }).enrich(lead));
    expect(err.code).toBe('dependency_failed');
    expect(err.retryable).toBe(true);
    expect(err.userMessage).toBe('The enrichment agent failed (HTTP 500, 3 tries). Nothing was changed; try again in a few minutes.');
    expect(agent.requests).toHaveLength(3);
  });

  it('times out each attempt and reports that the agent did not answer', async () => {
    await agent.setMode('slow', { delayMs: 5_000 });
    const started = Date.now();
    const err = await failure(client({ timeoutMs: 100, retries: 2 }).enrich(lead));
    const elapsed = Date.now() - started;
    expect(err.code).toBe('dependency_down');
    expect(err.userMessage).toContain('no answer within 100 ms, 3 tries');
    expect(agent.requests).toHaveLength(3);
    // Three 100 ms attempts plus small backoffs, nowhere near the server's 5 s delay.
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('reports a down agent as not reachable', async () => {
    await agent.setMode('down');
    const err = await failure(client({ retries: 1 }).enrich(lead));
    expect(err.code).toBe('dependency_down');
    expect(err.userMessage).toBe(
      'The enrichment agent is not reachable right now (connection refused, 2 tries). Nothing was changed; try again in a few minutes.',
    );
  });

  it('rejects a body that is not JSON without retrying', async () => {
    await agent.setMode('malformed');
    const err = await failure(client().enrich(lead));
    expect(err.code).toBe('dependency_failed');
    expect(err.userMessage).toBe('The enrichment agent sent back something SalesOS could not read; nothing was changed.');
    expect(agent.requests).toHaveLength(1);
  });

  it('rejects JSON that breaks the contract as a whole, applying nothing', async () => {
    await agent.setMode('wrong_shape');
    const err = await failure(client().enrich(lead));
    expect(err.code).toBe('dependency_failed');
    expect(err.userMessage).toContain('could not read; nothing was changed');
  });

  it('rejects a value the lead could not store (a bad LinkedIn URL)', async () => {
    await agent.setMode('normal', { lead: { linkedinUrl: 'https://example.com/jane' } });
    const err = await failure(client().enrich(lead));
    expect(err.code).toBe('dependency_failed');
  });

  it('turns 404 into a "no data found" result without retrying', async () => {
    await agent.setMode('404');
    const result = await client().enrich(lead);
    expect(result).toMatchObject({ source: 'agent', found: false, fields: {}, costUsd: 0 });
    expect(result.notes).toEqual(['The enrichment agent has no data on this person.']);
    expect(agent.requests).toHaveLength(1);
  });

  it('passes on the reason of a 422 and does not retry', async () => {
    await agent.setMode('422');
    const err = await failure(client().enrich(lead));
    expect(err.userMessage).toBe('The enrichment agent rejected this lead: the email domain does not exist. Nothing was changed.');
    expect(err.retryable).toBe(false);
    expect(agent.requests).toHaveLength(1);
  });

  it('names ENRICHMENT_AGENT_TOKEN when the agent refuses the token', async () => {
    const err = await failure(client({ token: 'wrong-token' }).enrich(lead));
    expect(err.userMessage).toContain('check ENRICHMENT_AGENT_TOKEN');
    expect(agent.requests).toHaveLength(1);
  });

  it('waits for Retry-After on 429 before trying again', async () => {
    await agent.setMode('429', { times: 1, retryAfter: '1' });
    const started = Date.now();
    const result = await client().enrich(lead);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.found).toBe(true);
    expect(agent.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than it is willing to wait', async () => {
    await agent.setMode('429', { retryAfter: '120' });
    const err = await failure(client({ maxRetryAfterMs: 5_000 }).enrich(lead));
    expect(err.userMessage).toBe(
      'The enrichment agent is too busy right now (rate limited; it asked to wait 120 s). Nothing was changed; try again in a few minutes.',
    );
    expect(agent.requests).toHaveLength(1);
  });

  it('refuses a lead whose email cannot be sent, naming the problem', async () => {
    const err = await client()
      .enrich({ email: 'not-an-email' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).userMessage).toContain('email is not a valid email address');
    expect(agent.requests).toHaveLength(0);
  });

  it('stops at once when the caller cancels, without retrying', async () => {
    await agent.setMode('slow', { delayMs: 5_000 });
    const c = client();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('rep cancelled')), 50);
    await expect(c.enrich(lead, { signal: controller.signal })).rejects.toThrow('rep cancelled');
    expect(agent.requests).toHaveLength(1);
    expect(c.breaker.failures).toBe(0);
  });

  it('logs each failed attempt with status, attempt and duration, and never the token', async () => {
    await agent.setMode('500', { times: 1 });
    let logged = '';
    const logger = createLogger({ format: 'json', stream: new Writable({ write: (c, _e, cb) => ((logged += String(c)), cb()) }) });
    await client({ logger }).enrich(lead);
    const line = JSON.parse(logged.trim().split('\n')[0]!);
    expect(line).toMatchObject({ message: 'enrichment agent attempt failed', status: 500, attempt: 1, attempts: 3, willRetry: true });
    expect(typeof line.durationMs).toBe('number');
    expect(logged).not.toContain(TOKEN);
  });

  it('reports health from GET /healthz', async () => {
    expect(await client().health()).toEqual({ ok: true, detail: 'HTTP 200' });
    await agent.setMode('down');
    expect((await client().health()).ok).toBe(false);
  });
});

describe('enrichment agent circuit breaker', () => {
  it('opens after the threshold and then fails fast without calling the agent', async () => {
    await agent.setMode('500');
    const c = client({ retries: 0, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    await failure(c.enrich(lead));
    await failure(c.enrich(lead));
    expect(agent.requests).toHaveLength(2);
    const err = await failure(c.enrich(lead));
    expect(err.code).toBe('dependency_down');
    expect(err.userMessage).toMatch(
      /^The enrichment agent is not reachable right now \(.*try it again in 60 s\)\. Nothing was changed; try again in a few minutes\.$/,
    );
    expect(agent.requests).toHaveLength(2);
    expect(c.breaker.state).toBe('open');
  });

  it('lets one trial call through after the cooldown and closes when it succeeds', async () => {
    await agent.setMode('500');
    const c = client({ retries: 2, breaker: { failureThreshold: 1, cooldownMs: 150 } });
    await failure(c.enrich(lead));
    expect(c.breaker.state).toBe('open');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.breaker.state).toBe('half_open');
    await agent.setMode('normal');
    agent.requests.length = 0;
    const result = await c.enrich(lead);
    expect(result.found).toBe(true);
    expect(agent.requests).toHaveLength(1);
    expect(c.breaker.state).toBe('closed');
  });

  it('re-opens when the trial call fails, after a single attempt', async () => {
    await agent.setMode('500');
    const c = client({ retries: 2, breaker: { failureThreshold: 1, cooldownMs: 150 } });
    await failure(c.enrich(lead));
    await new Promise((r) => setTimeout(r, 200));
    agent.requests.length = 0;
    const err = await failure(c.enrich(lead));
    expect(err.userMessage).toContain('1 try');
    expect(agent.requests).toHaveLength(1);
    expect(c.breaker.state).toBe('open');
  });
});
