import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/agent/types.ts';
import { createAuditTrail } from '../../../core/audit/audit-trail.ts';
import { createCostGuard } from '../../../core/cost/cost-guard.ts';
import { VENDORED_PRICES, type PriceTable } from '../../../core/cost/prices.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { testAuditKey as auditKey } from '../../support/audit-key.ts';

let db: TestDatabase;
let n = 0;
// $1000 per 1M input tokens and $2000 per 1M output: 10 input + 20 output tokens cost $0.05.
const prices: PriceTable = {
  ...VENDORED_PRICES,
  models: {
    ...VENDORED_PRICES.models,
    'test-model': { inputPerMTok: 1000, outputPerMTok: 2000, maxOutputTokens: 100 },
    'free-model': { inputPerMTok: 0, outputPerMTok: 0, maxOutputTokens: 100 },
  },
};

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function makeUser(dailyLimitUsd = 5): Promise<Actor> {
  const u = await db.prisma.user.create({ data: { email: `mm${++n}@example.com`, name: `Rep ${n}`, dailyLimitUsd } });
  return { id: u.id, email: u.email, name: u.name, role: 'rep', timeZone: 'UTC', teamId: null };
}

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

const textChunks: LanguageModelV4StreamPart[] = [
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Hello' },
  { type: 'text-end', id: 't1' },
];

function setup(actor: Actor, modelId = 'test-model') {
  const audit = createAuditTrail(db, { key: auditKey });
  const guard = createCostGuard({ db, defaultDailyLimitUsd: 5, prices, audit, limitCacheMs: 0 });
  return { guard, middleware: guard.modelMiddleware(actor, modelId, { platform: 'console', conversationId: 'c-1' }) };
}

async function entries(userId: string) {
  return db.prisma.usageEntry.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
}
async function audits(userId: string) {
  return db.prisma.auditEntry.findMany({ where: { actorId: userId }, orderBy: { seq: 'asc' } });
}

describe('CostGuard model middleware', () => {
  it('reserves the worst case for generateText and settles the usage the model reported', async () => {
    const actor = await makeUser();
    const mock = new MockLanguageModelV4({
      modelId: 'test-model',
      doGenerate: async () => ({ content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] }),
    });
    const model = wrapLanguageModel({ model: mock, middleware: setup(actor).middleware });
    const result = await generateText({ model, prompt: 'Say hi', maxOutputTokens: 50 });
    expect(result.text).toBe('Hi');
    const [row] = await entries(actor.id);
    expect(row).toMatchObject({ status: 'settled', kind: 'model', name: 'test-model', inputTokens: 10, outputTokens: 20 });
    expect(Number(row!.costUsd)).toBeCloseTo(0.05, 6);
    // 50 output tokens alone cost $0.10: the reservation covered the cap the call was made with.
    expect(Number(row!.reservedUsd)).toBeGreaterThan(0.1);
    const [audit] = await audits(actor.id);
    expect(audit).toMatchObject({ kind: 'model', name: 'test-model', outcome: 'ok', platform: 'console', conversationId: 'c-1' });
    expect(Number(audit!.costUsd)).toBeCloseTo(0.05, 6);
  });

  it('settles a streamed call when the stream finishes', async () => {
    const actor = await makeUser();
    const mock = new MockLanguageModelV4({
      modelId: 'test-model',
      doStream: async () => ({
        stream: simulateReadableStream({ chunks: [...textChunks, { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage }] }),
      }),
    });
    const result = streamText({ model: wrapLanguageModel({ model: mock, middleware: setup(actor).middleware }), prompt: 'Say hello' });
    expect(await result.text).toBe('Hello');
    await result.usage;
    const [row] = await entries(actor.id);
    expect(row!.status).toBe('settled');
    expect(Number(row!.costUsd)).toBeCloseTo(0.05, 6);
    expect((await audits(actor.id))[0]!.outcome).toBe('ok');
  });

  it('keeps the reservation as the charge when the stream errors', async () => {
    const actor = await makeUser();
    const mock = new MockLanguageModelV4({
      modelId: 'test-model',
      doStream: async () => ({ stream: simulateReadableStream({ chunks: [...textChunks, { type: 'error', error: new Error('connection lost') }] }) }),
    });
    const result = streamText({ model: wrapLanguageModel({ model: mock, middleware: setup(actor).middleware }), prompt: 'Say hello', onError: () => {} });
    await result.consumeStream();
    await expect.poll(async () => (await entries(actor.id))[0]?.status).toBe('settled');
    const [row] = await entries(actor.id);
    expect(Number(row!.costUsd)).toBe(Number(row!.reservedUsd));
    expect(row!.inputTokens).toBeNull();
    await expect.poll(async () => (await audits(actor.id))[0]?.outcome).toBe('error');
  });

  it('releases the reservation when the provider refuses the call before generating anything', async () => {
    const actor = await makeUser();
    const { APICallError } = await import('@ai-sdk/provider');
    const mock = new MockLanguageModelV4({
      modelId: 'test-model',
      doGenerate: async () => {
        throw new APICallError({ message: 'rate limited', url: 'http://127.0.0.1/v1/responses', requestBodyValues: {}, statusCode: 429, isRetryable: false });
      },
    });
    await expect(generateText({ model: wrapLanguageModel({ model: mock, middleware: setup(actor).middleware }), prompt: 'x', maxRetries: 0 })).rejects.toThrow(
      /rate limited/,
    );
    const [row] = await entries(actor.id);
    expect(row!.status).toBe('released');
    expect(Number(row!.costUsd)).toBe(0);
  });

  it('refuses an over-budget call before it reaches the model and audits it as over_budget', async () => {
    const actor = await makeUser(0.01);
    const mock = new MockLanguageModelV4({
      modelId: 'test-model',
      doGenerate: async () => ({ content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] }),
    });
    const model = wrapLanguageModel({ model: mock, middleware: setup(actor).middleware });
    await expect(generateText({ model, prompt: 'Say hi', maxOutputTokens: 50 })).rejects.toMatchObject({
      code: 'over_budget',
      userMessage: expect.stringMatching(/^You have used \$0\.00 of your \$0\.01 daily AI budget, and this needs up to \$0\.\d\d\./),
    });
    expect(mock.doGenerateCalls).toHaveLength(0);
    expect(await entries(actor.id)).toHaveLength(0);
    const [audit] = await audits(actor.id);
    expect(audit).toMatchObject({ kind: 'model', name: 'test-model', outcome: 'over_budget', errorCode: 'over_budget' });
  });

  it('refuses a model without a price as a configuration error, without calling it', async () => {
    const actor = await makeUser();
    const guard = createCostGuard({ db, defaultDailyLimitUsd: 5, prices });
    const mock = new MockLanguageModelV4({ modelId: 'mystery-model' });
    const model = wrapLanguageModel({ model: mock, middleware: guard.modelMiddleware(actor, 'mystery-model', { platform: 'console' }) });
    await expect(generateText({ model, prompt: 'x' })).rejects.toMatchObject({ code: 'config_invalid' });
    expect(mock.doGenerateCalls).toHaveLength(0);
  });
});

