// The rows pattern recognition and lookalike search work on: only the attributes they need leave the database
// (industry, seniority, company size, country, source, technologies, title, score and the outcome; a lead id for
// lookalike candidates, to show the match) — never a name, email, company name or note. Which leads is decided
// in the SQL by the actor's scope, like every lead query.
import { Prisma, type PrismaClient } from './generated/client.ts';
import { rawRows } from './client.ts';
import type { LeadScope } from '../leads/filter.ts';
import type { LeadAttributesRow } from '../leads/lead-profile.ts';
import { scopeCondition, SUMMARY_COLUMNS, toSummary, type LeadSummary, type SummaryRow } from './lead-search.ts';

/** 0 contacted without reply, 1 replied, 2 qualified, 3 customer: the furthest the lead ever got. */
export interface OutcomeRow extends LeadAttributesRow {
  level: number;
}

export interface CandidateRow extends LeadAttributesRow {
  id: string;
}

export const MAX_ANALYSED_LEADS = 200_000;
export const MAX_CANDIDATES = 100_000;
export const MAX_SEEDS = 5_000;

const ATTRIBUTES = Prisma.sql`l.industry, l.seniority::text AS seniority, l."companySize", l.country, l.source, l."techStack", l.title, l.score`;
const LEVEL = (column: Prisma.Sql) =>
  Prisma.sql`CASE ${column}::text WHEN 'customer' THEN 3 WHEN 'qualified' THEN 2 WHEN 'replied' THEN 1 WHEN 'contacted' THEN 0 ELSE -1 END`;

export class LeadOutcomeRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Every lead in scope that was contacted, with the furthest status it reached (a lead disqualified after
   * replying still counts as replied). `ownerIds` narrows further ("my leads", "my team's").
   */
  async outcomes(scope: LeadScope, ownerIds?: string[]): Promise<OutcomeRow[]> {
    const narrowed = ownerIds ? Prisma.sql`AND l."ownerId" = ANY(${ownerIds}::uuid[])` : Prisma.empty;
    return rawRows<OutcomeRow>(
      this.prisma,
      Prisma.sql`
      SELECT ${ATTRIBUTES}, GREATEST(${LEVEL(Prisma.sql`l.status`)}, COALESCE(h.reached, -1))::int AS level
      FROM leads l
      LEFT JOIN LATERAL (
        SELECT max(${LEVEL(Prisma.sql`a."toStatus"`)}) AS reached FROM lead_activities a
        WHERE a."leadId" = l.id AND a.type = 'status_change'
      ) h ON TRUE
      WHERE ${scopeCondition(scope)} ${narrowed}
        AND GREATEST(${LEVEL(Prisma.sql`l.status`)}, COALESCE(h.reached, -1)) >= 0
      ORDER BY l.id
      LIMIT ${MAX_ANALYSED_LEADS}`,
    );
  }

  /** Customers in scope: what "my best customers" means. */
  async customers(scope: LeadScope): Promise<LeadAttributesRow[]> {
    return rawRows<LeadAttributesRow>(
      this.prisma,
      Prisma.sql`
      SELECT ${ATTRIBUTES} FROM leads l
      WHERE ${scopeCondition(scope)} AND l.status = 'customer'
      ORDER BY l.score DESC, l.id LIMIT ${MAX_SEEDS}`,
    );
  }

  /** Leads in scope nobody has contacted yet: where lookalikes are looked for. */
  async uncontacted(scope: LeadScope): Promise<CandidateRow[]> {
    return rawRows<CandidateRow>(
      this.prisma,
      Prisma.sql`
      SELECT l.id, ${ATTRIBUTES} FROM leads l
      WHERE ${scopeCondition(scope)} AND l.status = 'new'
      ORDER BY l.score DESC, l.id LIMIT ${MAX_CANDIDATES}`,
    );
  }

  /** The lookalikes to show, still within scope (a lead reassigned meanwhile is left out). */
  async summaries(scope: LeadScope, ids: string[]): Promise<LeadSummary[]> {
    if (!ids.length) return [];
    const rows = await rawRows<SummaryRow>(
      this.prisma,
      Prisma.sql`
      SELECT ${SUMMARY_COLUMNS} FROM leads l LEFT JOIN users u ON u.id = l."ownerId" WHERE ${scopeCondition(scope)} AND l.id = ANY(${ids}::uuid[])`,
    );
    return rows.map(toSummary);
  }

  /** Every lead in scope with its attributes, for recomputing fit scores. */
  async everyLead(scope: LeadScope): Promise<CandidateRow[]> {
    return rawRows<CandidateRow>(
      this.prisma,
      Prisma.sql`
      SELECT l.id, ${ATTRIBUTES} FROM leads l WHERE ${scopeCondition(scope)} ORDER BY l.id LIMIT ${MAX_ANALYSED_LEADS}`,
    );
  }

  /** New fit scores, in one transaction; the scope is checked again so only leads in it change. */
  async saveScores(scope: LeadScope, ids: string[], scores: number[]): Promise<number> {
    let changed = 0;
    await this.prisma.$transaction(
      async (tx) => {
        for (let i = 0; i < ids.length; i += 10_000) {
          changed += await tx.$executeRaw(Prisma.sql`
          UPDATE leads l SET score = v.score, "updatedAt" = now()
          FROM (SELECT unnest(${ids.slice(i, i + 10_000)}::uuid[]) AS id, unnest(${scores.slice(i, i + 10_000)}::int[]) AS score) v
          WHERE l.id = v.id AND l.score <> v.score AND ${scopeCondition(scope)}`);
        }
      },
      { timeout: 120_000 },
    );
    return changed;
  }
}
