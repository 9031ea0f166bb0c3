// With a real model (a fake OpenAI-compatible server on 127.0.0.1), the critique, the rewrite and the
// draft come from the model, which receives the rubric's findings as structured data; whatever it writes
// is scored again by the rubric. Offline, none of this runs (test/tools/tools.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailRoastCard } from '../../core/cards.ts';
import { checksNeedingWork } from '../../core/email/rubric.ts';
import { toolNamed } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import type { ToolContext } from '../../tools/tool.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { lastUserText, startFakeOpenAI, type ChatRequest, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let fake: FakeOpenAI;
let c: TestContainer;
let org: TestOrg;
let answer: (req: ChatRequest) => FakeAnswer;

const GOOD_REWRITE = {
  critique: 'No fact about them, three asks, a fake "Re:". Lead with their hiring and keep one ask.',
  subject: 'Your new SDRs',
  body: 'Hi Jane,\n\nSaw Acme is hiring three SDRs in Berlin this month.\n\nWe run daily practice calls on your own deals, so your new reps ramp faster. Northwind cut ramp from 5 months to 10 weeks.\n\nShould I send the two-page ramp plan?\n\nAlice',
};

beforeAll(async () => {
  fake = await startFakeOpenAI((req) => answer(req));
  c = await createTestContainer({ OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'gpt-5-mini' });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => {
  await c?.db.drop();
  await fake?.close();
});

async function ctxFor(): Promise<ToolContext> {
  const scope = await c.users.scopeFor(org.alice);
  return { actor: org.alice, platform: 'console', scope, teamMemberIds: [], services: c.services, llm: { model: c.model.model, id: c.model.id } };
}

const WEAK =
  'Subject: Re: QUICK QUESTION!!\n\nHi {{first_name}},\n\nI hope this email finds you well. We are the leading provider and our FREE trial is guaranteed. Can we book a meeting? Let me know! Reply now!';

describe('roastEmail with a model', () => {
  it('sends the rubric findings as structured data and re-scores the rewrite itself', async () => {
    answer = () => ({ text: JSON.stringify(GOOD_REWRITE) });
    const out = await runTool(toolNamed('roastEmail')!, { body: WEAK }, await ctxFor());
    const card = out.cards![0] as EmailRoastCard;
    expect(card.critique).toBe(GOOD_REWRITE.critique);
    expect(card.rewrite!.body).toBe(GOOD_REWRITE.body);
    expect(card.original.score.score).toBeLessThan(65);
    expect(card.rewrite!.score.score).toBeGreaterThanOrEqual(75);

    const sent = lastUserText(fake.requests.at(-1)!);
    const findings = JSON.parse(/Rubric findings:\n([\s\S]*?)\n\nEmail:/.exec(sent)![1]!);
    expect(findings.score).toBe(card.original.score.score);
    const relevance = findings.findings.find((f: { check: string }) => f.check === 'relevance');
    expect(relevance).toMatchObject({ status: 'fail', evidence: ['{{first_name}}'] });
    // What fixing each finding is worth is the rubric's own figure; near a score of 0 one fix can round to 0 points.
    const rubricRelevance = card.original.score.checks.find((c) => c.id === 'relevance')!;
    expect(relevance.pointsIfFixed).toBe(rubricRelevance.pointsToGain);
    // Costliest first, each with how much its check counts, so the model knows what matters most even there.
    expect(findings.findings.map((f: { check: string }) => f.check)).toEqual(checksNeedingWork(card.original.score).map((c) => c.id));
    expect(Math.max(...findings.findings.map((f: { weight: number }) => f.weight))).toBeGreaterThan(0);
    expect(findings.findings.map((f: { check: string }) => f.check)).toEqual(expect.arrayContaining(['cliches', 'spam_words', 'deceptive_prefix']));
  });

  it('scores a poor rewrite as poor: the model’s claim of quality is never taken on trust', async () => {
    answer = () => ({
      text: JSON.stringify({ critique: 'Perfect now.', subject: 'Quick question', body: 'Hi, I hope this finds you well. Let me know if interested.' }),
    });
    const out = await runTool(toolNamed('roastEmail')!, { body: WEAK }, await ctxFor());
    expect((out.cards![0] as EmailRoastCard).rewrite!.score.score).toBeLessThan(65);
  });

  it('falls back to the rubric alone when the model fails', async () => {
    answer = () => ({ status: 500, error: 'upstream down' });
    const out = await runTool(toolNamed('roastEmail')!, { body: WEAK }, await ctxFor());
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as EmailRoastCard;
    expect(card.rewrite).toBeUndefined();
    expect(card.original.score.checks.length).toBeGreaterThan(10);
  });
});

describe('draftEmail with a model', () => {
  beforeAll(async () => {
    await c.services.offers.set(
      { level: 'organisation' },
      {
        product: 'Rampwise',
        valueProposition: 'ramp new sales reps in half the time',
        proofPoints: ['Northwind cut ramp from 5 months to 10 weeks'],
      },
    );
  });

  it('gives the model the offer, the lead’s facts and the built-in draft’s findings, and uses its draft when it scores as well', async () => {
    answer = () => ({ text: JSON.stringify({ subject: GOOD_REWRITE.subject, body: GOOD_REWRITE.body }) });
    const out = await runTool(toolNamed('draftEmail')!, { lead: 'jane@acme.io' }, await ctxFor());
    const prompt = lastUserText(fake.requests.at(-1)!);
    expect(prompt).toContain('"valueProposition": "ramp new sales reps in half the time"');
    expect(prompt).toContain('"HubSpot"');
    expect(prompt).toMatch(/"findings": \[/);
    expect(out.data!.writer).toBe('model');
    expect(out.data!.body).toBe(GOOD_REWRITE.body);
  });

  it('keeps the built-in draft when the model’s scores lower', async () => {
    answer = () => ({
      text: JSON.stringify({ subject: 'Hello', body: 'Hi Jane, I hope this email finds you well. We are a leading provider. Let me know if interested.' }),
    });
    const out = await runTool(toolNamed('draftEmail')!, { lead: 'jane@acme.io' }, await ctxFor());
    expect(out.data!.writer).toBe('built-in');
    expect(out.data!.body as string).toContain('ramp new sales reps in half the time');
  });
});
