// Each tool through the real middleware (validation, roles, CostGuard, audit, confirmations) on real
// PostgreSQL, with the hand-built organisation of test/support/org.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolOutput } from '../../core/agent/tool-output.ts';
import type { Actor } from '../../core/agent/types.ts';
import type { EmailRoastCard, EnrichmentCard, LeadListCard, UsageCard } from '../../core/cards.ts';
import { ALL_TOOLS, toolNamed, type ToolName } from '../../tools/registry.ts';
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

async function call(actor: Actor, name: ToolName, input: unknown, confirmed = false): Promise<ToolOutput> {
  return runTool(toolNamed(name)!, input, await ctxFor(actor), { confirmed });
}

const names = (out: ToolOutput) => ((out.data?.leads as { fullName: string }[]) ?? []).map((l) => l.fullName);

describe('findLeads', () => {
  it('combines filters and sorts by score, within the rep’s own and unassigned leads', async () => {
    const out = await call(org.alice, 'findLeads', { industry: ['fintech'], country: ['DE'] });
    expect(out.outcome).toBe('ok');
    expect(names(out)).toEqual(['Jane Doe', 'Max Muster']);
    const card = out.cards![0] as LeadListCard;
    expect(card.type).toBe('lead_list');
    expect(card.title).toBe('Fintech · Germany');
    expect(card.leads[0]!.email).toBe('jane@acme.io');
    expect(out.summary).toContain('Found 2 leads');
  });

  it('leaves out what the rep excludes and says so in the card title', async () => {
    const out = await call(org.alice, 'findLeads', { industry: ['fintech'], excludeTech: ['salesforce'], excludeCountry: ['france'] });
    expect(names(out)).toEqual(['Jane Doe']);
    expect((out.cards![0] as LeadListCard).title).toBe('Fintech · not France/on Salesforce');
  });

  it('never shows a rep another rep’s leads', async () => {
    expect(names(await call(org.alice, 'findLeads', { query: 'lena' }))).toEqual([]);
    expect(names(await call(org.alice, 'findLeads', {}))).not.toContain('Lena Klein');
    expect(names(await call(org.alice, 'findLeads', { owner: 'unassigned' }))).toEqual(['Nora Free', 'Paul Plain']);
  });

  it('shows a manager the team’s leads but not another team’s', async () => {
    const all = names(await call(org.manager, 'findLeads', { limit: 50 }));
    expect(all).toEqual(expect.arrayContaining(['Jane Doe', 'Max Muster', 'Lena Klein']));
    expect(all).not.toContain('Tom Berg');
    expect(names(await call(org.manager, 'findLeads', { owner: 'team', tech: ['hubspot'] }))).toEqual(['Jane Doe', 'Lena Klein']);
  });

  it('pages with a next-page input that continues the numbering', async () => {
    const first = await call(org.admin, 'findLeads', { limit: 2 });
    const card = first.cards![0] as LeadListCard;
    expect(card.next?.tool).toBe('findLeads');
    const second = await call(org.admin, 'findLeads', card.next!.input);
    expect((second.cards![0] as LeadListCard).offset).toBe(3);
    expect(names(second).some((n) => names(first).includes(n))).toBe(false);
  });

  it('answers bad input with what was wrong, and audits it as invalid', async () => {
    const out = await call(org.alice, 'findLeads', { limit: 0, seniority: ['boss'] });
    expect(out.outcome).toBe('invalid');
    expect(out.summary).toMatch(/limit/);
    expect(out.summary).toMatch(/seniority/);
    const row = await c.db.prisma.auditEntry.findFirst({ where: { name: 'findLeads', outcome: 'invalid' }, orderBy: { seq: 'desc' } });
    expect(row?.actorId).toBe(org.alice.id);
  });
});

describe('getLead', () => {
  it('finds a lead by email or by name, with its activity', async () => {
    const byEmail = await call(org.alice, 'getLead', { lead: 'JANE@acme.io' });
    expect(byEmail.outcome).toBe('ok');
    expect(byEmail.cards![0]!.type).toBe('lead_detail');
    const byName = await call(org.alice, 'getLead', { lead: 'jane doe' });
    expect((byName.data!.lead as { id: string }).id).toBe(org.leads['Jane Doe']);
  });

  it('does not find a lead outside the rep’s scope', async () => {
    const out = await call(org.alice, 'getLead', { lead: 'tom@shopify-clone.io' });
    expect(out.outcome).toBe('invalid');
    expect(out.summary).toContain("couldn't find");
  });
});

