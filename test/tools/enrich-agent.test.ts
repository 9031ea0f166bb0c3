// enrichLead through the enrichment agent (a fake speaking the contract on 127.0.0.1): the agent's
// cost is reserved and settled by CostGuard, and a down or broken agent changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/agent/types.ts';
import type { EnrichmentCard } from '../../core/cards.ts';
import { toolNamed } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeEnrichmentAgent, type FakeEnrichmentAgent } from '../support/fake-enrichment-agent.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let agent: FakeEnrichmentAgent;
let c: TestContainer;
let org: TestOrg;

beforeAll(async () => {
  agent = await startFakeEnrichmentAgent({ token: 'agent-secret-token' });
  c = await createTestContainer({
    ENRICHMENT_AGENT_URL: agent.url,
    ENRICHMENT_AGENT_TOKEN: 'agent-secret-token',
    ENRICHMENT_TIMEOUT_MS: '300',
    ENRICHMENT_MAX_COST_USD: '0.05',
  });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => {
  await c?.db.drop();
  await agent?.close();
});

async function enrich(actor: Actor, lead: string, force = true) {
  const scope = await c.users.scopeFor(actor);
  return runTool(toolNamed('enrichLead')!, { lead, force }, { actor, platform: 'slack', scope, teamMemberIds: [], services: c.services });
}

describe('enrichLead with the enrichment agent', () => {
  it('writes what the agent found, records history with its cost, and charges the real cost', async () => {
    await agent.setMode('normal', { costUsd: 0.03, lead: { industry: 'Software', companySize: 42, city: 'Leeds', techStack: ['HubSpot', 'AWS'] } });
    const out = await enrich(org.alice, 'paul@plainsoft.co.uk');
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as EnrichmentCard;
    expect(card.source).toBe('agent');
    expect(card.costUsd).toBe(0.03);
    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'paul@plainsoft.co.uk' } });
    expect(lead.companySize).toBe(42);
    expect(lead.city).toBe('Leeds');
    const history = await c.db.prisma.enrichmentHistory.findFirstOrThrow({ where: { leadId: lead.id }, orderBy: { createdAt: 'desc' } });
    expect(Number(history.costUsd)).toBe(0.03);
    expect((history.changes as Record<string, { after: unknown }>).city!.after).toBe('Leeds');
    const usage = await c.db.prisma.usageEntry.findFirstOrThrow({ where: { userId: org.alice.id, name: 'enrichLead' } });
    expect(usage.status).toBe('settled');
    expect(Number(usage.reservedUsd)).toBe(0.05);
    expect(Number(usage.costUsd)).toBe(0.03);
    expect(agent.requests.at(-1)!.headers.authorization).toBe('Bearer agent-secret-token');
    // The token never reaches the audit trail.
    const rows = await c.db.prisma.auditEntry.findMany({ where: { name: 'enrichLead' } });
    expect(JSON.stringify(rows.map((r) => r.input))).not.toContain('agent-secret-token');
  });

  it('tells the rep the agent is down, changes nothing and charges nothing', async () => {
    const before = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'jane@acme.io' } });
    await agent.setMode('down');
    const out = await enrich(org.alice, 'jane@acme.io');
    expect(out.outcome).toBe('error');
    expect(out.summary).toMatch(/enrichment agent is not reachable/i);
    expect(out.summary).toMatch(/Nothing was changed/);
    const after = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'jane@acme.io' } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    const audit = await c.db.prisma.auditEntry.findFirstOrThrow({ where: { name: 'enrichLead', outcome: 'error' }, orderBy: { seq: 'desc' } });
    expect(audit.errorCode).toBe('dependency_down');
    await agent.setMode('normal');
  });

  it('rejects a malformed answer without applying any of it', async () => {
    await agent.setMode('wrong_shape');
    const out = await enrich(org.alice, 'max@paywise.de');
    expect(out.outcome).toBe('error');
    expect(out.summary).toMatch(/could not read; nothing was changed/i);
    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'max@paywise.de' } });
    expect(lead.enrichedAt).toBeNull();
    await agent.setMode('normal');
  });
});
