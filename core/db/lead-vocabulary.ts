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
  now?: () => number;
}

interface Cached {
  version: string;
  vocabulary: Promise<LeadVocabulary>;
}

export class LeadVocabularyRepository {
  private readonly cache = new Map<string, Cached>();
  private version: { value: string; checkedAt: number } | undefined;
  private readonly maxLeads: number;
  private readonly checkEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly prisma: PrismaClient,
    opts: LeadVocabularyOptions = {},
  ) {
    this.maxLeads = opts.maxLeads ?? 5_000;
    this.checkEveryMs = opts.checkEveryMs ?? 5_000;
    this.now = opts.now ?? Date.now;
  }

  async forScope(scope: LeadScope): Promise<LeadVocabulary> {
    const version = await this.dataVersion();
    const key = JSON.stringify(scope.kind === 'all' ? scope : { ...scope, ownerIds: [...scope.ownerIds].sort() });
    const hit = this.cache.get(key);
    if (hit && hit.version === version) return hit.vocabulary;
    const vocabulary = this.load(scope);
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(key, { version, vocabulary });
    // A failed load must not stay cached.
    vocabulary.catch(() => this.cache.delete(key));
    return vocabulary;
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
    const tech = await rawRows<{ t: string }>(
      this.prisma,
      Prisma.sql`SELECT DISTINCT unnest(l."techStack") AS t FROM leads l WHERE ${visible}`,
    );
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
