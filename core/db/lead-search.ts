// Lead search as one parameterised SQL statement: every filter, the RBAC scope and the keyset cursor
// go into the WHERE clause so PostgreSQL can pick an index and stop after `limit` rows.
import { Prisma, type PrismaClient } from './generated/client.ts';
import { decodeCursor, encodeCursor, type LeadSort } from './cursor.ts';
import { canonicalFilter } from '../leads/canonical-values.ts';
import { TITLE_ABBREVIATIONS } from '../leads/catalog.ts';
import { leadFilterSchema, type LeadFilter, type LeadScope, type LeadStatus, type Seniority } from '../leads/filter.ts';
import { ValidationError } from '../errors.ts';
import { rawRows } from './client.ts';

export interface LeadSummary {
  id: string;
  fullName: string;
  email: string;
  title: string | null;
  seniority: Seniority | null;
  company: string | null;
  companyDomain: string | null;
  industry: string | null;
  companySize: number | null;
  country: string | null;
  city: string | null;
  techStack: string[];
  status: LeadStatus;
  score: number;
  ownerId: string | null;
  ownerName?: string;
  enrichedAt: Date | null;
  createdAt: Date;
}

export interface SearchContext {
  scope: LeadScope;
  actorId: string;
  /** Owner ids that `owner: "team"` means (the manager's team). */
  teamMemberIds?: string[];
}

