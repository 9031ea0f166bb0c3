// The real @ai-sdk/openai provider against a fake OpenAI-compatible server on 127.0.0.1 (chat
// completions, streamed and not, tool calls across steps) through the real tools and PostgreSQL.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, ReplyEvent } from '../../core/agent/types.ts';
import type { EmailRoastCard } from '../../core/cards.ts';
import { chooseLanguageModel } from '../../core/models/language-model.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { lastUserText, startFakeOpenAI, toolResultsIn, type ChatRequest, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';
import { createTestDatabase } from '../support/db.ts';
import { buildContainer } from '../../app/container.ts';
import { loadConfig } from '../../core/config.ts';

let fake: FakeOpenAI;
let c: TestContainer;
let org: TestOrg;

function brain(req: ChatRequest): FakeAnswer {
  const asked = lastUserText(req);
  const results = toolResultsIn(req);
  if ((req as { response_format?: unknown }).response_format) {
    return {
      text: JSON.stringify({
        critique: 'Too long, too much about you, three links and a fake "Re:".',
        subject: 'Acme hiring',
        body: 'Hi Jane, saw Acme is hiring SDRs in Berlin. Teams your size lose a week ramping each rep; Brightline cut that to two days with us. Worth a look?',
      }),
    };
  }
  if (asked.startsWith('find fintech')) {
    if (results.length === 0) return { toolCalls: [{ name: 'findLeads', arguments: { industry: ['Fintech'] } }] };
    if (results.length === 1) return { toolCalls: [{ name: 'getLead', arguments: { lead: results[0]!.output.leads[0].id } }] };
    return { text: `The best fintech lead is ${results[1]!.output.lead.fullName}.`, usage: { prompt: 900, completion: 40 } };
  }
  return { text: 'I can search, enrich and roast.' };
}

beforeAll(async () => {
  fake = await startFakeOpenAI(brain);
  c = await createTestContainer({ OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'gpt-5-mini' });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => {
  await c?.db.drop();
  await fake?.close();
});

async function ask(text: string): Promise<{ reply: Reply; events: ReplyEvent[] }> {
  const events: ReplyEvent[] = [];
  for await (const e of c.assistant.handleTurn({
    deliveryId: randomUUID(),
    platform: 'console',
    actor: org.alice,
    conversationKey: `console:${randomUUID()}`,
    text,
  }))
    events.push(e);
  return { reply: (events.at(-1) as { reply: Reply }).reply, events };
}

describe('an OpenAI-compatible server', () => {
  it('is chosen from OPENAI_BASE_URL and spoken to with chat completions', () => {
    expect(c.model.provider).toBe('openai-compatible');
    expect(chooseLanguageModel({ model: {} }).provider).toBe('offline');
  });

  it('drives tools across several streamed steps, with the real tool schemas', async () => {
    const { reply, events } = await ask('find fintech leads and show me the best one');
    expect(reply.text).toBe('The best fintech lead is Jane Doe.');
    expect(reply.toolCalls.map((t) => [t.name, t.outcome])).toEqual([
      ['findLeads', 'ok'],
      ['getLead', 'ok'],
    ]);
    expect(reply.cards.map((card) => card.type)).toEqual(['lead_list', 'lead_detail']);
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(3);
    const first = fake.requests.find((r) => lastUserText(r).startsWith('find fintech'))!;
    expect(first.stream).toBe(true);
    const findLeads = first.tools!.find((t) => t.function.name === 'findLeads')!;
    expect(Object.keys((findLeads.function.parameters as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['industry', 'country', 'tech', 'companySizeMin', 'cursor']),
    );
    expect(['system', 'developer']).toContain(first.messages[0]!.role);
    expect(String(first.messages[0]!.content)).toContain('Alice Rep');
    // Usage reported by the server is charged at the model's price.
    expect(reply.usage.inputTokens).toBeGreaterThan(900);
    expect(reply.usage.costUsd).toBeGreaterThan(0);
    const settled = await c.db.prisma.usageEntry.findMany({ where: { userId: org.alice.id, kind: 'model', status: 'settled' } });
    expect(settled.length).toBeGreaterThanOrEqual(3);
  });

  it('critiques and rewrites an email with a non-streamed structured call, re-scored by the rubric', async () => {
    const { reply } = await ask(
      'roast this email:\nSubject: Re: QUICK QUESTION!!\n\nHi {{first_name}}, I wanted to reach out because we are the leading provider and our FREE trial is guaranteed. ' +
        'Click here http://a.io http://b.io http://c.io. Can we book a meeting? Let me know! Reply now!',
    );
    // The fake answers the agent's first step with text (it does not call roastEmail), so call the tool path directly too.
    expect(reply.text.length).toBeGreaterThan(0);
    const { runTool } = await import('../../assistant/run-tool.ts');
    const { toolNamed } = await import('../../tools/registry.ts');
    const scope = await c.users.scopeFor(org.alice);
    const out = await runTool(
      toolNamed('roastEmail')!,
      {
        body: 'Subject: Re: QUICK QUESTION!!\n\nHi {{first_name}}, our FREE trial is guaranteed. Click here http://a.io http://b.io http://c.io. Can we book a meeting? Reply now!',
      },
      { actor: org.alice, platform: 'console', scope, teamMemberIds: [], services: c.services, llm: { model: c.model.model, id: c.model.id } },
    );
    const card = out.cards![0] as EmailRoastCard;
    expect(card.critique).toContain('fake "Re:"');
    expect(card.rewrite!.subject).toBe('Acme hiring');
    expect(card.rewrite!.score.score).toBeGreaterThan(card.original.score.score + 30);
    const structured = fake.requests.find((r) => (r as { response_format?: unknown }).response_format)!;
    expect(structured.stream).toBeFalsy();
  });

  it('refuses to start with a model missing from the price table', async () => {
    const db = await createTestDatabase();
    try {
      const config = loadConfig({ DATABASE_URL: db.url, OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'llama3.1' });
      await expect(buildContainer({ config, db, close: async () => {} })).rejects.toThrow(/llama3\.1/);
      const prices = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prices-')), 'prices.json');
      fs.writeFileSync(prices, JSON.stringify({ 'llama3.1': { inputPerMTok: 0, outputPerMTok: 0, maxOutputTokens: 4096 } }));
      const ok = await buildContainer({
        config: loadConfig({ DATABASE_URL: db.url, OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'llama3.1', COST_PRICES_FILE: prices }),
        db,
        close: async () => {},
      });
      expect(ok.model.id).toBe('llama3.1');
    } finally {
      await db.drop();
    }
  });
});

describe('OpenAI itself', () => {
  it('is chosen from OPENAI_API_KEY and spoken to with the same chat-completions protocol', () => {
    const choice = chooseLanguageModel({ model: { apiKey: 'sk-test-abcdefghijklmnop', id: 'gpt-5-mini' } });
    expect(choice.provider).toBe('openai');
    expect(choice.label).toBe('OpenAI gpt-5-mini');
    expect((choice.model as { provider: string }).provider).toBe('openai.chat');
    expect(chooseLanguageModel({ model: { apiKey: 'sk-test-abcdefghijklmnop' } }).id).toBe('gpt-5-mini');
  });
});
