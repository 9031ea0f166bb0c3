// Bad input from the model or the rep ends as a validation message the model can act on, never `internal`;
// a failed turn keeps the thread's memory; a malformed tool call is audited.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Reply, ReplyEvent } from '../../../core/agent/types.ts';
import { encodeCursor } from '../../../core/db/cursor.ts';
import type { ModelChoice } from '../../../core/models/language-model.ts';
import { createAssistant } from '../../../assistant/assistant.ts';
import { createTestContainer, type TestContainer } from '../../support/container.ts';
import { createTestOrg, type TestOrg } from '../../support/org.ts';
import { scriptedModel, toolResultsSeen, type Step } from '../../support/scripted-model.ts';

let c: TestContainer;
let org: TestOrg;
beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

async function turn(steps: Step[], actor: Actor, text: string, conversationKey = `console:${randomUUID()}`) {
  const model = scriptedModel((n) => steps[n] ?? { text: 'Done.' });
  const choice: ModelChoice = { model, id: 'gpt-5-mini', provider: 'openai', label: 'scripted' };
  const assistant = createAssistant({
    services: c.services,
    conversations: c.conversations,
    deliveries: c.deliveries,
    feedback: c.feedback,
    model: choice,
    maxSteps: 4,
  });
  let reply: Reply | undefined;
  for await (const e of assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor, conversationKey, text }) as AsyncIterable<ReplyEvent>)
    if (e.type === 'done') reply = e.reply;
  const conversation = await c.db.prisma.conversation.findFirstOrThrow({ where: { key: conversationKey } });
  return { reply: reply!, model, conversationId: conversation.id };
}

const findLeads = (input: Record<string, unknown>): Step => ({ toolCalls: [{ toolName: 'findLeads', input }] });

describe('tool inputs the model gets wrong', () => {
  it.each([
    ['a NUL character', { query: 'acme\u0000corp' }, /query must not contain control characters/],
    ['a right-to-left override', { title: 'CTO\u202Egnp.exe' }, /title must not contain bidirectional override characters/],
    ['companySizeMin 2147483648', { companySizeMin: 2147483648 }, /companySizeMin: Too big/i],
    ['a forged cursor with a huge key', { sort: 'recent', cursor: encodeCursor({ sort: 'recent', key: 1e300, id: randomUUID() }) }, /page cursor is not valid/],
    ['a forged score cursor beyond int4', { cursor: encodeCursor({ sort: 'score', key: 2 ** 40, id: randomUUID() }) }, /page cursor is not valid/],
    ['a malformed cursor', { cursor: 'not-a-cursor!' }, /page cursor is not valid/],
  ])('%s is a validation error the model sees, never internal', async (_what, input, message) => {
    const { reply, model } = await turn([findLeads(input), { text: 'Sorry.' }], org.alice, 'find leads');
    expect(reply.toolCalls).toEqual([expect.objectContaining({ name: 'findLeads', outcome: 'invalid', errorCode: 'invalid_input' })]);
    const seen = toolResultsSeen(model.doStreamCalls[1]!)[0]!.value;
    expect(seen.error.code).toBe('invalid_input');
    expect(seen.error.message).toMatch(message);
  });
});

describe('thread memory', () => {
  it('is kept for a turn whose message holds a NUL character', async () => {
    const { conversationId, reply } = await turn(
      [findLeads({ query: 'x\u0000y' }), { text: 'That search had an invalid character.' }],
      org.alice,
      'find x\u0000y',
    );
    expect(reply.text).toBe('That search had an invalid character.');
    const stored = await c.conversations.recent(conversationId);
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(stored[0]!.text).toBe('find x\uFFFDy');
  });

  it('is kept for a turn whose model call failed', async () => {
    const { conversationId, reply } = await turn([{ error: new Error('upstream exploded') }], org.alice, 'find fintech leads');
    expect(reply.cards.at(-1)).toMatchObject({ type: 'error' });
    const stored = await c.conversations.recent(conversationId);
    expect(stored.map((m) => [m.role, m.text.slice(0, 18)])).toEqual([
      ['user', 'find fintech leads'],
      ['assistant', expect.stringMatching(/^Sorry/)],
    ]);
  });
});

describe('a malformed tool call', () => {
  it('is refused, and audited as invalid with its raw arguments', async () => {
    const { reply } = await turn(
      [{ toolCalls: [{ toolName: 'findLeads', input: {}, rawInput: '{"industry": ["Fintech"' }] }, { text: 'Let me try again.' }],
      org.bob,
      'fintech leads',
    );
    expect(reply.toolCalls).toEqual([expect.objectContaining({ name: 'findLeads', outcome: 'invalid', errorCode: 'invalid_tool_call' })]);
    const audited = await c.db.prisma.auditEntry.findFirstOrThrow({ where: { actorId: org.bob.id, errorCode: 'invalid_tool_call' } });
    expect(audited).toMatchObject({ name: 'findLeads', outcome: 'invalid', input: { malformedArguments: '{"industry": ["Fintech"' } });
  });
});