describe('enrichLead with the built-in enricher', () => {
  it('fills what the email tells, records history, then skips a fresh lead unless forced', async () => {
    const out = await call(org.alice, 'enrichLead', { lead: 'paul@plainsoft.co.uk' });
    expect(out.outcome).toBe('ok');
    const card = out.cards![0] as EnrichmentCard;
    const changed = Object.fromEntries(card.changes.map((ch) => [ch.field, ch.after]));
    expect(changed.companyDomain).toBe('plainsoft.co.uk');
    expect(changed.country).toBe('United Kingdom');
    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'paul@plainsoft.co.uk' } });
    expect(lead.companyDomain).toBe('plainsoft.co.uk');
    expect(lead.enrichedAt).not.toBeNull();
    expect(await c.db.prisma.enrichmentHistory.count({ where: { leadId: lead.id } })).toBe(1);

    const again = await call(org.alice, 'enrichLead', { lead: 'paul@plainsoft.co.uk' });
    expect((again.cards![0] as EnrichmentCard).skippedReason).toContain('within the last 30 days');
    const forced = await call(org.alice, 'enrichLead', { lead: 'paul@plainsoft.co.uk', force: true });
    expect((forced.cards![0] as EnrichmentCard).skippedReason).toBeUndefined();
  });

  it('warns about a free-mail address instead of inventing a company', async () => {
    const out = await call(org.alice, 'enrichLead', { lead: 'nora@gmail.com' });
    expect(out.summary).toContain('free-mail');
    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { email: 'nora@gmail.com' } });
    expect(lead.companyDomain).toBeNull();
  });
});

describe('roastEmail', () => {
  const weak =
    'Subject: Re: QUICK QUESTION!!\n\nHi {{first_name}},\n\nI wanted to reach out because we are the leading provider of best-in-class solutions and I think our ' +
    'platform is a great fit. We help companies like yours. Our FREE trial is risk-free and guaranteed. Click here: http://a.io http://b.io http://c.io ' +
    'I would love to set up a call. Can we book a meeting this week? Also let me know if you are interested. Reply now, act now, limited time!';
  const strong =
    'Subject: Acme hiring\n\nHi Jane,\n\nSaw Acme is hiring three SDRs in Berlin. Teams your size often lose a week ramping each rep. ' +
    'We cut that to two days with call snippets from your best reps; Northwind went from 9 days to 2. Worth a look for the new hires?\n\nBest,\nAlice';

  it('scores a strong email clearly above a weak one and stores the review', async () => {
    const bad = await call(org.alice, 'roastEmail', { body: weak });
    const good = await call(org.alice, 'roastEmail', { body: strong });
    const badCard = bad.cards![0] as EmailRoastCard;
    const goodCard = good.cards![0] as EmailRoastCard;
    expect(badCard.original.subject).toBe('Re: QUICK QUESTION!!');
    expect(goodCard.original.score.score).toBeGreaterThanOrEqual(75);
    expect(badCard.original.score.score).toBeLessThan(65);
    const spam = badCard.original.score.checks.find((ch) => ch.id === 'spam_words')!;
    expect(spam.status).toBe('fail');
    expect(spam.evidence.join(' ').toLowerCase()).toContain('free');
    expect(badCard.rewrite).toBeUndefined(); // offline: rubric only
    expect(await c.db.prisma.emailReview.count({ where: { userId: org.alice.id, kind: 'roast' } })).toBe(2);
  });

  it('refuses an empty email', async () => {
    const out = await call(org.alice, 'roastEmail', { body: '   ' });
    expect(out.outcome).toBe('invalid');
    expect(out.summary).toContain('body');
  });

  it('leaves only the word count of the email in the audit trail, for a valid call and a malformed one', async () => {
    await call(org.bob, 'roastEmail', { subject: 'Acme hiring', body: strong });
    await call(org.bob, 'roastEmail', { text: 'Hi Jane, saw Acme is hiring three SDRs in Berlin.' });
    const rows = await c.db.prisma.auditEntry.findMany({ where: { actorId: org.bob.id, name: 'roastEmail' }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.outcome, r.input])).toEqual([
      ['ok', { subject: 'Acme hiring', body: `[email body: ${strong.split(/\s+/).length} words]` }],
      ['invalid', { text: '[email body: 10 words]' }],
    ]);
    expect(JSON.stringify(rows.map((r) => r.input))).not.toContain('SDRs');
  });
});

