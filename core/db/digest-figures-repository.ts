// The figures of a manager's digest, each computed in SQL from the ledgers: lead ownership (added: leads
// that entered the rep's hands in the period, however they got there), lead activity (status changes),
// enrichment history, email reviews (roasts, drafts) and the CostGuard usage ledger (spend).
// Each figure covers the period and the one before it, so "change vs previous period" costs nothing extra.
import type { LeadCardItem } from '../cards.ts';
import type { FigureOptions, FigureWindow, RepFigures, TeamFigures } from '../digest/figures.ts';
import { digestDbOf, digestQuery, type DigestDb } from './digest-statements.ts';
import type { PrismaClient } from './generated/client.ts';

const CHARGE = `CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END`;

const LEAD_COLUMNS = `l.id::text AS id, l."fullName", l.email, l.title, l.company, l."companyDomain", l.industry, l."companySize",
  l.country, l.city, l."techStack", l.status::text AS status, l.score, o.name AS "ownerName", l."enrichedAt"`;

interface LeadRow extends Omit<LeadCardItem, 'enrichedAt'> {
  enrichedAt: Date | string | null;
}

const toItem = (r: LeadRow): LeadCardItem => ({ ...r, techStack: r.techStack ?? [], enrichedAt: r.enrichedAt ? new Date(r.enrichedAt).toISOString() : null });
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// One statement for all figures: a digest costs one round trip to the database, not ten.
// Parameters: $1 team, $2 manager, $3 start, $4 end, $5 previous start, $6 stale since, $7 hot score, $8 list limit, $9 top limit.
const TEAM_FIGURES = `
WITH reps AS (
  SELECT id, name, "dailyLimitUsd" FROM users WHERE "teamId" = $1::uuid AND id <> $2::uuid AND active
), owners AS (
  SELECT id FROM reps UNION ALL SELECT $2::uuid
), act AS (
  SELECT a."actorId" AS rep, COUNT(*) FILTER (WHERE a."createdAt" >= $3) AS actions
  FROM lead_activities a
  WHERE a."actorId" IN (SELECT id FROM reps) AND a."createdAt" >= $3 AND a."createdAt" < $4
  GROUP BY a."actorId"
), added AS (
  -- Leads added: leads that entered the rep's ownership (created, imported or assigned; written by a
  -- trigger on leads, whatever wrote the lead), once per lead.
  SELECT o."ownerId" AS rep,
    COUNT(DISTINCT o."leadId") FILTER (WHERE o."startedAt" >= $3) AS added,
    COUNT(DISTINCT o."leadId") FILTER (WHERE o."startedAt" < $3) AS added_before
  FROM lead_ownerships o
  WHERE o."ownerId" IN (SELECT id FROM reps) AND o."startedAt" >= $5 AND o."startedAt" < $4
  GROUP BY o."ownerId"
), moves AS (
  SELECT rep, json_object_agg(status, n ORDER BY status) AS changes FROM (
    SELECT "actorId" AS rep, "toStatus"::text AS status, COUNT(*)::int AS n FROM lead_activities
    WHERE "actorId" IN (SELECT id FROM reps) AND type = 'status_change' AND "toStatus" IS NOT NULL AND "createdAt" >= $3 AND "createdAt" < $4
    GROUP BY 1, 2
  ) s GROUP BY rep
), enr AS (
  SELECT "actorId" AS rep,
    COUNT(DISTINCT "leadId") FILTER (WHERE "createdAt" >= $3) AS enriched,
    COUNT(DISTINCT "leadId") FILTER (WHERE "createdAt" < $3) AS enriched_before,
    COUNT(*) FILTER (WHERE "createdAt" >= $3) AS actions
  FROM enrichment_history
  WHERE "actorId" IN (SELECT id FROM reps) AND "createdAt" >= $5 AND "createdAt" < $4
  GROUP BY "actorId"
), mail AS (
  SELECT "userId" AS rep,
    COUNT(*) FILTER (WHERE "createdAt" >= $3 AND kind = 'roast') AS roasted,
    COUNT(*) FILTER (WHERE "createdAt" >= $3 AND kind = 'draft') AS drafted,
    COUNT(*) FILTER (WHERE "createdAt" < $3 AND kind IN ('roast', 'draft')) AS before,
    AVG(score) FILTER (WHERE "createdAt" >= $3 AND kind = 'roast')::float8 AS avg_roast,
    AVG(score) FILTER (WHERE "createdAt" < $3 AND kind = 'roast')::float8 AS avg_roast_before,
    COUNT(*) FILTER (WHERE "createdAt" >= $3) AS actions
  FROM email_reviews
  WHERE "userId" IN (SELECT id FROM reps) AND "createdAt" >= $5 AND "createdAt" < $4
  GROUP BY "userId"
), spend AS (
  -- What CostGuard charged: settled cost, open reservations at their estimate, released ones not at all.
  SELECT "userId" AS rep, SUM(${CHARGE}) AS spend, COUNT(*) FILTER (WHERE status <> 'released' AND NOT lease) AS calls
  FROM usage_entries
  WHERE "userId" IN (SELECT id FROM reps) AND "createdAt" >= $3 AND "createdAt" < $4
  GROUP BY "userId"
)
SELECT
  COALESCE((
    SELECT json_agg(json_build_object(
      'id', r.id, 'name', r.name, 'dailyLimitUsd', r."dailyLimitUsd",
      'leadsAdded', COALESCE(added.added, 0), 'leadsAddedBefore', COALESCE(added.added_before, 0),
      'leadsEnriched', COALESCE(enr.enriched, 0), 'leadsEnrichedBefore', COALESCE(enr.enriched_before, 0),
      'emailsRoasted', COALESCE(mail.roasted, 0), 'emailsDrafted', COALESCE(mail.drafted, 0), 'emailsBefore', COALESCE(mail.before, 0),
      'avgRoastScore', mail.avg_roast, 'avgRoastScoreBefore', mail.avg_roast_before,
      'statusChanges', COALESCE(moves.changes, '{}'::json),
      'spendUsd', COALESCE(spend.spend, 0),
      'actions', COALESCE(act.actions, 0) + COALESCE(enr.actions, 0) + COALESCE(mail.actions, 0) + COALESCE(spend.calls, 0)
    ) ORDER BY r.name, r.id)
    FROM reps r LEFT JOIN act ON act.rep = r.id LEFT JOIN added ON added.rep = r.id LEFT JOIN moves ON moves.rep = r.id LEFT JOIN enr ON enr.rep = r.id
      LEFT JOIN mail ON mail.rep = r.id LEFT JOIN spend ON spend.rep = r.id
  ), '[]') AS reps,
  -- The same people as the team budget: the active reps and the manager.
  (SELECT COALESCE(SUM(${CHARGE}), 0) FROM usage_entries WHERE "userId" IN (SELECT id FROM owners) AND "createdAt" >= $3 AND "createdAt" < $4)::text AS "teamSpend",
  (SELECT "dailyLimitUsd"::text FROM users WHERE id = $2::uuid) AS "managerLimit",
  -- Stale: open leads (not disqualified, not customers) with no activity in the staleDays before the period end.
  COALESCE((
    SELECT json_agg(x) FROM (
      SELECT ${LEAD_COLUMNS} FROM leads l JOIN users o ON o.id = l."ownerId"
      WHERE l."ownerId" IN (SELECT id FROM owners) AND l.status NOT IN ('disqualified', 'customer') AND l."createdAt" < $6
        AND NOT EXISTS (SELECT 1 FROM lead_activities a WHERE a."leadId" = l.id AND a."createdAt" >= $6 AND a."createdAt" < $4)
      ORDER BY l.score DESC, l.id LIMIT $8::int
    ) x
  ), '[]') AS stale,
  COALESCE((
    SELECT json_agg(x) FROM (
      SELECT ${LEAD_COLUMNS} FROM leads l JOIN users o ON o.id = l."ownerId"
      WHERE l."ownerId" IN (SELECT id FROM owners) AND l.status = 'new' AND l.score >= $7::int
      ORDER BY l.score DESC, l.id LIMIT $8::int
    ) x
  ), '[]') AS hot,
  -- Top: the best-scoring leads added or worked on in the period.
  COALESCE((
    SELECT json_agg(x) FROM (
      SELECT ${LEAD_COLUMNS} FROM leads l JOIN users o ON o.id = l."ownerId"
      WHERE l."ownerId" IN (SELECT id FROM owners)
        AND ((l."createdAt" >= $3 AND l."createdAt" < $4)
             OR EXISTS (SELECT 1 FROM lead_activities a WHERE a."leadId" = l.id AND a."createdAt" >= $3 AND a."createdAt" < $4))
      ORDER BY l.score DESC, l.id LIMIT $9::int
    ) x
  ), '[]') AS top`;

