// End to end: findPatterns and findLookalikes through the real agent (agents/enrichment, a child process) over
// leads in PostgreSQL. The leads a manager may see carry a planted pattern (fintech leads reply five times as
// often); another team's leads carry a different one that must not leak into the answer (RBAC in the SQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/agent/types.ts';
import type { LookalikesCard, PatternsCard, RescoreCard } from '../../core/cards.ts';
import { renderCard as renderConsole } from '../../bots/console/render/index.ts';
import { renderCard as renderSlack } from '../../bots/slack/blocks/render-card.ts';
import { renderAdaptiveCard } from '../../bots/teams/cards/render-reply.ts';
import { toolNamed } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';
import { startRealEnrichmentAgent, type RealEnrichmentAgent } from '../support/real-enrichment-agent.ts';

const TOKEN = 'e2e-pattern-token-9b2d';
const INDUSTRIES = ['Fintech', 'Healthcare', 'Retail', 'Logistics', 'Software'];
const COUNTRIES = ['Germany', 'France', 'Spain', 'Italy'];

let agent: RealEnrichmentAgent;
let c: TestContainer;
let noAgent: TestContainer;
let org: TestOrg;

/** A fixed pseudo-random sequence, so the data (and the answer) are the same on every run. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

beforeAll(async () => {
  agent = await startRealEnrichmentAgent({ AGENT_TOKEN: TOKEN });
  c = await createTestContainer({ ENRICHMENT_AGENT_URL: agent.url, ENRICHMENT_AGENT_TOKEN: TOKEN });
  noAgent = await createTestContainer({});
  org = await createTestOrg(c.db.prisma);
  const random = sequence(42);
  const data: Record<string, unknown>[] = [];
  for (let i = 0; i < 600; i++) {
    const industry = INDUSTRIES[i % INDUSTRIES.length]!;
    const replied = random() < (industry === 'Fintech' ? 0.5 : 0.1);
    data.push({
      fullName: `Team Lead ${i}`,
      email: `team.lead.${i}@example.com`,
      industry,
      country: COUNTRIES[i % 4],
      title: i % 3 ? 'VP of Sales' : 'CTO',
      companySize: 20 + (i % 7) * 150,
      techStack: i % 2 ? ['HubSpot'] : ['Salesforce'],
      score: Math.floor(random() * 100),
      status: replied ? 'replied' : 'contacted',
      ownerId: i % 2 ? org.alice.id : org.bob.id,
      source: 'import',
    });
  }
  // Another team: every Mining lead replied. The manager of alice and bob must not see this.
  for (let i = 0; i < 200; i++) {
    data.push({
      fullName: `Other Lead ${i}`,
      email: `other.lead.${i}@example.com`,
      industry: 'Mining',
      country: 'Chile',
      status: 'replied',
      ownerId: org.carol.id,
    });
  }
  // Customers of alice and uncontacted leads, for lookalikes.
  for (let i = 0; i < 8; i++) {
    data.push({
      fullName: `Customer ${i}`,
      email: `customer.${i}@example.com`,
      industry: 'Fintech',
      country: 'Germany',
      seniority: 'c_level',
      title: 'CTO',
      techStack: ['Stripe'],
      status: 'customer',
      ownerId: org.alice.id,
    });
  }
  data.push({
    fullName: 'Twin Prospect',
    email: 'twin@example.com',
    industry: 'Fintech',
    country: 'Germany',
    seniority: 'c_level',
    title: 'CTO',
    techStack: ['Stripe'],
    status: 'new',
    ownerId: org.alice.id,
  });
  data.push({
    fullName: 'Far Prospect',
    email: 'far@example.com',
    industry: 'Retail',
    country: 'Spain',
    seniority: 'entry',
    title: 'Analyst',
    status: 'new',
    ownerId: org.alice.id,
  });
  data.push({
    fullName: 'Hidden Twin',
    email: 'hidden.twin@example.com',
    industry: 'Fintech',
    country: 'Germany',
    seniority: 'c_level',
    title: 'CTO',
    techStack: ['Stripe'],
    status: 'new',
    ownerId: org.carol.id,
  });
  await c.db.prisma.lead.createMany({ data: data as never });
}, 600_000); // the first run creates agents/.venv from the lock file
afterAll(async () => {
  await c?.db.drop();
  await noAgent?.db.drop();
  await agent?.close();
});

async function run(container: TestContainer, actor: Actor, tool: string, input: Record<string, unknown>, confirmed = false) {
  const scope = await container.users.scopeFor(actor);
  const team = actor.role === 'manager' ? [org.alice.id, org.bob.id, actor.id] : [];
  return runTool(toolNamed(tool)!, input, { actor, platform: 'slack', scope, teamMemberIds: team, services: container.services }, { confirmed });
}

describe('findPatterns through the real agent', () => {
  it('finds the planted pattern among the leads the manager may see, and nothing of another team', async () => {
    const out = await run(c, org.manager, 'findPatterns', {});
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as PatternsCard;
    expect(card.type).toBe('patterns');
    expect(card.leads).toBe(600 + 8); // the team's contacted leads and alice's customers; none of carol's
    const best = card.patterns[0]!;
    expect(best.label).toBe('Fintech');
    expect(best.significant).toBe(true);
    expect(best.lift).toBeGreaterThan(2);
    expect(card.patterns.some((p) => p.label.includes('Mining') || p.label.includes('Chile'))).toBe(false);
    expect(card.model!.auc).toBeGreaterThan(card.model!.staticScoreAuc! + 0.1);
    expect(out.summary).toContain('Fintech');
    // every platform renders it
    expect(renderConsole(card, { width: 80, color: false })).toContain('Fintech');
    expect(JSON.stringify(renderSlack(card).blocks)).toContain('Fintech');
    expect(JSON.stringify(renderAdaptiveCard(card))).toContain('Fintech');
  });

  it("narrows to the rep's own leads", async () => {
    const out = await run(c, org.alice, 'findPatterns', { owner: 'me', goal: 'replied' });
    expect(out.outcome).toBe('ok');
    expect((out.cards![0] as PatternsCard).leads).toBe(300 + 8);
  });

  it('says what is needed when no agent is configured', async () => {
    const other = await createTestOrg(noAgent.db.prisma);
    for (const tool of ['findPatterns', 'findLookalikes']) {
      const out = await run(noAgent, other.manager, tool, {});
      expect(out.outcome, tool).toBe('ok');
      expect(out.summary).toContain('set ENRICHMENT_AGENT_URL');
      expect(out.cards ?? []).toEqual([]);
    }
  });
});

describe('findLookalikes through the real agent', () => {
  it('ranks the uncontacted lead most like the customers first, with the reason, and only leads in scope', async () => {
    const out = await run(c, org.alice, 'findLookalikes', { limit: 5 });
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as LookalikesCard;
    expect(card.seeds).toBe(8);
    expect(card.leads[0]!.fullName).toBe('Twin Prospect');
    expect(card.leads[0]!.reason).toMatch(/like 8 of 8 seeds/);
    expect(card.leads.map((l) => l.similarity)).toEqual([...card.leads.map((l) => l.similarity)].sort((a, b) => b - a));
    expect(card.leads.map((l) => l.fullName)).not.toContain('Hidden Twin');
    expect(renderConsole(card, { width: 80, color: false })).toContain('Twin Prospect');
    expect(JSON.stringify(renderSlack(card).blocks)).toContain('Twin Prospect');
    expect(JSON.stringify(renderAdaptiveCard(card))).toContain('Twin Prospect');
  });
});

describe('rescoreLeads through the real agent', () => {
  it("is refused to a rep and waits for the manager's confirmation before changing anything", async () => {
    const denied = await run(c, org.alice, 'rescoreLeads', {});
    expect(denied.outcome).toBe('denied');
    const before = await c.db.prisma.lead.findMany({ select: { id: true, score: true }, orderBy: { id: 'asc' } });
    const pending = await run(c, org.manager, 'rescoreLeads', {});
    expect(pending.outcome).toBe('pending_confirmation');
    expect(pending.summary).toContain('Recompute the fit scores of');
    expect(await c.db.prisma.lead.findMany({ select: { id: true, score: true }, orderBy: { id: 'asc' } })).toEqual(before);
  });

  it("recomputes the team's scores from the model, shows the distribution before and after, audits it, and leaves other teams alone", async () => {
    const carolBefore = await c.db.prisma.lead.findMany({ where: { ownerId: org.carol.id }, select: { id: true, score: true }, orderBy: { id: 'asc' } });
    const out = await run(c, org.manager, 'rescoreLeads', { goal: 'replied' }, true);
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as RescoreCard;
    expect(card.type).toBe('rescore');
    expect(card.before.reduce((a, b) => a + b, 0)).toBe(card.leads);
    expect(card.after.reduce((a, b) => a + b, 0)).toBe(card.leads);
    expect(card.changed).toBeGreaterThan(0);
    expect(card.auc).toBeGreaterThan(card.staticScoreAuc!);
    // Fintech leads now score well above the others: the model learned the planted pattern.
    const avg = async (industry: string) =>
      (
        await c.db.prisma.lead.aggregate({
          where: { industry, ownerId: { in: [org.alice.id, org.bob.id] }, status: { in: ['contacted', 'replied'] } },
          _avg: { score: true },
        })
      )._avg.score!;
    expect(await avg('Fintech')).toBeGreaterThan((await avg('Retail')) * 2);
    expect(await c.db.prisma.lead.findMany({ where: { ownerId: org.carol.id }, select: { id: true, score: true }, orderBy: { id: 'asc' } })).toEqual(
      carolBefore,
    );
    const audit = await c.db.prisma.auditEntry.findFirst({ where: { name: 'rescoreLeads', outcome: 'ok' }, orderBy: { seq: 'desc' } });
    expect(audit).not.toBeNull();
    expect(renderConsole(card, { width: 80, color: false })).toContain('90–100');
    expect(JSON.stringify(renderSlack(card).blocks)).toContain('Before');
    expect(JSON.stringify(renderAdaptiveCard(card))).toContain('Score 0–9');
  });

  it("changes nothing when no model can be fitted, or when the model is no better than today's scores", async () => {
    const tooFew = await run(c, org.manager, 'rescoreLeads', { goal: 'customer' }, true);
    expect(tooFew.outcome).toBe('invalid');
    expect(tooFew.error!.message).toContain('No model could be fitted');
    // Today's scores now predict replies perfectly: a model of attributes cannot beat that.
    await c.db.prisma.$executeRaw`UPDATE leads SET score = CASE WHEN status IN ('replied', 'customer') THEN 100 ELSE 0 END`;
    const before = await c.db.prisma.lead.findMany({ select: { id: true, score: true }, orderBy: { id: 'asc' } });
    const out = await run(c, org.manager, 'rescoreLeads', {}, true);
    expect(out.outcome).toBe('invalid');
    expect(out.error!.message).toMatch(/ranks leads no better than today's scores \(AUC 0\.\d\d vs 1\.00\)\. No score was changed\./);
    expect(await c.db.prisma.lead.findMany({ select: { id: true, score: true }, orderBy: { id: 'asc' } })).toEqual(before);
  });
});
