// End to end: enrichLead through the real enrichment agent (agents/enrichment, started as a child process)
// that reads a company website and DNS records served on 127.0.0.1. Nothing of ours is faked: the
// tool, CostGuard, the HTTP client, the agent and its SSRF guard all run for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/agent/types.ts';
import type { EnrichmentCard } from '../../core/cards.ts';
import { toolNamed } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeDns, type FakeDns } from '../support/fake-dns.ts';
import { startFixtureWebsites, type FixtureWebsites } from '../support/fixture-websites.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';
import { startRealEnrichmentAgent, type RealEnrichmentAgent } from '../support/real-enrichment-agent.ts';

const TOKEN = 'e2e-agent-token-5f1c';
const HOMEPAGE = `<!doctype html><html lang="en"><head>
<title>Northwind Robotics | Autonomous forklifts</title>
<meta name="description" content="Autonomous forklifts for European warehouses.">
<script src="https://js.hs-scripts.com/99.js"></script>
<script src="https://widget.intercom.io/widget/nw"></script>
<script src="https://js.stripe.com/v3/"></script>
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'Organization',
  name: 'Northwind Robotics',
  url: 'https://northwind-robotics.test/',
  numberOfEmployees: { '@type': 'QuantitativeValue', value: 85 },
  address: { '@type': 'PostalAddress', addressLocality: 'Munich', addressCountry: 'DE' },
  sameAs: ['https://www.linkedin.com/company/northwind-robotics'],
})}</script>
</head><body><h1>Northwind Robotics</h1></body></html>`;

let sites: FixtureWebsites;
let dns: FakeDns;
let agent: RealEnrichmentAgent;
let c: TestContainer;
let org: TestOrg;

beforeAll(async () => {
  sites = await startFixtureWebsites({
    'northwind-robotics.test': { '/': { body: HOMEPAGE, headers: { server: 'cloudflare', 'set-cookie': '__cf_bm=x; Path=/' } } },
    'internal-redirect.test': { '/': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' }, body: '' } },
  });
  dns = await startFakeDns({
    'northwind-robotics.test': { MX: [[1, 'aspmx.l.google.com']], TXT: ['v=spf1 include:_spf.google.com include:hubspotemail.net ~all'] },
    '_dmarc.northwind-robotics.test': { TXT: ['v=DMARC1; p=quarantine'] },
  });
  agent = await startRealEnrichmentAgent({
    AGENT_TOKEN: TOKEN,
    // nowhere.test has no website (a closed port) and no DNS records: a domain that does not exist.
    AGENT_CONNECT_TO: `${sites.connectTo(['northwind-robotics.test', 'internal-redirect.test'])},nowhere.test:80:127.0.0.1:1,nowhere.test:443:127.0.0.1:1`,
    AGENT_DNS_SERVER: dns.address,
    AGENT_POLITENESS_MS: '0',
  });
  c = await createTestContainer({
    ENRICHMENT_AGENT_URL: agent.url,
    ENRICHMENT_AGENT_TOKEN: TOKEN,
    ENRICHMENT_TIMEOUT_MS: '8000',
    ENRICHMENT_MAX_COST_USD: '0.05',
  });
  org = await createTestOrg(c.db.prisma);
  await c.db.prisma.lead.createMany({
    data: [
      { fullName: 'Ines Ortega', email: 'ines.ortega@northwind-robotics.test', title: 'VP Operations', ownerId: org.alice.id },
      { fullName: 'Ivo Inward', email: 'ivo@internal-redirect.test', ownerId: org.alice.id },
      { fullName: 'Nadia Nowhere', email: 'nadia@nowhere.test', ownerId: org.alice.id },
    ],
  });
}, 600_000); // the first run creates agents/.venv from the lock file
afterAll(async () => {
  await c?.db.drop();
  await agent?.close();
  await sites?.close();
  await dns?.close();
});

async function enrich(actor: Actor, lead: string) {
  const scope = await c.users.scopeFor(actor);
  return runTool(toolNamed('enrichLead')!, { lead, force: true }, { actor, platform: 'slack', scope, teamMemberIds: [], services: c.services });
}

describe('enrichLead through the real enrichment agent', () => {
  it('fills the lead from the company website and DNS, records the history and charges nothing', async () => {
    const out = await enrich(org.alice, 'ines.ortega@northwind-robotics.test');
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as EnrichmentCard;
    expect(card.source).toBe('agent');
    expect(card.costUsd).toBe(0);
    // The company profile beyond the lead's fields reaches the rep as notes.
    expect(card.notes).toContain('About Northwind Robotics: Autonomous forklifts for European warehouses.');
    expect(card.notes).toContain('Mail set-up of northwind-robotics.test: email on Google Workspace, SPF published, DMARC (policy quarantine).');
    expect(card.notes).toContain('Company LinkedIn: https://www.linkedin.com/company/northwind-robotics');
    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'ines.ortega@northwind-robotics.test' } });
    expect(lead.company).toBe('Northwind Robotics');
    expect(lead.companyDomain).toBe('northwind-robotics.test');
    expect(lead.companySize).toBe(85);
    expect(lead.country).toBe('Germany');
    expect(lead.city).toBe('Munich');
    expect(lead.techStack).toEqual(expect.arrayContaining(['HubSpot', 'Intercom', 'Stripe', 'Cloudflare', 'Google Workspace']));
    expect(lead.enrichedAt).not.toBeNull();
    const history = await c.db.prisma.enrichmentHistory.findFirstOrThrow({ where: { leadId: lead.id }, orderBy: { createdAt: 'desc' } });
    expect((history.changes as Record<string, { after: unknown }>).companySize!.after).toBe(85);
    expect(Number(history.costUsd)).toBe(0);
    // The agent read robots.txt, then the homepage over http after https was refused; its log lines carry
    // the request id SalesOS sent.
    expect(sites.hits.get('northwind-robotics.test')).toEqual(['/robots.txt', '/']);
    const enriched = agent.logs.map((l) => JSON.parse(l) as { msg: string; requestId?: string; status?: number }).find((l) => l.msg === 'enriched');
    expect(enriched?.status).toBe(200);
    expect(enriched?.requestId).toMatch(/\S+/);
    expect(agent.logs.join('\n')).not.toContain(TOKEN);
  });

  it('refuses a redirect to the cloud metadata address and tells the rep nothing was found there', async () => {
    const out = await enrich(org.alice, 'ivo@internal-redirect.test');
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as EnrichmentCard;
    expect(card.notes).toContain('The enrichment agent has no data on this person.');
    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'ivo@internal-redirect.test' } });
    expect(lead.company).not.toBe('Northwind Robotics');
    expect(agent.logs.some((l) => l.includes('169.254.169.254, which is not a public address'))).toBe(true);
  });

  it('passes on the agent’s reason when the domain does not exist, and changes nothing', async () => {
    const before = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'nadia@nowhere.test' } });
    const out = await enrich(org.alice, 'nadia@nowhere.test');
    expect(out.outcome).toBe('error');
    expect(out.summary).toContain('The domain nowhere.test does not exist');
    const after = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'nadia@nowhere.test' } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });

  it('refuses SalesOS without the right token', async () => {
    const res = await fetch(`${agent.url}/v1/enrich`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k', 'x-request-id': 'r', authorization: 'Bearer wrong' },
      body: JSON.stringify({ lead: { email: 'ines.ortega@northwind-robotics.test' } }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Missing or wrong bearer token.' } });
  });
});
