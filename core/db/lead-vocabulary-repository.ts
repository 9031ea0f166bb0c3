// The words the leads a user may see are described with: industries, countries, cities, technologies,
// companies and lead names. The offline model reads them so "fintek leads" and "mark jane as contacted"
// resolve against this organisation's data, not only the built-in catalogue. Kept per scope, and
// rebuilt when the lead table changes (checked at most every few seconds, so a busy chat costs one
// cheap statement per interval, not a full read per message).
import { Prisma, type PrismaClient } from './generated/client.ts';
import { rawRows } from './client.ts';
import { scopeCondition } from './lead-search.ts';
import type { LeadScope } from '../leads/filter.ts';

export interface VocabularyLead {
  id: string;
  fullName: string;
  email: string;
  company: string | null;
}

export interface LeadVocabulary {
  industries: string[];
  countries: string[];
  cities: string[];
  technologies: string[];
  companies: string[];
  /** Best-scoring leads first, at most `maxLeads`. */
  leads: VocabularyLead[];
  /** True when `leads` is every lead the scope may see. */
  complete: boolean;
}

export interface LeadVocabularyOptions {
  /** Lead names (and companies) kept per scope; beyond this the best-scoring ones. */
  maxLeads?: number;
  /** How often, at most, the lead table is checked for changes. */
  checkEveryMs?: number;
  /**
   * Bound on the lead names held across all cached scopes (each rep has a scope of their own, each up to
   * `maxLeads`): beyond it the least recently used scopes are dropped and read again when next asked for.
   */
  maxCachedLeads?: number;
  now?: () => number;
}

interface Cached {
  version: string;
  vocabulary: Promise<LeadVocabulary>;
  /** Lead names it holds, once loaded. */
  leads: number;
}

/** Scopes cached at most, whatever their size. */
const MAX_SCOPES = 500;

export class LeadVocabularyRepository {
  private readonly cache = new Map<string, Cached>();
  private version: { value: string; checkedAt: number } | undefined;
  private readonly maxLeads: number;
  private readonly maxCachedLeads: number;
  private cachedLeads = 0;
  private readonly checkEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly prisma: PrismaClient,
    opts: LeadVocabularyOptions = {},
  ) {
    this.maxLeads = opts.maxLeads ?? 5_000;
    this.maxCachedLeads = opts.maxCachedLeads ?? 100_000;
    this.checkEveryMs = opts.checkEveryMs ?? 5_000;
    this.now = opts.now ?? Date.now;
  }

  async forScope(scope: LeadScope): Promise<LeadVocabulary> {
    const version = await this.dataVersion();
    const key = JSON.stringify(scope.kind === 'all' ? scope : { ...scope, ownerIds: [...scope.ownerIds].sort() });
    const hit = this.cache.get(key);
    if (hit && hit.version === version) {
      // Most recently used last: eviction takes from the front.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.vocabulary;
    }
    if (hit) this.forget(key);
    const entry: Cached = { version, vocabulary: Promise.resolve() as unknown as Promise<LeadVocabulary>, leads: 0 };
    // Counted before any caller sees the vocabulary, so the bound holds whenever one is handed out.
    entry.vocabulary = this.load(scope).then(
      (v) => {
        if (this.cache.get(key) === entry) {
          entry.leads = v.leads.length;
          this.cachedLeads += entry.leads;
          this.evict(key);
        }
        return v;
      },
      (err: unknown) => {
        // A failed load must not stay cached.
        if (this.cache.get(key) === entry) this.forget(key);
        throw err;
      },
    );
    this.cache.set(key, entry);
    return entry.vocabulary;
  }

  /** Scopes cached and lead names held (for tests and the memory bound). */
  cacheSize(): { scopes: number; leads: number } {
    return { scopes: this.cache.size, leads: this.cachedLeads };
  }

  private forget(key: string): void {
    const entry = this.cache.get(key);
    if (!entry) return;
    this.cachedLeads -= entry.leads;
    this.cache.delete(key);
  }

  /** Least recently used scopes out until the bounds hold; `keep` (just loaded) always stays. */
  private evict(keep: string): void {
    for (const key of this.cache.keys()) {
      if (this.cachedLeads <= this.maxCachedLeads && this.cache.size <= MAX_SCOPES) return;
      if (key !== keep) this.forget(key);
    }
  }

  private async dataVersion(): Promise<string> {
    const t = this.now();
    if (this.version && t - this.version.checkedAt < this.checkEveryMs) return this.version.value;
    const [row] = await rawRows<{ n: number; changed: Date | null }>(
      this.prisma,
      Prisma.sql`SELECT count(*)::int AS n, max(GREATEST("updatedAt", "createdAt")) AS changed FROM leads`,
    );
    const value = `${row?.n ?? 0}:${row?.changed ? new Date(row.changed).getTime() : 0}`;
    this.version = { value, checkedAt: t };
    return value;
  }

  private async load(scope: LeadScope): Promise<LeadVocabulary> {
    const visible = scopeCondition(scope);
    const [values] = await rawRows<Record<'industries' | 'countries' | 'cities', string[] | null>>(
      this.prisma,
      Prisma.sql`SELECT array_agg(DISTINCT l."industry") FILTER (WHERE l."industry" IS NOT NULL) AS industries,
                        array_agg(DISTINCT l."country") FILTER (WHERE l."country" IS NOT NULL) AS countries,
                        array_agg(DISTINCT l."city") FILTER (WHERE l."city" IS NOT NULL) AS cities
                 FROM leads l WHERE ${visible}`,
    );
    const tech = await rawRows<{ t: string }>(this.prisma, Prisma.sql`SELECT DISTINCT unnest(l."techStack") AS t FROM leads l WHERE ${visible}`);
    const leads = await rawRows<VocabularyLead>(
      this.prisma,
      Prisma.sql`SELECT l."id", l."fullName", l."email", l."company" FROM leads l WHERE ${visible}
                 ORDER BY l."score" DESC, l."id" DESC LIMIT ${this.maxLeads}`,
    );
    const sorted = (xs: string[] | null | undefined) => [...(xs ?? [])].sort();
    return {
      industries: sorted(values?.industries),
      countries: sorted(values?.countries),
      cities: sorted(values?.cities),
      technologies: sorted(tech.map((r) => r.t)),
      companies: sorted([...new Set(leads.map((l) => l.company).filter((c): c is string => Boolean(c)))]),
      leads,
      complete: leads.length < this.maxLeads,
    };
  }
}