describe('draftEmail', () => {
  // With an offer, drafting is covered by test/tools/offer-and-draft.test.ts.
  it('asks for an offer profile when none is set, rather than pitching something invented', async () => {
    const out = await call(org.alice, 'draftEmail', { lead: 'jane@acme.io' });
    expect(out.outcome).toBe('ok');
    expect(out.data!.needsOffer).toBe(true);
    expect(await c.db.prisma.leadActivity.count({ where: { leadId: org.leads['Jane Doe'], type: 'email_drafted' } })).toBe(0);
  });
});

describe('updateLead needs a confirmation', () => {
  it('asks first, executes once after confirmation, and only for the asker', async () => {
    const asked = await call(org.alice, 'updateLead', { lead: 'Max Muster', status: 'contacted', note: 'Called, wants a demo' });
    expect(asked.outcome).toBe('pending_confirmation');
    const actionId = asked.data!.pendingActionId as string;
    expect((await c.db.prisma.lead.findUniqueOrThrow({ where: { id: org.leads['Max Muster'] } })).status).toBe('new');

    await expect(c.guards.confirmations.claim(actionId, org.bob)).rejects.toMatchObject({ code: 'confirmation_invalid' });
    const claimed = await c.guards.confirmations.claim(actionId, org.alice);
    const done = await call(org.alice, 'updateLead', claimed.input, true);
    expect(done.outcome).toBe('ok');
    await expect(c.guards.confirmations.claim(actionId, org.alice)).rejects.toMatchObject({ code: 'confirmation_invalid' });

    const lead = await c.db.prisma.lead.findUniqueOrThrow({ where: { id: org.leads['Max Muster'] } });
    expect(lead.status).toBe('contacted');
    const activity = await c.db.prisma.leadActivity.findMany({ where: { leadId: lead.id }, orderBy: { createdAt: 'asc' } });
    expect(activity.map((a) => a.type)).toEqual(expect.arrayContaining(['status_change', 'note']));
  });

  it('needs a status or a note', async () => {
    const out = await call(org.alice, 'updateLead', { lead: 'Max Muster' });
    expect(out.outcome).toBe('invalid');
    expect(out.summary).toContain('give a status, a note, or both');
  });
});

describe('myUsage', () => {
  it('reports today’s spend against the default budget', async () => {
    const out = await call(org.bob, 'myUsage', {});
    expect(out.outcome).toBe('ok');
    expect(out.summary).toContain('of your $5.00 daily budget');
    expect(out.cards![0]!.type).toBe('usage');
  });

  it('calls a budget lease held for the rep "set aside", never "in progress" (no call is running), and counts it out of what is left', async () => {
    const costs = c.guards.costs;
    const reservation = await costs.reserve(org.carol, { kind: 'tool', name: 'enrichLead', estimateUsd: 0.01 });
    await costs.release(reservation);
    const out = await call(org.carol, 'myUsage', {});
    expect(out.summary).toMatch(/\(plus \$0\.\d\d set aside for calls under way or about to start\)/);
    expect(out.summary).not.toContain('in progress');
    const card = out.cards![0] as UsageCard;
    expect(card.reservedUsd).toBeGreaterThan(0);
    expect(card.remainingUsd).toBeCloseTo(card.limitUsd - card.spentUsd - card.reservedUsd, 6);
  });

  it('says when the budget resets in each rep’s own time zone (midnight there), one zone after another', async () => {
    for (const [actor, zone] of [
      [org.bob, 'Europe/Berlin'],
      [org.carol, 'America/New_York'],
      [org.bob, 'Europe/Berlin'],
    ] as const) {
      expect((await call(actor, 'myUsage', {})).summary).toContain(`It resets at 00:00 (${zone}).`);
    }
  });
});

it('every tool has a model-readable description and input schema', () => {
  for (const t of ALL_TOOLS) {
    expect(t.description.length).toBeGreaterThan(40);
    expect(t.statusText).toMatch(/…$/);
  }
});
