// TURN_TIMEOUT_MS: one abort signal runs from the turn into the model calls and the tools — the enrichment
// agent's request included — so a slow tool cannot hold a turn past its deadline.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../core/agent/types.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeEnrichmentAgent, type FakeEnrichmentAgent } from '../support/fake-enrichment-agent.ts';
import { startFakeOpenAI, toolResultsIn, type FakeOpenAI } from '../support/fake-openai.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

// Long enough that the first model call reaches the tool on a loaded 2-core machine (at 1 s the turn sometimes
// ended before the tool started, so no tool was there to abort); far below the agent's 20 s.
const TURN_TIMEOUT_MS = 4_000;
let agent: FakeEnrichmentAgent;
let fake: FakeOpenAI;
let c: TestContainer;
let org: TestOrg;

beforeAll(async () => {
  agent = await startFakeEnrichmentAgent({ token: 'agent-token' });
  fake = await startFakeOpenAI((req) =>
    toolResultsIn(req).length === 0 ? { toolCalls: [{ name: 'enrichLead', arguments: { lead: 'jane@acme.io', force: true } }] } : { text: 'Enriched.' },
  );
  c = await createTestContainer({
    OPENAI_BASE_URL: fake.url,
    SALESOS_MODEL: 'gpt-5-mini',
    ENRICHMENT_AGENT_URL: agent.url,
    ENRICHMENT_AGENT_TOKEN: 'agent-token',
    ENRICHMENT_TIMEOUT_MS: '30000',
    TURN_TIMEOUT_MS: String(TURN_TIMEOUT_MS),
  });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => {
  await c?.db.drop();
  await agent?.close();
  await fake?.close();
});

describe('a turn whose tool outlives TURN_TIMEOUT_MS', () => {
  it('aborts the enrichment request, tells the rep, audits the tool as timeout and closes its reservation', async () => {
    await agent.setMode('slow', { delayMs: 20_000 });
    const key = `console:${randomUUID()}`;
    const started = performance.now();
    let reply: Reply | undefined;
    for await (const e of c.assistant.handleTurn({
      deliveryId: randomUUID(),
      platform: 'console',
      actor: org.alice,
      conversationKey: key,
      text: 'enrich jane',
    }))
      if (e.type === 'done') reply = e.reply;
    const ms = performance.now() - started;

    expect(ms).toBeGreaterThanOrEqual(TURN_TIMEOUT_MS);
    expect(ms).toBeLessThan(TURN_TIMEOUT_MS + 5_000); // not the agent's 20 s
    expect(reply!.text).toContain('This request took longer than 4 s, so I stopped it. Nothing was changed.');
    expect(reply!.toolCalls.map((t) => [t.name, t.outcome])).toEqual([['enrichLead', 'timeout']]);

    const conversation = await c.db.prisma.conversation.findFirstOrThrow({ where: { key } });
    const tool = await c.db.prisma.auditEntry.findFirstOrThrow({ where: { conversationId: conversation.id, kind: 'tool' } });
    expect(tool).toMatchObject({ name: 'enrichLead', outcome: 'timeout', errorCode: 'timeout' });
    expect(await c.db.prisma.usageEntry.count({ where: { status: 'reserved', lease: false } })).toBe(0); // a budget lease held for the next calls is not a call's reservation
    // Nothing was written to the lead.
    const lead = await c.db.prisma.lead.findFirstOrThrow({ where: { email: 'jane@acme.io' } });
    expect(await c.db.prisma.enrichmentHistory.count({ where: { leadId: lead.id } })).toBe(0);
  }, 30_000);
});
