// A misbehaving model server, through the real provider, CostGuard, audit trail and PostgreSQL: for each
// fault the rep gets a clear message (never an empty reply), the model call is audited with its own code,
// no reservation stays open, and the next request is served.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../core/agent/types.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeOpenAI, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

const LLM_TIMEOUT_MS = 400;
let fake: FakeOpenAI;
let c: TestContainer;
let org: TestOrg;
let answers: FakeAnswer[] = [];

beforeAll(async () => {
  // Each test queues the answers of its model calls; once they are used up the model answers normally.
  fake = await startFakeOpenAI(() => answers.shift() ?? { text: 'All good again.' });
  c = await createTestContainer({ OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'gpt-5-mini', LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS), TURN_TIMEOUT_MS: '15000' });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => {
  await c?.db.drop();
  await fake?.close();
});
beforeEach(() => {
  answers = [];
});

async function ask(text = 'hello'): Promise<{ reply: Reply; conversationId: string; ms: number }> {
  const conversationKey = `console:${randomUUID()}`;
  const started = performance.now();
  let reply: Reply | undefined;
  for await (const e of c.assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor: org.alice, conversationKey, text }))
    if (e.type === 'done') reply = e.reply;
  const ms = performance.now() - started;
  const conv = await c.db.prisma.conversation.findFirstOrThrow({ where: { key: conversationKey } });
  return { reply: reply!, conversationId: conv.id, ms };
}

async function modelAudit(conversationId: string) {
  return c.db.prisma.auditEntry.findMany({ where: { conversationId, kind: 'model' }, orderBy: { seq: 'asc' } });
}

/** Calls' reservations still open (a budget lease the process holds for its next calls is not one). */
async function openReservations(): Promise<number> {
  return c.db.prisma.usageEntry.count({ where: { status: 'reserved', lease: false } });
}

async function expectServesNext(): Promise<void> {
  const next = await ask();
  expect(next.reply.text).toBe('All good again.');
}

function errorCard(reply: Reply) {
  return reply.cards.find((card) => card.type === 'error') as { message: string; code?: string } | undefined;
}

