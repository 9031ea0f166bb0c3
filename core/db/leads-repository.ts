// Leads: search (lead-search.ts), lookups, writes with their activity trail, bulk upsert by email
// (lead-upsert.ts) and enrichment bookkeeping (lead-enrichment.ts).
import { Prisma, type PrismaClient, type Lead, type LeadActivity, type EnrichmentHistory } from './generated/client.ts';
import { SUMMARY_COLUMNS, scopeCondition, searchLeads, toSummary } from './lead-search.ts';
import type { LeadPage, LeadSummary, SearchContext, SummaryRow } from './lead-search.ts';
import { upsertLeadsByEmail, type UpsertResult } from './lead-upsert.ts';
import { recordLeadEnrichment, type EnrichmentRecord } from './lead-enrichment.ts';
import { canonicalLeadValues } from '../leads/canonical-values.ts';
import { rawRows } from './client.ts';
import { leadInputSchema, type LeadInput } from '../leads/lead-input.ts';
import type { LeadFilter, LeadScope } from '../leads/filter.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { UUID } from '../ids.ts';

export type { LeadPage, LeadSummary, SearchContext, UpsertResult, EnrichmentRecord };
export type LeadRecord = Lead;

export interface LeadDetail extends Lead {
  ownerName?: string;
  /** Newest first, at most 10. */
  activities: LeadActivity[];
  /** Newest first, at most 5. */
  enrichments: EnrichmentHistory[];
}

/** Changes to a lead; `note` adds a note activity alongside. */
export type LeadPatch = Partial<LeadInput> & { note?: string };

const patchSchema = leadInputSchema.partial().extend({ note: leadInputSchema.shape.fullName.max(5000).optional() });

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
  what: string,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ValidationError(`Invalid ${what}: ${issue.path.map(String).join('.') || what} ${issue.message}`, { issues: r.error.issues });
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

export class LeadRepository {
  constructor(private readonly prisma: PrismaClient) {}

  search(filter: LeadFilter, ctx: SearchContext): Promise<LeadPage> {
    return searchLeads(this.prisma, filter, ctx);
  }

  async getById(id: string): Promise<Lead | undefined> {
    if (!UUID.test(id)) return undefined;
    return (await this.prisma.lead.findUnique({ where: { id } })) ?? undefined;
  }

  /** Emails are stored lower-cased, so this is case-insensitive and still uses the unique index. */
  async getByEmail(email: string): Promise<Lead | undefined> {
    return (await this.prisma.lead.findUnique({ where: { email: email.trim().toLowerCase() } })) ?? undefined;
  }

  /** Leads in scope whose full name is this name, ignoring case and extra spaces (best score first). */
  async findByName(name: string, scope: LeadScope): Promise<LeadSummary[]> {
    const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
    if (wanted.length < 2) throw new ValidationError('A lead name needs at least 2 characters.');
    // The trigram index on searchText finds the candidates; the equality keeps only the exact name.
    const like = `%${wanted.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await rawRows<SummaryRow>(
      this.prisma,
      Prisma.sql`
      SELECT ${SUMMARY_COLUMNS} FROM "leads" l LEFT JOIN "users" u ON u."id" = l."ownerId"
      WHERE l."searchText" LIKE ${like} AND lower(l."fullName") = ${wanted} AND ${scopeCondition(scope)}
      ORDER BY l."score" DESC, l."id" DESC LIMIT 20`,
    );
    return rows.map(toSummary);
  }

  async getDetail(id: string): Promise<LeadDetail | undefined> {
    if (!UUID.test(id)) return undefined;
    const lead = await this.prisma.lead.findUnique({
      where: { id },
      include: {
        owner: { select: { name: true } },
        activities: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 10 },
        enrichments: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 5 },
      },
    });
    if (!lead) return undefined;
    const { owner, ...rest } = lead;
    return { ...rest, ...(owner ? { ownerName: owner.name } : {}) };
  }

  async create(input: LeadInput, actorId?: string): Promise<Lead> {
    const data = canonicalLeadValues(parse(leadInputSchema, input, 'lead'));
    const { ownerId, ...fields } = data;
    try {
      return await this.prisma.lead.create({
        data: {
          ...fields,
          ...(ownerId ? { owner: { connect: { id: ownerId } } } : {}),
          lastActivityAt: new Date(),
          activities: { create: { type: 'created', actorId: actorId ?? null } },
        },
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A lead with the email ${data.email} already exists.`);
      throw err;
    }
  }

  /** Apply a patch; status changes, owner changes and notes each leave a LeadActivity row. */
  async update(id: string, patch: LeadPatch, actorId?: string): Promise<Lead> {
    const { note, ...fields } = canonicalLeadValues(parse(patchSchema, patch, 'lead change'));
    if (!UUID.test(id)) throw new NotFoundError('That lead does not exist.');
    try {
      return await this.prisma.$transaction(async (tx) => {
        const before = await tx.lead.findUnique({ where: { id }, select: { status: true, ownerId: true } });
        if (!before) throw new NotFoundError('That lead does not exist.');
        const now = new Date();
        const activities: Prisma.LeadActivityCreateManyInput[] = [];
        if (fields.status && fields.status !== before.status) {
          activities.push({ leadId: id, actorId, type: 'status_change', fromStatus: before.status, toStatus: fields.status, createdAt: now });
        }
        if (fields.ownerId !== undefined && fields.ownerId !== before.ownerId) {
          activities.push({ leadId: id, actorId, type: 'assigned', data: { from: before.ownerId, to: fields.ownerId }, createdAt: now });
        }
        if (note) activities.push({ leadId: id, actorId, type: 'note', body: note, createdAt: now });
        const lead = await tx.lead.update({
          where: { id },
          data: { ...fields, ...(activities.length ? { lastActivityAt: now } : {}) },
        });
        if (activities.length) await tx.leadActivity.createMany({ data: activities });
        return lead;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A lead with the email ${fields.email} already exists.`);
      throw err;
    }
  }

  async addNote(id: string, body: string, actorId: string): Promise<LeadActivity> {
    const text = body.trim();
    if (!text) throw new ValidationError('A note needs some text.');
    if (text.length > 5000) throw new ValidationError('A note can be at most 5000 characters.');
    if (!UUID.test(id)) throw new NotFoundError('That lead does not exist.');
    const now = new Date();
    const [activity] = await this.prisma
      .$transaction([
        this.prisma.leadActivity.create({ data: { leadId: id, actorId, type: 'note', body: text, createdAt: now } }),
        this.prisma.lead.update({ where: { id }, data: { lastActivityAt: now } }),
      ])
      .catch((err) => {
        if (err instanceof Prisma.PrismaClientKnownRequestError && (err.code === 'P2003' || err.code === 'P2025')) {
          throw new NotFoundError('That lead does not exist.');
        }
        throw err;
      });
    return activity;
  }

  upsertManyByEmail(rows: LeadInput[], opts: { source: string; actorId?: string }): Promise<UpsertResult> {
    return upsertLeadsByEmail(this.prisma, rows, opts);
  }

  async recordEnrichment(leadId: string, record: EnrichmentRecord): Promise<Lead> {
    if (!UUID.test(leadId)) throw new NotFoundError('That lead does not exist.');
    return recordLeadEnrichment(this.prisma, leadId, record);
  }

  /** How many leads the scope may see. */
  async count(scope: LeadScope): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "leads" l WHERE ${scopeCondition(scope)}`;
    return row!.n;
  }
}
