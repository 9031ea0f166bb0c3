// The analysis client against a real HTTP server on 127.0.0.1 that answers as told: retries of 5xx and 429,
// no retry of 400, answers checked against the contract, requests checked before they leave, a deadline per
// attempt and a circuit breaker.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisClient } from '../../../core/enrichment/analysis-client.ts';
import { DependencyError, ValidationError } from '../../../core/errors.ts';

type Answer = { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
let script: Answer[] = [];
let seen: { path: string; body: unknown; auth?: string }[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ path: req.url!, body: JSON.parse(raw), auth: req.headers.authorization });
      const a = script.shift() ?? { status: 500 };
      setTimeout(() => {
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {}));
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  script = [];
  seen = [];
});

const PATTERNS = { goal: 'replied', leads: 40, positives: 10, baseRate: 0.25, minSupport: 5, testedCells: 3, patterns: [], notes: [] };
const request = {
  leads: [
    { industry: 'Fintech', outcome: 'replied' as const },
    { industry: 'Retail', outcome: 'no_reply' as const },
  ],
};
const client = (over: Record<string, unknown> = {}) =>
  createAnalysisClient({ baseUrl: url, token: 'tok-1', timeoutMs: 500, backoff: { baseMs: 1, maxMs: 2 }, random: () => 0, ...over });

describe('analysis client', () => {
  it('sends attributes only, with the token, and returns the validated answer', async () => {
    script = [{ status: 200, body: PATTERNS }];
    const answer = await client().patterns(request);
    expect(answer.positives).toBe(10);
    expect(seen).toEqual([{ path: '/v1/patterns', body: request, auth: 'Bearer tok-1' }]);
  });

  it('retries a 503 and a 429 with a short Retry-After, then succeeds', async () => {
    script = [{ status: 503 }, { status: 429, headers: { 'retry-after': '0' } }, { status: 200, body: PATTERNS }];
    await expect(client().patterns(request)).resolves.toMatchObject({ leads: 40 });
    expect(seen).toHaveLength(3);
  });

  it("never retries a 400 and shows the agent's reason", async () => {
    script = [
      { status: 400, body: { error: { code: 'invalid_request', message: 'leads: too many' } } },
      { status: 200, body: PATTERNS },
    ];
    await expect(client().patterns(request)).rejects.toThrow('refused the pattern analysis: leads: too many');
    expect(seen).toHaveLength(1);
  });

  it('rejects an answer that breaks the contract', async () => {
    script = [{ status: 200, body: { ...PATTERNS, baseRate: 7 } }];
    const err = await client()
      .patterns(request)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DependencyError);
    expect((err as DependencyError).userMessage).toContain('could not read');
  });

  it('refuses to send a name or an email, before anything leaves', async () => {
    const bad = { leads: [{ industry: 'Fintech', outcome: 'replied', email: 'jane@acme.io' }] };
    await expect(client().patterns(bad as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(client().lookalikes({ seeds: [{ fullName: 'Jane' } as never], candidates: [{ id: '1' }] })).rejects.toBeInstanceOf(ValidationError);
    expect(seen).toEqual([]);
  });

  it('gives up after the deadline of each attempt, then opens the breaker and fails fast', async () => {
    const c = client({ retries: 0, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    script = [
      { status: 200, body: PATTERNS, delayMs: 800 },
      { status: 200, body: PATTERNS, delayMs: 800 },
    ];
    await expect(c.patterns(request)).rejects.toThrow('no answer within 500 ms');
    await expect(c.patterns(request)).rejects.toThrow('no answer within 500 ms');
    await expect(c.patterns(request)).rejects.toThrow('failed repeatedly');
    expect(seen).toHaveLength(2);
  });
});