export interface LeadPage {
  leads: LeadSummary[];
  nextCursor?: string;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

type Sql = Prisma.Sql;

/** SQL condition restricting rows to what the scope may see; never applied after the fact. */
export function scopeCondition(scope: LeadScope, column: Sql = Prisma.sql`l."ownerId"`): Sql {
  if (scope.kind === 'all') return Prisma.sql`TRUE`;
  const ids = scope.ownerIds;
  if (!ids.length) return scope.unassigned ? Prisma.sql`${column} IS NULL` : Prisma.sql`FALSE`;
  const owned = ids.length === 1 ? Prisma.sql`${column} = ${ids[0]}::uuid` : Prisma.sql`${column} = ANY(${ids}::uuid[])`;
  return scope.unassigned ? Prisma.sql`(${owned} OR ${column} IS NULL)` : owned;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "cto" also matches "Chief Technology Officer"; other words match at the start of a title word. */
function titleWordRegex(raw: string): string {
  // Plurals ("CTOs", "engineers") match their singular as a word start.
  const word = raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw;
  const expanded = Object.hasOwn(TITLE_ABBREVIATIONS, word) ? TITLE_ABBREVIATIONS[word]! : undefined;
  if (!expanded) return `\\m${escapeRegex(word)}`;
  return `\\m(${escapeRegex(word)}|${expanded.toLowerCase().split(' ').map(escapeRegex).join('\\s+')})\\M`;
}

// "VP of Sales" is "VP Sales" and "Vice President, Sales" as well: joining words are no part of the match.
const TITLE_JOINERS = new Set(['of', 'for', 'and', '&', 'the', 'at', '-', ',']);

// "Chief Marketing Officer" spelled out is the abbreviation too, so it also finds "Co-Founder & CMO".
const ABBREVIATION_OF = new Map(Object.entries(TITLE_ABBREVIATIONS).map(([abbr, full]) => [full.toLowerCase(), abbr]));

function titleWords(title: string): string[] {
  const kept = words(title.replace(/,/g, ' ')).filter((w) => !TITLE_JOINERS.has(w));
  const singular = kept.map((w, i) => (i === kept.length - 1 && w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  const abbr = ABBREVIATION_OF.get(singular.join(' '));
  return abbr ? [abbr] : kept;
}

function words(s: string): string[] {
  return [...new Set(s.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 8);
}

// A single value compares with `=` so the (column, score, id) index can return rows already in order.
function anyOf(column: Sql, values: readonly string[], type: Sql): Sql {
  return values.length === 1 ? Prisma.sql`${column} = ${values[0]}::${type}` : Prisma.sql`${column} = ANY(${[...values]}::${type}[])`;
}

function noneOf(column: Sql, values: readonly string[], type: Sql, nullable: boolean): Sql {
  const differs = values.length === 1 ? Prisma.sql`${column} <> ${values[0]}::${type}` : Prisma.sql`${column} <> ALL(${[...values]}::${type}[])`;
  return nullable ? Prisma.sql`(${column} IS NULL OR ${differs})` : differs;
}

const TEXT = Prisma.raw('text');

/**
 * The WHERE conditions of a search, in two groups: `plain` ones a btree index or a cheap row check
 * answers, and `matches` (free text, title words, tech stack) that only a GIN index answers well.
 */
export function searchConditions(filter: LeadFilter, ctx: SearchContext): { plain: Sql[]; matches: Sql[] } {
  const f = canonicalFilter(filter);
  const where: Sql[] = [scopeCondition(ctx.scope)];
  const matches: Sql[] = [];
  if (f.owner === 'me') where.push(Prisma.sql`l."ownerId" = ${ctx.actorId}::uuid`);
  else if (f.owner === 'team') where.push(scopeCondition({ kind: 'owners', ownerIds: ctx.teamMemberIds ?? [], unassigned: false }));
  else if (f.owner === 'unassigned') where.push(Prisma.sql`l."ownerId" IS NULL`);

  // searchText is lower-cased by a trigger; LIKE '%word%' is served by its trigram index.
  if (f.query) for (const w of words(f.query)) matches.push(Prisma.sql`l."searchText" LIKE ${`%${escapeLike(w)}%`}`);
  // One regex per word, anchored at a word start so "CTO" does not match "Director"; the title trigram
  // index serves it. (A separate ILIKE per word would double the clauses and make the planner badly
  // underestimate the matches, choosing a bitmap scan over tens of thousands of rows.)
  if (f.title) for (const w of titleWords(f.title)) matches.push(Prisma.sql`l."title" ~* ${titleWordRegex(w)}`);
  if (f.seniority) where.push(anyOf(Prisma.sql`l."seniority"`, f.seniority, Prisma.raw('"Seniority"')));
  if (f.status) where.push(anyOf(Prisma.sql`l."status"`, f.status, Prisma.raw('"LeadStatus"')));
  if (f.industry) where.push(anyOf(Prisma.sql`l."industry"`, f.industry, TEXT));
  if (f.country) where.push(anyOf(Prisma.sql`l."country"`, f.country, TEXT));
  if (f.city) where.push(anyOf(Prisma.sql`l."city"`, f.city, TEXT));
  if (f.companySizeMin !== undefined) where.push(Prisma.sql`l."companySize" >= ${f.companySizeMin}`);
  if (f.companySizeMax !== undefined) where.push(Prisma.sql`l."companySize" <= ${f.companySizeMax}`);
  if (f.tech) matches.push(Prisma.sql`l."techStack" @> ${[...f.tech]}::text[]`);
  if (f.minScore !== undefined) where.push(Prisma.sql`l."score" >= ${f.minScore}`);
  // Exclusions are row checks next to the index the other filters (or the sort) choose: a negation
  // selects most rows, so no index would serve it better than walking the sorted one. A lead whose
  // value is unknown is not known to be excluded, so it stays in.
  if (f.excludeStatus) where.push(noneOf(Prisma.sql`l."status"`, f.excludeStatus, Prisma.raw('"LeadStatus"'), false));
  if (f.excludeIndustry) where.push(noneOf(Prisma.sql`l."industry"`, f.excludeIndustry, TEXT, true));
  if (f.excludeCountry) where.push(noneOf(Prisma.sql`l."country"`, f.excludeCountry, TEXT, true));
  if (f.excludeCity) where.push(noneOf(Prisma.sql`l."city"`, f.excludeCity, TEXT, true));
  if (f.excludeTech) where.push(Prisma.sql`NOT (l."techStack" && ${[...f.excludeTech]}::text[])`);
  return { plain: where, matches };
}

export interface SummaryRow extends Omit<LeadSummary, 'ownerName'> {
  ownerName: string | null;
}

/** The LeadSummary columns of `leads l LEFT JOIN users u`. */
export const SUMMARY_COLUMNS = Prisma.sql`l."id", l."fullName", l."email", l."title", l."seniority"::text AS "seniority",
  l."company", l."companyDomain", l."industry", l."companySize", l."country", l."city", l."techStack",
  l."status"::text AS "status", l."score", l."ownerId", u."name" AS "ownerName", l."enrichedAt", l."createdAt"`;

export async function searchLeads(prisma: PrismaClient, input: LeadFilter, ctx: SearchContext): Promise<LeadPage> {
  const parsed = leadFilterSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError(`Invalid lead filter: ${issue.path.join('.') || 'filter'} ${issue.message}`, {
      issues: parsed.error.issues,
    });
  }
  const filter = parsed.data;
  const sort: LeadSort = filter.sort ?? 'score';
  const limit = Math.min(filter.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const { plain, matches } = searchConditions(filter, ctx);
  if (filter.cursor) {
    const c = decodeCursor(filter.cursor, sort);
    // Row comparison matches the (key DESC, id DESC) index order, so the scan resumes where it stopped.
    plain.push(
      sort === 'score'
        ? Prisma.sql`(l."score", l."id") < (${c.key}::int, ${c.id}::uuid)`
        : Prisma.sql`(l."createdAt", l."id") < (${new Date(c.key).toISOString()}::timestamptz, ${c.id}::uuid)`,
    );
  }
  const key = sort === 'score' ? Prisma.sql`l."score"` : Prisma.sql`l."createdAt"`;
  const order = Prisma.sql`${key} DESC, l."id" DESC`;
  const select = (from: Sql, where: Sql[], orderBy: Sql) => Prisma.sql`
    SELECT ${SUMMARY_COLUMNS}
    FROM ${from} LEFT JOIN "users" u ON u."id" = l."ownerId"
    WHERE ${where.length ? Prisma.join(where, ' AND ') : Prisma.sql`TRUE`}
    ORDER BY ${orderBy}
    LIMIT ${limit + 1}`;

  let rows: SummaryRow[];
  if (!matches.length) {
    rows = await rawRows<SummaryRow>(prisma, select(Prisma.sql`"leads" l`, plain, order));
  } else {
    // GIN-only conditions defeat the planner: it cannot tell a word on 3% of leads from one on 0.01%,
    // and walking the sorted index is fast for the first but scans the table for the second, while a
    // bitmap scan is the reverse. So first walk the best WALK_ROWS candidates in order and check them;
    // a full page there is exactly the first page overall. Otherwise the matches are rare, and a bitmap
    // scan of the GIN index ("+ 0" hides the index order) sorted afterwards is the fast way.
    const candidates = Prisma.sql`(SELECT * FROM "leads" l WHERE ${Prisma.join(plain, ' AND ')} ORDER BY ${order} LIMIT ${WALK_ROWS}) l`;
    rows = await rawRows<SummaryRow>(prisma, select(candidates, matches, order));
    if (rows.length <= limit) {
      const unordered = Prisma.sql`${key} + ${sort === 'score' ? Prisma.sql`0` : Prisma.sql`interval '0'`} DESC, l."id" DESC`;
      rows = await rawRows<SummaryRow>(prisma, select(Prisma.sql`"leads" l`, [...plain, ...matches], unordered));
    }
  }
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const leads = page.map(toSummary);
  const last = page.at(-1);
  return {
    leads,
    nextCursor: more && last ? encodeCursor({ sort, key: sort === 'score' ? last.score : new Date(last.createdAt).getTime(), id: last.id }) : undefined,
  };
}

// How many candidates, in sort order, a search with GIN-only conditions checks before it scans the index.
const WALK_ROWS = 2_000;

export function toSummary(r: SummaryRow): LeadSummary {
  const { ownerName, ...rest } = r;
  return {
    ...rest,
    techStack: rest.techStack ?? [],
    enrichedAt: rest.enrichedAt ? new Date(rest.enrichedAt) : null,
    createdAt: new Date(rest.createdAt),
    ...(ownerName ? { ownerName } : {}),
  };
}
