// A tool call the turn refuses before it runs (a tool the role is not offered, arguments that are not JSON)
// is audited with the same redaction as a call that runs: the tool's own redactInAudit, found by its name.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor, Reply, ReplyEvent } from '../../core/agent/types.ts';
import type { ModelChoice } from '../../core/models/language-model.ts';
import { createAssistant } from '../../assistant/assistant.ts';
import { ALL_TOOLS } from '../../tools/registry.ts';
import { defineTool, type SalesTool } from '../../tools/tool.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';
import { scriptedModel, type Step } from '../support/scripted-model.ts';

let c: TestContainer;
let org: TestOrg;
beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

/** A manager-only tool that takes a pitch email: a rep is never offered it. */
const sendPitch = defineTool({
  name: 'sendPitch',
  description: 'Send a pitch email to the team.',
  inputSchema: z.object({ subject: z.string(), pitch: z.string() }),
  permission: 'offer:manage',
  statusText: 'Sending…',
  capability: 'send a pitch email to the team',
  redactInAudit: ['pitch'],
  confirm: async () => {
    throw new Error('never reached: a rep is not offered this tool');
  },
  execute: async () => ({ summary: 'sent' }),
});

const PITCH = 'Hi team, Northwind cut ramp time from nine weeks to two with Rampwise. Worth a look?';

async function turn(steps: Step[], actor: Actor, tools: readonly SalesTool[]): Promise<{ reply: Reply; conversationId: string }> {
  const model = scriptedModel((n) => steps[n] ?? { text: 'Done.' });
  const choice: ModelChoice = { model, id: 'gpt-5-mini', provider: 'openai', label: 'scripted' };
  const assistant = createAssistant({
    services: c.services,
    conversations: c.conversations,
    deliveries: c.deliveries,
    feedback: c.feedback,
    model: choice,
    tools,
  });
  const conversationKey = `console:${randomUUID()}`;
  let reply: Reply | undefined;
  for await (const e of assistant.handleTurn({
    deliveryId: randomUUID(),
    platform: 'console',
    actor,
    conversationKey,
    text: 'go',
  }) as AsyncIterable<ReplyEvent>)
    if (e.type === 'done') reply = e.reply;
  const conversation = await c.db.prisma.conversation.findFirstOrThrow({ where: { key: conversationKey } });
  return { reply: reply!, conversationId: conversation.id };
}

const auditedIn = (conversationId: string) => c.db.prisma.auditEntry.findMany({ where: { conversationId, kind: 'tool' }, orderBy: { seq: 'asc' } });

describe('a refused tool call in the audit trail', () => {
  it('keeps only the word count of the email a tool not offered was asked to take', async () => {
    const { reply, conversationId } = await turn([{ toolCalls: [{ toolName: 'sendPitch', input: { subject: 'Ramp', pitch: PITCH } }] }], org.alice, [
      ...ALL_TOOLS,
      sendPitch,
    ]);
    expect(reply.toolCalls).toEqual([expect.objectContaining({ name: 'sendPitch', outcome: 'denied' })]);
    const rows = await auditedIn(conversationId);
    expect(rows.map((r) => [r.name, r.outcome, r.input])).toEqual([
      ['sendPitch', 'denied', { subject: 'Ramp', pitch: `[email body: ${PITCH.split(' ').length} words]` }],
    ]);
  });

  it('keeps the text of a tool not offered that takes no email', async () => {
    const { conversationId } = await turn([{ toolCalls: [{ toolName: 'setOffer', input: { level: 'team', product: 'Rampwise' } }] }], org.alice, ALL_TOOLS);
    const rows = await auditedIn(conversationId);
    expect(rows.map((r) => [r.name, r.outcome, r.input])).toEqual([['setOffer', 'denied', { level: 'team', product: 'Rampwise' }]]);
  });

  it('keeps only the length of arguments that are not JSON when the tool takes an email', async () => {
    const raw = `{"body": "${PITCH}"`;
    const { reply, conversationId } = await turn([{ toolCalls: [{ toolName: 'roastEmail', input: {}, rawInput: raw }] }], org.alice, ALL_TOOLS);
    expect(reply.toolCalls).toEqual([expect.objectContaining({ name: 'roastEmail', outcome: 'invalid' })]);
    const rows = await auditedIn(conversationId);
    expect(rows.map((r) => [r.name, r.outcome, r.input])).toEqual([
      ['roastEmail', 'invalid', { malformedArguments: `[${raw.length} characters, not kept: roastEmail arguments may hold an email]` }],
    ]);
    expect(JSON.stringify(rows.map((r) => r.input))).not.toContain('Northwind');
  });
});
