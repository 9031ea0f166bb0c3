// Bulk upsert of leads by email: one INSERT ... ON CONFLICT statement per batch (rows travel as one
// jsonb parameter), with an `imported` activity per row in the same statement, so a batch is atomic.
import { Prisma, type PrismaClient } from './generated/client.ts';
import { leadInputSchema, type LeadInput } from '../leads/lead-input.ts';
import { ValidationError } from '../errors.ts';
import { canonicalLeadValues } from '../leads/canonical-values.ts';

export interface UpsertResult {
  created: number;
  updated: number;
}

/** Validate and canonicalise rows; the last row wins when an email repeats within the batch. */
export function prepareRows(rows: LeadInput[], source: string): Record<string, unknown>[] {
  const byEmail = new Map<string, Record<string, unknown>>();
  rows.forEach((raw, i) => {
    const parsed = leadInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`Lead row ${i + 1}: ${issue.path.join('.') || 'row'} ${issue.message}`, {
        row: i,
        issues: parsed.error.issues,
      });
    }
    const lead = canonicalLeadValues(parsed.data);
    byEmail.set(lead.email, { ...lead, source: lead.source ?? source });
  });
  return [...byEmail.values()];
}

// On update a field the row leaves out keeps its stored value; status and score belong to the sales
// process, not to the import, so an existing lead keeps them.
const RECORD = Prisma.raw(`r(email text, "fullName" text, "firstName" text, "lastName" text, title text,
  seniority "Seniority", company text, "companyDomain" text, industry text, "companySize" int, country text,
  city text, "techStack" text[], "linkedinUrl" text, status "LeadStatus", score int, "ownerId" uuid, source text)`);

export async function upsertLeadsByEmail(prisma: PrismaClient, rows: LeadInput[], opts: { source: string; actorId?: string }): Promise<UpsertResult> {
  const prepared = prepareRows(rows, opts.source);
  if (!prepared.length) return { created: 0, updated: 0 };
  const [res] = await prisma.$queryRaw<{ created: number; updated: number }[]>`
    WITH up AS (
      INSERT INTO "leads" AS l (id, email, "fullName", "firstName", "lastName", title, seniority, company, "companyDomain",
        industry, "companySize", country, city, "techStack", "linkedinUrl", status, score, "ownerId", source,
        "lastActivityAt", "updatedAt")
      SELECT gen_random_uuid(), email, "fullName", "firstName", "lastName", title, seniority, company, "companyDomain",
        industry, "companySize", country, city, COALESCE("techStack", '{}'), "linkedinUrl", COALESCE(status, 'new'),
        COALESCE(score, 0), "ownerId", source, now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(prepared)}::jsonb) AS ${RECORD}
      ON CONFLICT (email) DO UPDATE SET
        "fullName" = EXCLUDED."fullName",
        "firstName" = COALESCE(EXCLUDED."firstName", l."firstName"),
        "lastName" = COALESCE(EXCLUDED."lastName", l."lastName"),
        title = COALESCE(EXCLUDED.title, l.title),
        seniority = COALESCE(EXCLUDED.seniority, l.seniority),
        company = COALESCE(EXCLUDED.company, l.company),
        "companyDomain" = COALESCE(EXCLUDED."companyDomain", l."companyDomain"),
        industry = COALESCE(EXCLUDED.industry, l.industry),
        "companySize" = COALESCE(EXCLUDED."companySize", l."companySize"),
        country = COALESCE(EXCLUDED.country, l.country),
        city = COALESCE(EXCLUDED.city, l.city),
        "techStack" = CASE WHEN cardinality(EXCLUDED."techStack") > 0 THEN EXCLUDED."techStack" ELSE l."techStack" END,
        "linkedinUrl" = COALESCE(EXCLUDED."linkedinUrl", l."linkedinUrl"),
        "ownerId" = COALESCE(EXCLUDED."ownerId", l."ownerId"),
        "lastActivityAt" = now(),
        "updatedAt" = now()
      RETURNING l.id, (xmax = 0) AS inserted
    ), activity AS (
      INSERT INTO "lead_activities" (id, "leadId", "actorId", type, data)
      SELECT gen_random_uuid(), up.id, ${opts.actorId ?? null}::uuid, 'imported',
             jsonb_build_object('source', ${opts.source}::text, 'created', up.inserted)
      FROM up
    )
    SELECT (count(*) FILTER (WHERE inserted))::int AS created, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`;
  return { created: res!.created, updated: res!.updated };
}