describe('a model server that misbehaves', () => {
  it('hangs: the turn ends after LLM_TIMEOUT_MS with a timeout message, audited as timeout, reservation settled', async () => {
    answers = [{ hang: true }];
    const { reply, conversationId, ms } = await ask();
    expect(ms).toBeGreaterThanOrEqual(LLM_TIMEOUT_MS);
    expect(ms).toBeLessThan(LLM_TIMEOUT_MS + 10_000); // the model's deadline ended it, not the turn's 15 s (the message below says which)
    expect(reply.text).toContain('The AI model did not answer within 0.4 s, so I stopped waiting. Nothing was changed.');
    expect(errorCard(reply)?.code).toBe('timeout');
    const rows = await modelAudit(conversationId);
    expect(rows.map((r) => [r.outcome, r.errorCode])).toEqual([['timeout', 'timeout']]);
    // The request reached the model, so it may have been billed: the reservation is the charge.
    expect(Number(rows[0]!.costUsd)).toBeGreaterThan(0);
    expect(await openReservations()).toBe(0);
    // The turn is in thread memory, with what the rep was told.
    const stored = await c.db.prisma.message.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
    await expectServesNext();
  });

  it('streams slower than LLM_TIMEOUT_MS between chunks: stopped mid-answer, partial text kept, timeout audited', async () => {
    answers = [{ slow: { text: 'first second third', chunkDelayMs: LLM_TIMEOUT_MS * 3 } }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('The AI model did not answer within 0.4 s');
    expect((await modelAudit(conversationId)).map((r) => r.outcome)).toEqual(['timeout']);
    expect(await openReservations()).toBe(0);
    await expectServesNext();
  });

  it('streams slowly but within LLM_TIMEOUT_MS per chunk: the whole answer arrives', async () => {
    answers = [{ slow: { text: 'slow but steady', chunkDelayMs: LLM_TIMEOUT_MS / 4 } }];
    const { reply } = await ask();
    expect(reply.text).toBe('slow but steady');
  });

  it('429 with a short Retry-After: retried within the deadline, and the rep gets the answer', async () => {
    answers = [{ status: 429, error: 'Rate limit reached', headers: { 'retry-after-ms': '100' } }, { text: 'Answered after the retry.' }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toBe('Answered after the retry.');
    expect((await modelAudit(conversationId)).map((r) => r.outcome)).toEqual(['ok']);
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(await openReservations()).toBe(0);
  });

  it('429 with a Retry-After beyond the deadline: "rate-limiting; try again in N s", reservation released', async () => {
    answers = [{ status: 429, error: 'Rate limit reached', headers: { 'retry-after': '30' } }];
    const charged = () => c.db.prisma.usageEntry.count({ where: { status: 'settled', lease: false } });
    const chargedBefore = await charged();
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('The AI provider is rate-limiting SalesOS right now. Nothing was changed. Try again in 30 s.');
    const rows = await modelAudit(conversationId);
    expect(rows.map((r) => [r.outcome, r.errorCode, Number(r.costUsd)])).toEqual([['error', 'rate_limited', 0]]);
    // Released: served from the process's budget lease, its estimate went back to the lease and no charge was written.
    expect(await charged()).toBe(chargedBefore);
    expect(await openReservations()).toBe(0);
    await expectServesNext();
  });

  it('401: the rep is told an admin must fix the key', async () => {
    answers = [{ status: 401, error: 'Incorrect API key provided' }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('An admin must fix the API key (OPENAI_API_KEY)');
    expect((await modelAudit(conversationId)).map((r) => r.errorCode)).toEqual(['provider_auth']);
    await expectServesNext();
  });

  it('500: the provider is having problems', async () => {
    answers = [{ status: 500, error: 'The server had an error' }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('The AI provider is having problems (HTTP 500). Nothing was changed. Please try again in a few minutes.');
    expect((await modelAudit(conversationId)).map((r) => [r.outcome, r.errorCode])).toEqual([['error', 'provider_unavailable']]);
    expect(await openReservations()).toBe(0);
    await expectServesNext();
  });

  it('a 200 whose body is not the protocol: a named error, never an empty reply, charged the reservation', async () => {
    answers = [{ garbage: '<html><body>Gateway says hi</body></html>' }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('The AI provider answered with something that is not a model response.');
    const rows = await modelAudit(conversationId);
    expect(rows.map((r) => [r.outcome, r.errorCode])).toEqual([['error', 'provider_bad_response']]);
    expect(Number(rows[0]!.costUsd)).toBeGreaterThan(0);
    expect(await openReservations()).toBe(0);
    await expectServesNext();
  });

  it('a stream cut mid-way: the partial answer plus what happened', async () => {
    answers = [{ cut: { text: 'Here is the start of a long answer', afterChunks: 3 } }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('The connection to the AI provider broke off in the middle of the answer.');
    expect((await modelAudit(conversationId)).map((r) => [r.outcome, r.errorCode])).toEqual([['error', 'provider_stream_cut']]);
    expect(await openReservations()).toBe(0);
    await expectServesNext();
  });

  it('context length exceeded: start a new thread', async () => {
    answers = [{ status: 400, error: "This model's maximum context length is 8192 tokens.", code: 'context_length_exceeded' }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain('This conversation is too long for the AI model.');
    expect((await modelAudit(conversationId)).map((r) => r.errorCode)).toEqual(['context_too_long']);
    await expectServesNext();
  });

  it('content filtered: charged the reported usage, the rep asked to rephrase', async () => {
    answers = [{ text: '', finishReason: 'content_filter', usage: { prompt: 50, completion: 0 } }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toContain("The AI provider's content filter blocked this answer.");
    const rows = await modelAudit(conversationId);
    expect(rows.map((r) => [r.outcome, r.errorCode])).toEqual([['error', 'content_filtered']]);
    expect(Number(rows[0]!.costUsd)).toBeCloseTo((50 * 0.25) / 1e6, 5);
    await expectServesNext();
  });

  it('an empty answer: the rep hears about it', async () => {
    answers = [{ text: '' }];
    const { reply } = await ask();
    expect(reply.text).toContain('The AI model returned an empty answer.');
  });

  it('usage larger than the request allowed: charged what was reported and audited as an anomaly', async () => {
    // maxOutputTokens is 4096 per call; the provider claims far more.
    answers = [{ text: 'Expensive.', usage: { prompt: 100, completion: 1_000_000 } }];
    const { reply, conversationId } = await ask();
    expect(reply.text).toBe('Expensive.');
    const [row] = await modelAudit(conversationId);
    const charged = (100 * 0.25 + 1_000_000 * 2) / 1e6;
    expect(row).toMatchObject({ outcome: 'ok', errorCode: 'usage_anomaly' });
    expect(Number(row!.costUsd)).toBeCloseTo(charged, 6);
    expect((row!.input as { anomaly?: { chargedUsd: number } }).anomaly?.chargedUsd).toBeCloseTo(charged, 6);
    const entry = await c.db.prisma.usageEntry.findFirstOrThrow({ where: { userId: org.alice.id, status: 'settled' }, orderBy: { createdAt: 'desc' } });
    expect(Number(entry.costUsd)).toBeCloseTo(charged, 6);
  });
});
