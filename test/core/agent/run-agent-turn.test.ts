// The agent loop through the real Assistant (tools, middleware, PostgreSQL) with the AI SDK's own
// MockLanguageModelV4 scripted step by step.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Reply, ReplyEvent } from '../../../core/agent/types.ts';
import type { ModelChoice } from '../../../core/models/language-model.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';
import { createTestOrg, type TestOrg } from '../../support/org.ts';
import { scriptedModel, toolResultsSeen, type Step } from '../../support/scripted-model.ts';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';

let c: TestContainer;
let org: TestOrg;
beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

function assistantWith(script: (call: number, o: LanguageModelV4CallOptions) => Step, streams?: boolean) {
  const model = scriptedModel(script);
  const choice: ModelChoice = { model, id: 'gpt-5-mini', provider: 'openai', label: 'scripted', streams };
  return { model, choice };
}

async function turn(
  script: (call: number, o: LanguageModelV4CallOptions) => Step,
  actor: Actor,
  text: string,
  conversationKey = `console:${randomUUID()}`,
  streams?: boolean,
) {
  const { model, choice } = assistantWith(script, streams);
  const { createAssistant } = await import('../../../assistant/assistant.ts');
  const assistant = createAssistant({
    services: c.services,
    conversations: c.conversations,
    deliveries: c.deliveries,
    feedback: c.feedback,
    model: choice,
    maxSteps: 4,
  });
  const events: ReplyEvent[] = [];
  for await (const e of assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor, conversationKey, text })) events.push(e);
  const done = events.at(-1)!;
  expect(done.type).toBe('done');
  return { events, reply: (done as { reply: Reply }).reply, model };
}

describe('a turn', () => {
  it('runs tools across steps and streams the reply with the cards the tools produced', async () => {
    const { events, reply, model } = await turn(
      (n) =>
        n === 0 ? { toolCalls: [{ toolName: 'findLeads', input: { industry: ['Fintech'], country: ['Germany'] } }] } : { text: 'Two fintech CTOs in Germany.' },
      org.alice,
      'find CTOs at fintech companies in Germany',
    );
    expect(reply.text).toBe('Two fintech CTOs in Germany.');
    expect(reply.toolCalls).toEqual([{ name: 'findLeads', input: { industry: ['Fintech'], country: ['Germany'] }, outcome: 'ok', errorCode: undefined }]);
    expect(reply.cards.map((card) => card.type)).toEqual(['lead_list']);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['status', 'card', 'text-delta', 'done']));
    expect(events.find((e) => e.type === 'status')).toEqual({ type: 'status', text: 'Searching leads…' });
    expect(reply.usage.inputTokens).toBe(270);
    expect(reply.usage.costUsd).toBeGreaterThan(0);
    // The model saw the tool result (summary + lead ids), not the card.
    const seen = toolResultsSeen(model.doStreamCalls[1]!);
    expect(seen[0]!.value.leads.map((l: { fullName: string }) => l.fullName)).toEqual(['Jane Doe', 'Max Muster']);
    expect(seen[0]!.value.cards).toBeUndefined();
  });

  it('remembers earlier turns of the same conversation, tool results included', async () => {
    const key = `console:${randomUUID()}`;
    await turn(
      (n) => (n === 0 ? { toolCalls: [{ toolName: 'findLeads', input: { industry: ['Fintech'] } }] } : { text: 'Here they are.' }),
      org.alice,
      'fintech leads',
      key,
    );
    let secondId = '';
    const { reply } = await turn(
      (n, o) => {
        if (n === 0) {
          const earlier = toolResultsSeen(o).find((r) => r.toolName === 'findLeads');
          secondId = earlier!.value.leads[1].id;
          return { toolCalls: [{ toolName: 'getLead', input: { lead: secondId } }] };
        }
        return { text: 'Details above.' };
      },
      org.alice,
      'show me the second one',
      key,
    );
    expect(secondId).toBe(org.leads['Max Muster']);
    expect(reply.cards[0]!.type).toBe('lead_detail');
  });

  it('stops a model that keeps calling tools after the step bound', async () => {
    const { reply, model } = await turn(() => ({ toolCalls: [{ toolName: 'myUsage', input: {} }] }), org.alice, 'loop forever');
    expect(model.doStreamCalls.length).toBe(4);
    expect(reply.toolCalls.length).toBe(4);
  });

  it('refuses another rep’s lead and a tool the role does not have, and audits both', async () => {
    const { reply } = await turn(
      (n) =>
        n === 0
          ? {
              toolCalls: [
                { toolName: 'getLead', input: { lead: 'lena@healthio.com' } },
                { toolName: 'setDigestSchedule', input: { enabled: false } },
              ],
            }
          : { text: 'I could not do that.' },
      org.alice,
      'show me Lena and pause my digest',
    );
    expect(reply.toolCalls.map((t) => [t.name, t.outcome]).sort()).toEqual([
      ['getLead', 'invalid'],
      ['setDigestSchedule', 'denied'],
    ]);
    const rows = await c.db.prisma.auditEntry.findMany({
      where: { actorId: org.alice.id, name: { in: ['getLead', 'setDigestSchedule'] } },
      orderBy: { seq: 'desc' },
      take: 2,
    });
    expect(rows.map((r) => r.outcome).sort()).toEqual(['denied', 'invalid']);
  });

  it('turns a model failure into a clear reply, never silence', async () => {
    const { reply } = await turn(() => ({ error: new Error('upstream exploded') }), org.alice, 'hello');
    expect(reply.text).toMatch(/something went wrong/i);
    expect(reply.text).not.toContain('upstream exploded');
    expect(reply.cards.at(-1)!.type).toBe('error');
  });
});

