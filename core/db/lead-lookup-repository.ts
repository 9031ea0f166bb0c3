// Finding the lead a rep refers to ("jane@acme.io", "Jane Doe", an id) among the leads they may see.
// The scope is part of the query: a lead outside it is simply not found.
import { Prisma, type PrismaClient } from './generated/client.ts';
import { SUMMARY_COLUMNS, scopeCondition, toSummary, type LeadSummary, type SummaryRow } from './lead-search.ts';
import type { LeadScope } from '../leads/filter.ts';
import type { LeadRef } from '../leads/lead-ref.ts';
import { rawRows } from './client.ts';

/** Finds the leads a reference points at, within what the asker may see. */
export class LeadLookupRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Leads matching the reference within the scope: one, several (ambiguous name) or none. */
  find(ref: LeadRef, scope: LeadScope, limit = 6): Promise<LeadSummary[]> {
    return findVisibleLeads(this.prisma, ref, scope, limit);
  }
}

async function findVisibleLeads(prisma: PrismaClient, ref: LeadRef, scope: LeadScope, limit: number): Promise<LeadSummary[]> {
  const match =
    ref.kind === 'id'
      ? Prisma.sql`l."id" = ${ref.value}::uuid`
      : ref.kind === 'email'
        ? Prisma.sql`l."email" = ${ref.value}`
        : // Names: exact (case-insensitive) full name first; trigram index narrows candidates.
          Prisma.sql`l."searchText" LIKE ${'%' + ref.value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`) + '%'} AND lower(l."fullName") = ${ref.value.toLowerCase()}`;
  const rows = await rawRows<SummaryRow>(
    prisma,
    Prisma.sql`
    SELECT ${SUMMARY_COLUMNS}
    FROM leads l LEFT JOIN users u ON u.id = l."ownerId"
    WHERE ${match} AND ${scopeCondition(scope)}
    ORDER BY l."score" DESC, l."id"
    LIMIT ${limit}`,
  );
  return rows.map(toSummary);
}
