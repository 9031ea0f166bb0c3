import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { keysWhere, loadFixture, type Fixture } from './lead-fixtures.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.ts';
import type { LeadInput } from '../../../core/leads/lead-input.ts';

let db: TestDatabase;
let fx: Fixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await loadFixture(db);
});
afterAll(async () => {
  await db?.drop();
});

describe('LeadRepository lookups', () => {
  it('finds a lead by id and by email in any case', async () => {
    const lead = await fx.leads.getById(fx.leadId.l01!);
    expect(lead?.fullName).toBe('Jane Doe');
    expect((await fx.leads.getByEmail(`  ${lead!.email.toUpperCase()} `))?.id).toBe(lead!.id);
  });

  it('returns undefined for an unknown or malformed id and an unknown email', async () => {
    expect(await fx.leads.getById('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await fx.leads.getById('nope')).toBeUndefined();
    expect(await fx.leads.getByEmail('nobody@example.com')).toBeUndefined();
  });

  it('finds every lead with a name within the scope, ignoring case and spacing', async () => {
    const all = await fx.leads.findByName('  jane   DOE ', { kind: 'all' });
    expect(all.map((l) => fx.keyOf.get(l.id)).sort()).toEqual(['l01', 'l29']);
    const ann = await fx.leads.findByName('Jane Doe', { kind: 'owners', ownerIds: [fx.ids.ann], unassigned: true });
    expect(ann.map((l) => fx.keyOf.get(l.id))).toEqual(['l01']);
    expect(await fx.leads.findByName('Jane', { kind: 'all' })).toEqual([]);
  });

  it('counts the leads a scope may see', async () => {
    expect(await fx.leads.count({ kind: 'all' })).toBe(30);
    expect(await fx.leads.count({ kind: 'owners', ownerIds: [fx.ids.ann], unassigned: false })).toBe(keysWhere((r) => r[12] === 'ann').length);
    expect(await fx.leads.count({ kind: 'owners', ownerIds: [fx.ids.ann], unassigned: true })).toBe(keysWhere((r) => r[12] === 'ann' || r[12] === null).length);
  });
});

describe('LeadRepository writes', () => {
  it('creates a lead with canonical values, a derived seniority and a created activity', async () => {
    const lead = await fx.leads.create(
      { email: 'New.Person@Example.com', fullName: 'New Person', title: 'VP Sales', industry: 'fin-tech', country: 'DE', techStack: ['hubspot'] },
      fx.ids.ann,
    );
    expect(lead).toMatchObject({ email: 'new.person@example.com', industry: 'Fintech', country: 'Germany', techStack: ['HubSpot'], seniority: 'vp' });
    const detail = await fx.leads.getDetail(lead.id);
    expect(detail?.activities.map((a) => [a.type, a.actorId])).toEqual([['created', fx.ids.ann]]);
  });

  it('refuses a second lead with the same email as a conflict', async () => {
    const email = (await fx.leads.getById(fx.leadId.l02!))!.email;
    await expect(fx.leads.create({ email: email.toUpperCase(), fullName: 'Dup' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('rejects bad input naming the field', async () => {
    await expect(fx.leads.create({ email: 'not-an-email', fullName: 'X' })).rejects.toThrow(/email/);
    await expect(fx.leads.create({ email: 'a@b.io', fullName: 'X', score: 101 } as LeadInput)).rejects.toBeInstanceOf(ValidationError);
  });

  it('records a status change with from and to, and bumps lastActivityAt', async () => {
    const id = fx.leadId.l03!;
    const updated = await fx.leads.update(id, { status: 'qualified' }, fx.ids.mia);
    expect(updated.status).toBe('qualified');
    expect(updated.lastActivityAt).toBeInstanceOf(Date);
    const detail = await fx.leads.getDetail(id);
    expect(detail!.activities[0]).toMatchObject({ type: 'status_change', fromStatus: 'replied', toStatus: 'qualified', actorId: fx.ids.mia });
  });

  it('records a note passed with an update as a note activity', async () => {
    const id = fx.leadId.l04!;
    await fx.leads.update(id, { score: 99, note: 'Met at the Berlin meetup' }, fx.ids.cat);
    const detail = await fx.leads.getDetail(id);
    expect(detail!.score).toBe(99);
    expect(detail!.activities.map((a) => [a.type, a.body])).toContainEqual(['note', 'Met at the Berlin meetup']);
  });

  it('writes no status activity when the status does not change', async () => {
    const id = fx.leadId.l05!;
    await fx.leads.update(id, { status: 'qualified', title: 'CTO & Co-founder' });
    const detail = await fx.leads.getDetail(id);
    expect(detail!.activities.filter((a) => a.type === 'status_change')).toEqual([]);
    expect(detail!.title).toBe('CTO & Co-founder');
  });

  it('records an owner change as an assigned activity', async () => {
    const id = fx.leadId.l06!;
    await fx.leads.update(id, { ownerId: fx.ids.bob }, fx.ids.mia);
    const detail = await fx.leads.getDetail(id);
    expect(detail!.ownerName).toBe('Bob');
    expect(detail!.activities[0]).toMatchObject({ type: 'assigned', data: { from: null, to: fx.ids.bob } });
  });

  it('refuses to update a lead that does not exist', async () => {
    await expect(fx.leads.update('00000000-0000-4000-8000-000000000000', { score: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('adds a note and keeps only the last 10 activities in the detail, newest first', async () => {
    const id = fx.leadId.l07!;
    for (let i = 1; i <= 12; i++) await fx.leads.addNote(id, `note ${i}`, fx.ids.bob);
    const detail = await fx.leads.getDetail(id);
    expect(detail!.activities).toHaveLength(10);
    expect(detail!.activities[0]!.body).toBe('note 12');
    await expect(fx.leads.addNote(id, '   ', fx.ids.bob)).rejects.toBeInstanceOf(ValidationError);
    await expect(fx.leads.addNote('00000000-0000-4000-8000-000000000000', 'hi', fx.ids.bob)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('LeadRepository.upsertManyByEmail', () => {
  it('counts created and updated rows and updates existing leads by email', async () => {
    const existing = (await fx.leads.getById(fx.leadId.l10!))!;
    const rows: LeadInput[] = [
      { email: existing.email.toUpperCase(), fullName: 'Hugo Laurent', title: 'Founder & CEO', companySize: 75 },
      ...Array.from({ length: 1500 }, (_, i) => ({
        email: `import${i}@bulk.example.com`,
        fullName: `Import Person ${i}`,
        industry: 'saas',
        country: 'UK',
        techStack: ['salesforce', 'Slack'],
        score: i % 100,
      })),
    ];
    const res = await fx.leads.upsertManyByEmail(rows, { source: 'csv', actorId: fx.ids.root });
    expect(res).toEqual({ created: 1500, updated: 1 });
    const hugo = (await fx.leads.getById(existing.id))!;
    expect(hugo).toMatchObject({ title: 'Founder & CEO', companySize: 75, company: 'Apex Retail', status: 'new', score: 65 });
    expect(await fx.leads.getByEmail('import7@bulk.example.com')).toMatchObject({
      industry: 'SaaS',
      country: 'United Kingdom',
      techStack: ['Salesforce', 'Slack'],
      source: 'csv',
      score: 7,
    });
    // The new rows are searchable at once (searchText is kept by the trigger).
    const page = await fx.leads.search({ query: 'import person 1499' }, { scope: { kind: 'all' }, actorId: fx.ids.root });
    expect(page.leads.map((l) => l.email)).toEqual(['import1499@bulk.example.com']);
  });

  it('counts a second run of the same rows as updates only', async () => {
    const rows = [{ email: 'again@bulk.example.com', fullName: 'Again' }];
    expect(await fx.leads.upsertManyByEmail(rows, { source: 'csv' })).toEqual({ created: 1, updated: 0 });
    expect(await fx.leads.upsertManyByEmail(rows, { source: 'csv' })).toEqual({ created: 0, updated: 1 });
  });

  it('writes nothing from a batch with one invalid row, and names the row', async () => {
    const rows = [
      { email: 'ok1@bulk.example.com', fullName: 'Ok' },
      { email: 'broken', fullName: 'Broken' },
    ];
    await expect(fx.leads.upsertManyByEmail(rows, { source: 'csv' })).rejects.toThrow(/row 2: email/);
    expect(await fx.leads.getByEmail('ok1@bulk.example.com')).toBeUndefined();
  });

  it('keeps the last of two rows with the same email in one batch', async () => {
    const res = await fx.leads.upsertManyByEmail(
      [
        { email: 'twice@bulk.example.com', fullName: 'First' },
        { email: 'Twice@bulk.example.com', fullName: 'Second' },
      ],
      { source: 'csv' },
    );
    expect(res).toEqual({ created: 1, updated: 0 });
    expect((await fx.leads.getByEmail('twice@bulk.example.com'))?.fullName).toBe('Second');
  });
});

describe('LeadRepository.recordEnrichment', () => {
  it('updates the fields, sets enrichedAt and writes history and an enriched activity', async () => {
    const id = fx.leadId.l12!;
    const changes = { companySize: { before: 30, after: 45 }, techStack: { before: ['AWS'], after: ['AWS', 'snowflake'] } };
    const lead = await fx.leads.recordEnrichment(id, { changes, source: 'agent', costUsd: 0.0123, actorId: fx.ids.cat });
    expect(lead).toMatchObject({ companySize: 45, techStack: ['AWS', 'Snowflake'] });
    expect(lead.enrichedAt).toBeInstanceOf(Date);
    const detail = (await fx.leads.getDetail(id))!;
    expect(detail.enrichments).toHaveLength(1);
    expect(detail.enrichments[0]).toMatchObject({ source: 'agent', changes, actorId: fx.ids.cat });
    expect(Number(detail.enrichments[0]!.costUsd)).toBeCloseTo(0.0123, 6);
    expect(detail.activities[0]).toMatchObject({ type: 'enriched', data: { source: 'agent', fields: ['companySize', 'techStack'] } });
  });

  it('refuses a field an enrichment may not change and writes nothing', async () => {
    const id = fx.leadId.l13!;
    await expect(fx.leads.recordEnrichment(id, { changes: { email: { before: 'a', after: 'b@c.io' } }, source: 'agent', costUsd: 0 })).rejects.toThrow(/email/);
    expect((await fx.leads.getDetail(id))!.enrichments).toEqual([]);
  });

  it('allows exactly the fields of the agent contract (ENRICHABLE_FIELDS): a score or an emptied full name is refused, nothing written', async () => {
    const id = fx.leadId.l13!;
    await expect(fx.leads.recordEnrichment(id, { changes: { score: { before: 10, after: 90 } }, source: 'agent', costUsd: 0 })).rejects.toThrow(/score/);
    await expect(fx.leads.recordEnrichment(id, { changes: { fullName: { before: 'A B', after: null } }, source: 'agent', costUsd: 0 })).rejects.toThrow(
      /cannot clear the full name/,
    );
    expect((await fx.leads.getDetail(id))!.enrichments).toEqual([]);
  });

  it('refuses an unknown lead', async () => {
    await expect(fx.leads.recordEnrichment('00000000-0000-4000-8000-000000000000', { changes: {}, source: 'builtin', costUsd: 0 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