describe('a turn with a model whose answer is complete at once (streams: false, as the offline model)', () => {
  const findThenAnswer = (n: number): Step =>
    n === 0 ? { toolCalls: [{ toolName: 'findLeads', input: { industry: ['Fintech'], country: ['Germany'] } }] } : { text: 'Two fintech CTOs in Germany.' };

  it('makes one generate call per step, never a stream, with the same events, cards and reply', async () => {
    const conversationKey = `console:${randomUUID()}`;
    const { events, reply, model } = await turn(findThenAnswer, org.alice, 'find CTOs at fintech companies in Germany', conversationKey, false);
    expect(model.doGenerateCalls.length).toBe(2);
    expect(model.doStreamCalls.length).toBe(0);
    expect(reply.text).toBe('Two fintech CTOs in Germany.');
    expect(reply.toolCalls).toEqual([{ name: 'findLeads', input: { industry: ['Fintech'], country: ['Germany'] }, outcome: 'ok', errorCode: undefined }]);
    expect(reply.cards.map((card) => card.type)).toEqual(['lead_list']);
    // The tool's status comes while it runs, before its card; the text after the cards, then done.
    expect(events.map((e) => e.type)).toEqual(['status', 'card', 'text-delta', 'done']);
    expect(events[0]).toEqual({ type: 'status', text: 'Searching leads…' });
    expect(reply.usage.inputTokens).toBe(270);
    expect(reply.usage.costUsd).toBeGreaterThan(0);
    const seen = toolResultsSeen(model.doGenerateCalls[1]!);
    expect(seen[0]!.value.leads.map((l: { fullName: string }) => l.fullName)).toEqual(['Jane Doe', 'Max Muster']);
  });

  it('passes every model call through CostGuard and the audit trail, and every tool call through the tool middleware', async () => {
    const conversationKey = `console:${randomUUID()}`;
    await turn(findThenAnswer, org.alice, 'find CTOs at fintech companies in Germany', conversationKey, false);
    const conversation = await c.db.prisma.conversation.findUniqueOrThrow({ where: { key: conversationKey } });
    const rows = await c.db.prisma.auditEntry.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.kind, r.name, r.outcome])).toEqual([
      ['model', 'gpt-5-mini', 'ok'],
      ['tool', 'findLeads', 'ok'],
      ['model', 'gpt-5-mini', 'ok'],
    ]);
    expect(rows.filter((r) => r.kind === 'model').every((r) => Number(r.costUsd) > 0)).toBe(true);
  });

  it('remembers the turn in thread memory, tool results included', async () => {
    const key = `console:${randomUUID()}`;
    await turn(findThenAnswer, org.alice, 'fintech leads', key, false);
    let earlier: { toolName: string; value: any } | undefined;
    await turn(
      (_n, o) => {
        earlier = toolResultsSeen(o).find((r) => r.toolName === 'findLeads');
        return { text: 'Yes.' };
      },
      org.alice,
      'and the second one?',
      key,
      false,
    );
    expect(earlier?.value.leads[1].id).toBe(org.leads['Max Muster']);
  });

  it('refuses a malformed tool call and a tool not offered, and audits both', async () => {
    const conversationKey = `console:${randomUUID()}`;
    const { reply } = await turn(
      (n) =>
        n === 0
          ? {
              toolCalls: [
                { toolName: 'findLeads', input: {}, rawInput: '{"industry": [' },
                { toolName: 'setDigestSchedule', input: { enabled: false } },
              ],
            }
          : { text: 'I could not do that.' },
      org.alice,
      'find leads and pause my digest',
      conversationKey,
      false,
    );
    expect(reply.toolCalls.map((t) => [t.name, t.outcome]).sort()).toEqual([
      ['findLeads', 'invalid'],
      ['setDigestSchedule', 'denied'],
    ]);
    const conversation = await c.db.prisma.conversation.findUniqueOrThrow({ where: { key: conversationKey } });
    const rows = await c.db.prisma.auditEntry.findMany({ where: { conversationId: conversation.id, kind: 'tool' } });
    expect(rows.map((r) => [r.name, r.outcome]).sort()).toEqual([
      ['findLeads', 'invalid'],
      ['setDigestSchedule', 'denied'],
    ]);
  });

  it('turns a model failure into a clear reply, and the failed call is audited', async () => {
    const conversationKey = `console:${randomUUID()}`;
    const { reply, model } = await turn(() => ({ error: new Error('upstream exploded') }), org.alice, 'hello', conversationKey, false);
    expect(model.doStreamCalls.length).toBe(0);
    expect(reply.text).toMatch(/something went wrong/i);
    expect(reply.text).not.toContain('upstream exploded');
    expect(reply.cards.at(-1)!.type).toBe('error');
    const conversation = await c.db.prisma.conversation.findUniqueOrThrow({ where: { key: conversationKey } });
    const rows = await c.db.prisma.auditEntry.findMany({ where: { conversationId: conversation.id, kind: 'model' } });
    expect(rows.map((r) => r.outcome)).toEqual(['error']);
  });
});
