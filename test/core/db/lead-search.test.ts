import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { ROWS, keysWhere, loadFixture, type Fixture } from './lead-fixtures.ts';
import type { LeadFilter, LeadScope } from '../../../core/leads/filter.ts';
import type { SearchContext } from '../../../core/db/lead-search.ts';
import { ValidationError } from '../../../core/errors.ts';

let db: TestDatabase;
let fx: Fixture;
let admin: SearchContext;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await loadFixture(db);
  admin = { scope: { kind: 'all' }, actorId: fx.ids.root };
});
afterAll(async () => {
  await db?.drop();
});

/** Every key the search returns, walking all pages. */
async function keys(filter: LeadFilter, ctx: SearchContext = admin): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await fx.leads.search({ ...filter, limit: filter.limit ?? 100, cursor }, ctx);
    out.push(...page.leads.map((l) => fx.keyOf.get(l.id)!));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
const sorted = (xs: string[]) => [...xs].sort();
const rep = (who: 'ann' | 'bob' | 'cat'): SearchContext => ({
  scope: { kind: 'owners', ownerIds: [fx.ids[who]], unassigned: true },
  actorId: fx.ids[who],
});

describe('LeadRepository.search filters', () => {
  it('returns every lead for an admin with no filter, best score first, ties by id', async () => {
    const expected = [...ROWS]
      .map((r) => ({ key: r[0], score: r[11], id: fx.leadId[r[0]]! }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
      .map((r) => r.key);
    expect(await keys({})).toEqual(expected);
  });

  it('filters by industry, canonicalising aliases and case', async () => {
    expect(sorted(await keys({ industry: ['fin-tech'] }))).toEqual(keysWhere((r) => r[5] === 'Fintech'));
    expect(sorted(await keys({ industry: ['healthcare', 'Media'] }))).toEqual(keysWhere((r) => r[5] === 'Healthcare' || r[5] === 'Media'));
  });

  it('filters by country given as a code or alias', async () => {
    expect(sorted(await keys({ country: ['DE'] }))).toEqual(keysWhere((r) => r[7] === 'Germany'));
    expect(sorted(await keys({ country: ['deutschland'] }))).toEqual(keysWhere((r) => r[7] === 'Germany'));
  });

  it('filters by city', async () => {
    expect(sorted(await keys({ city: ['berlin'] }))).toEqual(keysWhere((r) => r[8] === 'Berlin'));
  });

  it('uses an unknown value as given, trimmed', async () => {
    expect(await keys({ industry: ['  Underwater Basket Weaving '] })).toEqual([]);
  });

  it('filters by seniority', async () => {
    expect(sorted(await keys({ seniority: ['c_level', 'vp'] }))).toEqual(keysWhere((r) => r[3] === 'c_level' || r[3] === 'vp'));
  });

  it('filters by status', async () => {
    expect(sorted(await keys({ status: ['replied'] }))).toEqual(keysWhere((r) => r[10] === 'replied'));
  });

  it('filters by company size range, bounds included', async () => {
    expect(sorted(await keys({ companySizeMin: 60, companySizeMax: 300 }))).toEqual(keysWhere((r) => r[6] >= 60 && r[6] <= 300));
    expect(sorted(await keys({ companySizeMin: 5000 }))).toEqual(keysWhere((r) => r[6] >= 5000));
  });

  it('rejects a size range whose minimum is above its maximum', async () => {
    await expect(fx.leads.search({ companySizeMin: 500, companySizeMax: 100 }, admin)).rejects.toThrow(/companySizeMin/);
  });

  it('requires every listed technology, canonicalising names', async () => {
    expect(sorted(await keys({ tech: ['hubspot', 'react'] }))).toEqual(keysWhere((r) => r[9].includes('HubSpot') && r[9].includes('React')));
  });

  it('filters by minimum score', async () => {
    expect(sorted(await keys({ minScore: 85 }))).toEqual(keysWhere((r) => r[11] >= 85));
  });

  it('matches all title words at word starts, in any order, case-insensitively', async () => {
    expect(sorted(await keys({ title: 'sales head' }))).toEqual(['l03', 'l13', 'l23', 'l30']);
  });

  it('skips joining words of a title, so "VP of Engineering" finds "VP Engineering" and "Director of Engineering" "Engineering Director"', async () => {
    const vpEngineering = keysWhere((r) => /^(?:VP|Vice President)\b.*\bEngineering\b/.test(r[2]));
    expect(vpEngineering).toContain('l09');
    expect(sorted(await keys({ title: 'VP of Engineering' }))).toEqual(vpEngineering);
    expect(sorted(await keys({ title: 'Engineering, Director' }))).toEqual(sorted(await keys({ title: 'Director of Engineering' })));
    expect(await keys({ title: 'Director of Engineering' })).toContain('l04');
  });

  it('matches a title abbreviation to its spelled-out form but not inside another word', async () => {
    // "Director" contains "cto"; it must not match.
    expect(sorted(await keys({ title: 'CTO' }))).toEqual(['l01', 'l05', 'l20']);
    expect(sorted(await keys({ title: 'CTOs' }))).toEqual(['l01', 'l05', 'l20']);
    // And the other way round: the spelled-out form finds the abbreviation.
    expect(sorted(await keys({ title: 'Chief Technology Officers' }))).toEqual(['l01', 'l05', 'l20']);
  });

  it('matches free text against name, company, email and title', async () => {
    expect(sorted(await keys({ query: 'acme' }))).toEqual(['l01', 'l02']);
    expect(sorted(await keys({ query: 'jane doe' }))).toEqual(['l01', 'l29']);
    expect(sorted(await keys({ query: 'l17.freya' }))).toEqual(['l17']);
    expect(sorted(await keys({ query: 'DOE JANE' }))).toEqual(['l01', 'l29']);
  });

  it('treats LIKE wildcards in free text literally', async () => {
    expect(await keys({ query: '%_%' })).toEqual([]);
  });
});

describe('LeadRepository.search combinations', () => {
  it('industry + country + seniority', async () => {
    expect(sorted(await keys({ industry: ['Healthcare'], country: ['Germany'], seniority: ['vp', 'director'] }))).toEqual(['l08', 'l09']);
  });

  it('size range + tech', async () => {
    expect(sorted(await keys({ companySizeMin: 100, companySizeMax: 500, tech: ['HubSpot'] }))).toEqual(
      keysWhere((r) => r[6] >= 100 && r[6] <= 500 && r[9].includes('HubSpot')),
    );
  });

  it('title + country', async () => {
    expect(sorted(await keys({ title: 'head of sales', country: ['Germany'] }))).toEqual(['l30']);
  });

  it('query + status', async () => {
    expect(sorted(await keys({ query: 'bank', status: ['qualified'] }))).toEqual(['l22']);
  });
});

describe('LeadRepository.search owner scoping', () => {
  it('shows a rep their own and unassigned leads only', async () => {
    expect(sorted(await keys({}, rep('ann')))).toEqual(keysWhere((r) => r[12] === 'ann' || r[12] === null));
  });

  it("never shows a rep another rep's lead, even when the query names it", async () => {
    // l02 (John Smith at Acme Pay) belongs to Bob.
    expect(await keys({ query: 'john smith' }, rep('ann'))).toEqual([]);
    expect(await keys({ owner: 'team', query: 'acme' }, { ...rep('ann'), teamMemberIds: [fx.ids.ann, fx.ids.bob] })).toEqual(['l01']);
  });

  it("never lets a cursor reach past a rep's scope", async () => {
    const first = await fx.leads.search({ limit: 1 }, admin);
    const seen = new Set<string>();
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await fx.leads.search({ limit: 3, cursor }, rep('cat'));
      for (const l of page.leads) seen.add(fx.keyOf.get(l.id)!);
      cursor = page.nextCursor;
    }
    for (const key of seen) expect(['cat', null]).toContain(ROWS.find((r) => r[0] === key)![12]);
  });

  it('owner "me" is the actor\'s own leads', async () => {
    expect(sorted(await keys({ owner: 'me' }, rep('bob')))).toEqual(keysWhere((r) => r[12] === 'bob'));
  });

  it('owner "unassigned" is the leads without an owner', async () => {
    expect(sorted(await keys({ owner: 'unassigned' }, rep('bob')))).toEqual(keysWhere((r) => r[12] === null));
  });

  it('shows a manager the team\'s and unassigned leads, and "team" narrows to the team', async () => {
    const scope = await fx.users.scopeFor({ id: fx.ids.mia, role: 'manager' });
    const team = (await fx.users.teamMembers(fx.ids.mia)).map((u) => u.id);
    const ctx: SearchContext = { scope, actorId: fx.ids.mia, teamMemberIds: team };
    expect(sorted(await keys({}, ctx))).toEqual(keysWhere((r) => r[12] !== 'cat'));
    expect(sorted(await keys({ owner: 'team' }, ctx))).toEqual(keysWhere((r) => r[12] === 'ann' || r[12] === 'bob'));
  });

  it('shows nothing for a scope with no owners and no unassigned leads', async () => {
    const none: LeadScope = { kind: 'owners', ownerIds: [], unassigned: false };
    expect(await keys({}, { scope: none, actorId: fx.ids.ann })).toEqual([]);
  });

  it('names the owner of each lead', async () => {
    const page = await fx.leads.search({ query: 'jane doe' }, admin);
    expect(page.leads.map((l) => l.ownerName).sort()).toEqual(['Ann', 'Cat']);
  });
});

describe('LeadRepository.search sorting and paging', () => {
  it('sorts "recent" by creation time, newest first', async () => {
    expect(await keys({ sort: 'recent' })).toEqual(ROWS.map((r) => r[0]).reverse());
  });

  it('returns 10 leads by default with a cursor to the next page', async () => {
    const page = await fx.leads.search({}, admin);
    expect(page.leads).toHaveLength(10);
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('pages through every result once, without gaps, for both sorts', async () => {
    for (const sort of ['score', 'recent'] as const) {
      const all = await keys({ sort, limit: 100 });
      const paged = await keys({ sort, limit: 4 });
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(ROWS.length);
    }
  });

  it('pages across score ties without duplicates', async () => {
    const paged = await keys({ minScore: 77, limit: 1 });
    expect(sorted(paged)).toEqual(keysWhere((r) => r[11] >= 77));
  });

  it('gives no cursor on the last page', async () => {
    const page = await fx.leads.search({ industry: ['Media'] }, admin);
    expect(page.leads).toHaveLength(2);
    expect(page.nextCursor).toBeUndefined();
  });

  it('rejects a malformed cursor with a ValidationError', async () => {
    for (const cursor of ['not a cursor!', 'bm9wZQ', Buffer.from('["s",1,"x"]').toString('base64url')]) {
      await expect(fx.leads.search({ cursor }, admin)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('rejects a cursor from the other sort order', async () => {
    const { nextCursor } = await fx.leads.search({ sort: 'recent', limit: 2 }, admin);
    await expect(fx.leads.search({ sort: 'score', cursor: nextCursor }, admin)).rejects.toThrow(/cursor/);
  });

  it('rejects a limit above 100', async () => {
    await expect(fx.leads.search({ limit: 101 }, admin)).rejects.toBeInstanceOf(ValidationError);
  });
});