describe('CostGuard model middleware for a free model', () => {
  const hi = () =>
    new MockLanguageModelV4({
      modelId: 'free-model',
      doGenerate: async () => ({ content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] }),
    });

  it('reserves nothing, and audits the call at no cost', async () => {
    const actor = await makeUser();
    const { middleware } = setup(actor, 'free-model');
    await generateText({ model: wrapLanguageModel({ model: hi(), middleware }), prompt: 'Say hi' });
    expect(await entries(actor.id)).toHaveLength(0);
    const [audit] = await audits(actor.id);
    expect(audit).toMatchObject({ kind: 'model', name: 'free-model', outcome: 'ok', input: expect.objectContaining({ free: true }) });
    expect(Number(audit!.costUsd)).toBe(0);
  });

  it('refuses a user whose budget is 0 (AI switched off) before the model is called', async () => {
    const actor = await makeUser(0);
    const { middleware } = setup(actor, 'free-model');
    const model = hi();
    await expect(generateText({ model: wrapLanguageModel({ model, middleware }), prompt: 'Say hi' })).rejects.toMatchObject({
      code: 'over_budget',
      userMessage: expect.stringMatching(/^You have used \$0\.00 of your \$0\.00 daily AI budget/),
    });
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(await entries(actor.id)).toHaveLength(0);
    expect((await audits(actor.id))[0]).toMatchObject({ outcome: 'over_budget' });
  });

  it("shows free calls in today's usage, counted from the audit trail, at $0", async () => {
    const actor = await makeUser();
    const { guard, middleware } = setup(actor, 'free-model');
    for (let i = 0; i < 2; i++) await generateText({ model: wrapLanguageModel({ model: hi(), middleware }), prompt: 'Say hi' });
    await generateText({
      model: wrapLanguageModel({ model: hi(), middleware: guard.modelMiddleware(actor, 'test-model', { platform: 'console' }) }),
      prompt: 'Say hi',
    });
    const card = await guard.usageToday(actor);
    expect(card.byName).toEqual([
      { name: 'free-model', kind: 'model', calls: 2, costUsd: 0 },
      { name: 'test-model', kind: 'model', calls: 1, costUsd: 0.05 },
    ]);
    expect(card.spentUsd).toBeCloseTo(0.05, 6);
  });
});
