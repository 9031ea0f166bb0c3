// Exclusion filters: "not disqualified", "outside Germany", "except fintech", "not on Salesforce".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { ROWS, keysWhere, loadFixture, type Fixture } from './lead-fixtures.ts';
import type { LeadFilter } from '../../../core/leads/filter.ts';
import type { SearchContext } from '../../../core/db/lead-search.ts';
import { ValidationError } from '../../../core/errors.ts';

let db: TestDatabase;
let fx: Fixture;
let admin: SearchContext;
// A lead nobody has filled in: no industry, country, city or technologies.
const BARE = 'bare';

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await loadFixture(db);
  admin = { scope: { kind: 'all' }, actorId: fx.ids.root };
  const bare = await fx.leads.create({ email: 'bare@example.com', fullName: 'Bare Lead', status: 'new', score: 50 });
  fx.keyOf.set(bare.id, BARE);
});
afterAll(async () => {
  await db?.drop();
});

async function keys(filter: LeadFilter, ctx: SearchContext = admin): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await fx.leads.search({ ...filter, limit: 7, cursor }, ctx);
    out.push(...page.leads.map((l) => fx.keyOf.get(l.id)!));
    cursor = page.nextCursor;
  } while (cursor);
  return [...out].sort();
}
const withBare = (xs: string[]) => [...xs, BARE].sort();

describe('LeadRepository.search exclusions', () => {
  it('excludeStatus leaves out the statuses named, across pages', async () => {
    expect(await keys({ excludeStatus: ['disqualified'] })).toEqual(withBare(keysWhere((r) => r[10] !== 'disqualified')));
    expect(await keys({ excludeStatus: ['new', 'contacted'] })).toEqual(keysWhere((r) => r[10] !== 'new' && r[10] !== 'contacted'));
  });

  it('excludeCountry canonicalises aliases and keeps leads whose country is unknown', async () => {
    expect(await keys({ excludeCountry: ['DE'] })).toEqual(withBare(keysWhere((r) => r[7] !== 'Germany')));
    expect(await keys({ excludeCountry: ['germany', 'uk'] })).toEqual(withBare(keysWhere((r) => r[7] !== 'Germany' && r[7] !== 'United Kingdom')));
  });

  it('excludeIndustry and excludeCity keep leads with no value', async () => {
    expect(await keys({ excludeIndustry: ['fin-tech'] })).toEqual(withBare(keysWhere((r) => r[5] !== 'Fintech')));
    expect(await keys({ excludeCity: ['london', 'Berlin'] })).toEqual(withBare(keysWhere((r) => r[8] !== 'London' && r[8] !== 'Berlin')));
  });

  it('excludeTech leaves out companies using any of the technologies named', async () => {
    expect(await keys({ excludeTech: ['salesforce'] })).toEqual(withBare(keysWhere((r) => !r[9].includes('Salesforce'))));
    expect(await keys({ excludeTech: ['Salesforce', 'hubspot'] })).toEqual(
      withBare(keysWhere((r) => !r[9].includes('Salesforce') && !r[9].includes('HubSpot'))),
    );
  });

  it('combines with inclusions of other fields: fintech leads outside Germany not yet disqualified', async () => {
    expect(await keys({ industry: ['Fintech'], excludeCountry: ['Germany'], excludeStatus: ['disqualified'] })).toEqual(
      keysWhere((r) => r[5] === 'Fintech' && r[7] !== 'Germany' && r[10] !== 'disqualified'),
    );
    expect(await keys({ tech: ['React'], excludeTech: ['HubSpot'] })).toEqual(keysWhere((r) => r[9].includes('React') && !r[9].includes('HubSpot')));
    expect(await keys({ query: 'health', excludeCity: ['Hamburg'] })).toEqual(['l03']);
  });

  it('keeps the RBAC scope: an exclusion never widens what a rep sees', async () => {
    const ann: SearchContext = { scope: { kind: 'owners', ownerIds: [fx.ids.ann], unassigned: true }, actorId: fx.ids.ann };
    expect(await keys({ excludeCountry: ['Germany'] }, ann)).toEqual(withBare(keysWhere((r) => (r[12] === 'ann' || r[12] === null) && r[7] !== 'Germany')));
    expect(ROWS.some((r) => r[12] === 'bob' && r[7] !== 'Germany')).toBe(true);
  });

  it('rejects a status both asked for and excluded with a ValidationError', async () => {
    await expect(fx.leads.search({ status: ['new'], excludeStatus: ['new'] }, admin)).rejects.toThrow(ValidationError);
    await expect(fx.leads.search({ excludeStatus: ['maybe' as never] }, admin)).rejects.toThrow(ValidationError);
  });
});
