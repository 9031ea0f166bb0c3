// The words of the leads a user may see, for the offline model: scoped by role, rebuilt when leads change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { ROWS, loadFixture, type Fixture } from './lead-fixtures.ts';
import { LeadVocabularyRepository } from '../../../core/db/lead-vocabulary-repository.ts';
import type { LeadScope } from '../../../core/leads/filter.ts';
import { canonicalTech } from '../../../core/leads/catalog.ts';

let db: TestDatabase;
let fx: Fixture;
let clock = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await loadFixture(db);
});
afterAll(async () => {
  await db?.drop();
});

const annScope = (): LeadScope => ({ kind: 'owners', ownerIds: [fx.ids.ann], unassigned: true });
const visibleToAnn = ROWS.filter((r) => r[12] === 'ann' || r[12] === null);

describe('LeadVocabularyRepository', () => {
  it('gives a rep only the values, companies and names of the leads they may see', async () => {
    const vocab = await new LeadVocabularyRepository(db.prisma, { now: () => clock }).forScope(annScope());
    expect(vocab.companies).toEqual([...new Set(visibleToAnn.map((r) => r[4]))].sort());
    expect(vocab.industries).toEqual([...new Set(visibleToAnn.map((r) => r[5]))].sort());
    expect(vocab.cities).toEqual([...new Set(visibleToAnn.map((r) => r[8]))].sort());
    // Stored canonically: "Microsoft Azure" is kept as "Azure".
    expect(vocab.technologies).toEqual([...new Set(visibleToAnn.flatMap((r) => r[9]).map((t) => canonicalTech(t) ?? t))].sort());
    expect(vocab.leads.map((l) => l.fullName).sort()).toEqual(visibleToAnn.map((r) => r[1]).sort());
    // Bob's lead at Umbrella Bank is not Ann's to see.
    expect(vocab.companies).not.toContain('Umbrella Bank');
    expect(vocab.leads.map((l) => l.fullName)).not.toContain('Olivia Martin');
    expect(vocab.complete).toBe(true);
  });

  it('keeps the best-scoring leads first and says when the list is cut short', async () => {
    const vocab = await new LeadVocabularyRepository(db.prisma, { maxLeads: 3 }).forScope({ kind: 'all' });
    expect(vocab.leads.map((l) => l.fullName)).toEqual(['Jane Doe', 'Piotr Kowalski', 'John Smith']);
    expect(vocab.complete).toBe(false);
  });

  it('serves the cached vocabulary while leads are unchanged and rebuilds it when they change', async () => {
    const repo = new LeadVocabularyRepository(db.prisma, { now: () => clock, checkEveryMs: 1_000 });
    const first = await repo.forScope(annScope());
    clock += 5_000;
    expect(await repo.forScope(annScope())).toBe(first);

    await fx.leads.create({ email: 'kai@aquafarm.io', fullName: 'Kai Nakamura', company: 'AquaFarm', industry: 'Aquaculture', ownerId: fx.ids.ann });
    // Within the check interval the cache still answers; after it, the change is seen.
    expect(await repo.forScope(annScope())).toBe(first);
    clock += 1_000;
    const second = await repo.forScope(annScope());
    expect(second).not.toBe(first);
    expect(second.industries).toContain('Aquaculture');
    expect(second.companies).toContain('AquaFarm');
    expect(second.leads.map((l) => l.fullName)).toContain('Kai Nakamura');

    // A lead of another rep changes nothing Ann may see, but the rebuilt vocabulary still hides it.
    await fx.leads.create({ email: 'zo@hidden.io', fullName: 'Zoe Hidden', company: 'Hidden Co', industry: 'Mining', ownerId: fx.ids.bob });
    clock += 1_000;
    const third = await repo.forScope(annScope());
    expect(third.industries).not.toContain('Mining');
    expect(third.leads.map((l) => l.fullName)).not.toContain('Zoe Hidden');
  });
});

describe('LeadVocabularyRepository memory bound', () => {
  const scopeOf = (owner: 'ann' | 'bob' | 'cat'): LeadScope => ({ kind: 'owners', ownerIds: [fx.ids[owner]], unassigned: true });

  it('holds at most maxCachedLeads lead names across scopes, dropping the least recently used scope first', async () => {
    const size = async (owner: 'ann' | 'bob' | 'cat') => (await new LeadVocabularyRepository(db.prisma).forScope(scopeOf(owner))).leads.length;
    const [annSize, bobSize, catSize] = [await size('ann'), await size('bob'), await size('cat')];
    // Room for two reps' scopes, not three.
    const bound = annSize + Math.max(bobSize, catSize);
    const repo = new LeadVocabularyRepository(db.prisma, { now: () => clock, maxCachedLeads: bound });
    const ann = await repo.forScope(scopeOf('ann'));
    const bob = await repo.forScope(scopeOf('bob'));
    expect(repo.cacheSize()).toEqual({ scopes: 2, leads: annSize + bobSize });
    // Ann asks again: she is now the most recently used, so Cat's scope pushes Bob's out.
    expect(await repo.forScope(scopeOf('ann'))).toBe(ann);
    await repo.forScope(scopeOf('cat'));
    expect(repo.cacheSize()).toEqual({ scopes: 2, leads: annSize + catSize });
    expect(await repo.forScope(scopeOf('ann'))).toBe(ann);
    // Bob's is read again (a new object with the same words), and never served stale.
    const bobAgain = await repo.forScope(scopeOf('bob'));
    expect(bobAgain).not.toBe(bob);
    expect(bobAgain).toEqual(bob);
    expect(repo.cacheSize().leads).toBeLessThanOrEqual(bound);
  });

  it('keeps a scope larger than the bound on its own (it is needed now) and nothing beside it', async () => {
    const repo = new LeadVocabularyRepository(db.prisma, { now: () => clock, maxCachedLeads: 1 });
    await repo.forScope(scopeOf('ann'));
    const all = await repo.forScope({ kind: 'all' });
    expect(repo.cacheSize()).toEqual({ scopes: 1, leads: all.leads.length });
    expect(await repo.forScope({ kind: 'all' })).toBe(all);
  });
});
