// One enrichment, recorded atomically: the lead's new field values and enrichedAt, an EnrichmentHistory
// row with before/after values and cost, and an `enriched` activity.
import type { PrismaClient, Lead } from './generated/client.ts';
import { leadInputSchema } from '../leads/lead-input.ts';
import { canonicalLeadValues } from '../leads/canonical-values.ts';
import { ENRICHABLE_FIELDS } from '../enrichment/types.ts';
import { NotFoundError, ValidationError } from '../errors.ts';

export interface EnrichmentRecord {
  /** field -> { before, after } for every field the enrichment changed. */
  changes: Record<string, { before: unknown; after: unknown }>;
  /** "agent" (the enrichment service) or "builtin". */
  source: string;
  costUsd: number;
  actorId?: string;
}

// The fields an enricher may fill (identity and ownership are not among them), as the agent's contract names them.
const ENRICHABLE: ReadonlySet<string> = new Set(ENRICHABLE_FIELDS);
const enrichmentSchema = leadInputSchema.partial();

export async function recordLeadEnrichment(prisma: PrismaClient, leadId: string, rec: EnrichmentRecord): Promise<Lead> {
  const after: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(rec.changes)) {
    if (!ENRICHABLE.has(field)) throw new ValidationError(`An enrichment cannot change the field "${field}".`);
    // A lead always has a name: an enrichment may fill or correct it, never empty it.
    if (field === 'fullName' && (change.after === null || change.after === undefined)) throw new ValidationError('An enrichment cannot clear the full name.');
    after[field] = change.after ?? undefined;
  }
  const parsed = enrichmentSchema.safeParse(after);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError(`Invalid enrichment value: ${issue.path.join('.')} ${issue.message}`, { issues: parsed.error.issues });
  }
  if (!Number.isFinite(rec.costUsd) || rec.costUsd < 0) throw new ValidationError('An enrichment cost must be a number of USD, 0 or more.');
  // A field enriched to "nothing" is cleared, not left as it was.
  const cleared = Object.fromEntries(
    Object.entries(rec.changes)
      .filter(([, c]) => c.after === null || c.after === undefined)
      .map(([f]) => [f, f === 'techStack' ? [] : null]),
  );
  const data = { ...canonicalLeadValues(parsed.data), ...cleared };
  return prisma.$transaction(async (tx) => {
    const exists = await tx.lead.findUnique({ where: { id: leadId }, select: { id: true } });
    if (!exists) throw new NotFoundError('That lead does not exist.');
    const now = new Date();
    const lead = await tx.lead.update({ where: { id: leadId }, data: { ...data, enrichedAt: now, lastActivityAt: now } });
    await tx.enrichmentHistory.create({
      data: { leadId, actorId: rec.actorId ?? null, source: rec.source, changes: rec.changes as object, costUsd: rec.costUsd, createdAt: now },
    });
    await tx.leadActivity.create({
      data: { leadId, actorId: rec.actorId ?? null, type: 'enriched', data: { source: rec.source, fields: Object.keys(rec.changes) }, createdAt: now },
    });
    return lead;
  });
}