type RepRow = Omit<RepFigures, 'dailyLimitUsd' | 'spendUsd'> & { dailyLimitUsd: number | string | null; spendUsd: number | string };

export class DigestFiguresRepository {
  private readonly db: DigestDb;

  constructor(prisma: PrismaClient) {
    this.db = digestDbOf(prisma);
  }

  async team(teamId: string, managerId: string, w: FigureWindow, opts: FigureOptions): Promise<TeamFigures> {
    const staleSince = new Date(w.end.getTime() - opts.staleDays * 86_400_000);
    const {
      rows: [row],
    } = await digestQuery<{ reps: RepRow[]; teamSpend: string; managerLimit: string | null; stale: LeadRow[]; hot: LeadRow[]; top: LeadRow[] }>(
      this.db,
      'digest-team-figures',
      TEAM_FIGURES,
      [teamId, managerId, w.start, w.end, w.previous.start, staleSince, opts.hotScore, opts.listLimit, opts.topLimit],
    );
    return {
      reps: row!.reps.map((r) => ({
        ...r,
        dailyLimitUsd: r.dailyLimitUsd === null ? undefined : Number(r.dailyLimitUsd),
        spendUsd: Number(r.spendUsd),
        avgRoastScore: numOrNull(r.avgRoastScore),
        avgRoastScoreBefore: numOrNull(r.avgRoastScoreBefore),
      })),
      teamSpendUsd: Number(row!.teamSpend),
      managerDailyLimitUsd: row!.managerLimit === null ? undefined : Number(row!.managerLimit),
      staleLeads: row!.stale.map(toItem),
      hotUncontacted: row!.hot.map(toItem),
      topLeads: row!.top.map(toItem),
    };
  }
}
