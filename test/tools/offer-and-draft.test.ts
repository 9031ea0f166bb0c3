// The offer profile (setOffer, behind confirmation and roles) and draftEmail using it with lead facts, on
// real PostgreSQL through the real tool middleware. Drafts are judged by checks independent of the drafter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolOutput } from '../../core/agent/tool-output.ts';
import type { Actor } from '../../core/agent/types.ts';
import { toolNamed } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import type { ToolContext } from '../../tools/tool.ts';
import { createTestContainer, toolContextFor, type TestContainer } from '../support/container.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let c: TestContainer;
let org: TestOrg;

beforeAll(async () => {
  c = await createTestContainer();
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => c?.db.drop());

const ctxFor = (actor: Actor) => toolContextFor(c, actor);

async function call(actor: Actor, name: string, input: unknown, confirmed = false): Promise<ToolOutput> {
  return runTool(toolNamed(name)!, input, await ctxFor(actor), { confirmed });
}

/** Asks, then confirms as the same user: how a write goes through in every channel. */
async function setConfirmed(actor: Actor, input: Record<string, unknown>): Promise<ToolOutput> {
  const asked = await call(actor, 'setOffer', input);
  expect(asked.outcome).toBe('pending_confirmation');
  const claimed = await c.guards.confirmations.claim(asked.data!.pendingActionId as string, actor);
  return call(actor, 'setOffer', claimed.input, true);
}

const ORG_OFFER = {
  level: 'organisation',
  product: 'Onboardly',
  valueProposition: 'cut new-vendor setup from weeks to days',
  proofPoints: ['Copperleaf Studios cut vendor setup from 12 days to 2', 'Mintline, a fintech, stopped two payment-fraud attempts in a quarter'],
  typicalCustomer: 'finance teams at 50-500 person companies',
};

describe('draftEmail without an offer', () => {
  it('asks for an offer instead of inventing a pitch, and records nothing', async () => {
    const out = await call(org.alice, 'draftEmail', { lead: 'jane@acme.io' });
    expect(out.outcome).toBe('ok');
    expect(out.data!.needsOffer).toBe(true);
    expect(out.summary).toMatch(/No offer is set/);
    expect((await call(org.alice, 'showOffer', {})).summary).toMatch(/No offer is set yet/);
    expect(out.summary).toContain('salesos offer set');
    expect(out.cards ?? []).toEqual([]);
    expect(await c.db.prisma.emailReview.count({ where: { kind: 'draft' } })).toBe(0);
    expect(await c.db.prisma.leadActivity.count({ where: { type: 'email_drafted' } })).toBe(0);
  });
});

describe('setOffer', () => {
  it('is not offered to reps and is refused if a rep asks anyway', async () => {
    const out = await call(org.alice, 'setOffer', { level: 'user', product: 'X' });
    expect(out.outcome).toBe('denied');
    expect(await c.db.prisma.offerProfile.count()).toBe(0);
  });

  it('lets only an admin set the organisation’s offer', async () => {
    const out = await call(org.manager, 'setOffer', ORG_OFFER);
    expect(out.outcome).toBe('denied');
    expect(out.summary).toMatch(/Only an admin/);
  });

  it('waits for confirmation before writing, then saves the organisation offer', async () => {
    const asked = await call(org.admin, 'setOffer', ORG_OFFER);
    expect(asked.outcome).toBe('pending_confirmation');
    expect(asked.summary).toContain('Set the offer for the organisation: product “Onboardly”');
    expect(await c.db.prisma.offerProfile.count()).toBe(0);
    const claimed = await c.guards.confirmations.claim(asked.data!.pendingActionId as string, org.admin);
    const done = await call(org.admin, 'setOffer', claimed.input, true);
    expect(done.outcome).toBe('ok');
    const row = await c.db.prisma.offerProfile.findUniqueOrThrow({ where: { scopeKey: 'organisation' } });
    expect(row.proofPoints).toHaveLength(2);
    expect(row.updatedById).toBe(org.admin.id);
  });

  it('lets a manager override a field for their own team, not for another team', async () => {
    const done = await setConfirmed(org.manager, { level: 'team', preferredAsk: 'Should I send the two-page setup checklist?' });
    expect(done.outcome).toBe('ok');
    const other = await call(org.manager, 'setOffer', { level: 'team', who: 'carol@test.io', preferredAsk: 'x?' });
    expect(other.outcome).not.toBe('ok');
    const foreignRep = await call(org.manager, 'setOffer', { level: 'user', who: 'carol@test.io', preferredAsk: 'x?' });
    expect(foreignRep.outcome).toBe('denied');
  });

  it('resolves per field: the user’s override, then the team’s, then the organisation’s', async () => {
    await setConfirmed(org.manager, { level: 'user', who: 'bob@test.io', valueProposition: 'get new suppliers paid in days, not weeks' });
    const bob = await c.services.offers.effectiveFor(org.bob.id);
    expect(bob!.offer.valueProposition).toBe('get new suppliers paid in days, not weeks');
    expect(bob!.sources).toMatchObject({ valueProposition: 'user', preferredAsk: 'team', product: 'organisation' });
    const alice = await c.services.offers.effectiveFor(org.alice.id);
    expect(alice!.offer.valueProposition).toBe('cut new-vendor setup from weeks to days');
    const carol = await c.services.offers.effectiveFor(org.carol.id);
    expect(carol!.offer.preferredAsk).toBeUndefined();
  });

  it('rejects an empty change and an over-long field as invalid input', async () => {
    expect((await call(org.admin, 'setOffer', { level: 'organisation' })).outcome).toBe('invalid');
    expect((await call(org.admin, 'setOffer', { level: 'organisation', product: 'x'.repeat(500) })).outcome).toBe('invalid');
  });
});

describe('showOffer', () => {
  it('shows a rep the offer drafts will use, and where each part comes from', async () => {
    const out = await call(org.bob, 'showOffer', {});
    expect(out.outcome).toBe('ok');
    expect(out.summary).toContain('Product: Onboardly (from the organisation)');
    expect(out.summary).toContain('Value proposition: get new suppliers paid in days, not weeks (from your own override)');
    expect(out.summary).toContain('Preferred ask: Should I send the two-page setup checklist? (from the team)');
    expect(out.summary).toContain('  - Copperleaf Studios cut vendor setup from 12 days to 2');
  });
});

describe('draftEmail with an offer', () => {
  it('states the offer’s value proposition and a fact about the lead, and uses the team’s ask', async () => {
    const out = await call(org.alice, 'draftEmail', { lead: 'jane@acme.io' });
    expect(out.outcome).toBe('ok');
    const body = out.data!.body as string;
    expect(body).toContain('Onboardly');
    expect(body).toContain('cut new-vendor setup from weeks to days');
    expect(['HubSpot', 'AWS', 'Chief Technology Officer', 'fintech'].some((f) => body.includes(f))).toBe(true);
    expect(body).toContain('Should I send the two-page setup checklist?');
    expect(await c.db.prisma.leadActivity.count({ where: { leadId: org.leads['Jane Doe'], type: 'email_drafted' } })).toBe(1);
  });

  it('uses the rep’s latest note on the lead as the opening fact', async () => {
    await c.services.leads.addNote(org.leads['Max Muster']!, 'hiring two AP clerks in Munich', org.alice.id);
    const out = await call(org.alice, 'draftEmail', { lead: 'max@paywise.de' });
    expect(out.data!.body as string).toContain('hiring two AP clerks in Munich');
  });

  it('writes drafts for different leads that differ in more than names', async () => {
    const jane = (await call(org.alice, 'draftEmail', { lead: 'jane@acme.io' })).data!.body as string;
    const nora = (await call(org.alice, 'draftEmail', { lead: 'nora@gmail.com' })).data!.body as string;
    const strip = (s: string, names: string[]) => names.reduce((t, n) => t.split(n).join('<name>'), s).replace(/^Hi .*$/m, '');
    expect(strip(jane, ['Jane Doe', 'Jane', 'Acme', 'Berlin'])).not.toBe(strip(nora, ['Nora Free', 'Nora', 'Paris']));
  });
});
