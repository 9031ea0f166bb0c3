// The figures of a manager's digest, each computed in SQL from the ledgers: lead activity (added, status
// changes), enrichment history, email reviews (roasts, drafts) and the CostGuard usage ledger (spend).
// Every query covers the period and the one before it, so "change vs previous period" costs nothing extra.
import type { LeadCardItem } from '../cards.ts';
import type { SqlRunner } from './sql-runner.ts';

export interface FigureWindow {
  start: Date;
  end: Date;
  previous: { start: Date; end: Date };
}

export interface RepFigures {
  id: string;
  name: string;
  /** The rep's own daily budget override; undefined = the deployment default. */
  dailyLimitUsd?: number;
  leadsAdded: number;
  leadsAddedBefore: number;
  leadsEnriched: number;
  leadsEnrichedBefore: number;
  emailsRoasted: number;
  emailsDrafted: number;
  emailsBefore: number;
  avgRoastScore: number | null;
  avgRoastScoreBefore: number | null;
  statusChanges: Record<string, number>;
  spendUsd: number;
  /** Lead activities, enrichments, emails and AI calls in the period: 0 = inactive. */
  actions: number;
}

export interface TeamFigures {
  reps: RepFigures[];
  /** All usage charged to the team in the period (reps and manager). */
  teamSpendUsd: number;
  staleLeads: LeadCardItem[];
  hotUncontacted: LeadCardItem[];
  topLeads: LeadCardItem[];
}

export interface FigureOptions {
  /** A lead with no activity for this many days before the period end is stale. */
  staleDays: number;
  /** Score from which a lead still "new" (not contacted) needs attention. */
  hotScore: number;
  listLimit: number;
  topLimit: number;
}

export const DEFAULT_FIGURE_OPTIONS: FigureOptions = { staleDays: 14, hotScore: 80, listLimit: 10, topLimit: 5 };

const LEAD_COLUMNS = `l.id::text AS id, l."fullName", l.email, l.title, l.company, l."companyDomain", l.industry, l."companySize",
  l.country, l.city, l."techStack", l.status::text AS status, l.score, o.name AS "ownerName", l."enrichedAt"`;

interface LeadRow extends Omit<LeadCardItem, 'enrichedAt'> {
  enrichedAt: Date | string | null;
}

const toItem = (r: LeadRow): LeadCardItem => ({ ...r, techStack: r.techStack ?? [], enrichedAt: r.enrichedAt ? new Date(r.enrichedAt).toISOString() : null });
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class DigestFigures {
  constructor(private readonly sql: SqlRunner) {}

  /** Members of the team other than its manager, active ones only. */
  async reps(teamId: string, managerId: string): Promise<{ id: string; name: string; dailyLimitUsd?: number }[]> {
    const rows = await this.sql.query<{ id: string; name: string; limit: string | null }>(
      `SELECT id::text AS id, name, "dailyLimitUsd"::text AS "limit" FROM users
       WHERE "teamId" = $1::uuid AND id <> $2::uuid AND active ORDER BY name, id`,
      [teamId, managerId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, dailyLimitUsd: r.limit === null ? undefined : Number(r.limit) }));
  }

  async team(teamId: string, managerId: string, w: FigureWindow, opts: FigureOptions = DEFAULT_FIGURE_OPTIONS): Promise<TeamFigures> {
    const reps = await this.reps(teamId, managerId);
    const ids = reps.map((r) => r.id);
    const owners = [...ids, managerId];
    const [activity, statuses, enrichments, emails, spend, teamSpend, stale, hot, top] = await Promise.all([
      this.activity(ids, w),
      this.statusChanges(ids, w),
      this.enrichments(ids, w),
      this.emails(ids, w),
      this.spend(ids, w),
      this.teamSpend(teamId, w),
      this.staleLeads(owners, w.end, opts),
      this.hotUncontacted(owners, opts),
      this.topLeads(owners, w, opts.topLimit),
    ]);
    return {
      reps: reps.map((rep) => {
        const a = activity.get(rep.id);
        const e = enrichments.get(rep.id);
        const m = emails.get(rep.id);
        const s = spend.get(rep.id);
        return {
          ...rep,
          leadsAdded: num(a?.added),
          leadsAddedBefore: num(a?.addedBefore),
          leadsEnriched: num(e?.enriched),
          leadsEnrichedBefore: num(e?.enrichedBefore),
          emailsRoasted: num(m?.roasted),
          emailsDrafted: num(m?.drafted),
          emailsBefore: num(m?.before),
          avgRoastScore: numOrNull(m?.avgRoast),
          avgRoastScoreBefore: numOrNull(m?.avgRoastBefore),
          statusChanges: statuses.get(rep.id) ?? {},
          spendUsd: num(s?.spend),
          actions: num(a?.actions) + num(e?.actions) + num(m?.actions) + num(s?.calls),
        };
      }),
      teamSpendUsd: teamSpend,
      staleLeads: stale,
      hotUncontacted: hot,
      topLeads: top,
    };
  }

  /** Leads added: new leads (created in the window) the rep created or imported. */
  private async activity(reps: string[], w: FigureWindow) {
    const rows = await this.sql.query<{ rep: string; added: number; addedBefore: number; actions: number }>(
      `SELECT a."actorId"::text AS rep,
         COUNT(DISTINCT a."leadId") FILTER (WHERE a.type IN ('created', 'imported') AND a."createdAt" >= $2 AND l."createdAt" >= $2 AND l."createdAt" < $3)::int AS added,
         COUNT(DISTINCT a."leadId") FILTER (WHERE a.type IN ('created', 'imported') AND a."createdAt" < $2 AND l."createdAt" >= $4 AND l."createdAt" < $2)::int AS "addedBefore",
         COUNT(*) FILTER (WHERE a."createdAt" >= $2)::int AS actions
       FROM lead_activities a JOIN leads l ON l.id = a."leadId"
       WHERE a."actorId" = ANY($1::uuid[]) AND a."createdAt" >= $4 AND a."createdAt" < $3
       GROUP BY a."actorId"`,
      [reps, w.start, w.end, w.previous.start],
    );
    return new Map(rows.map((r) => [r.rep, r]));
  }

  private async statusChanges(reps: string[], w: FigureWindow) {
    const rows = await this.sql.query<{ rep: string; status: string; n: number }>(
      `SELECT "actorId"::text AS rep, "toStatus"::text AS status, COUNT(*)::int AS n
       FROM lead_activities
       WHERE "actorId" = ANY($1::uuid[]) AND type = 'status_change' AND "toStatus" IS NOT NULL AND "createdAt" >= $2 AND "createdAt" < $3
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [reps, w.start, w.end],
    );
    const out = new Map<string, Record<string, number>>();
    for (const r of rows) out.set(r.rep, { ...out.get(r.rep), [r.status]: r.n });
    return out;
  }

  private async enrichments(reps: string[], w: FigureWindow) {
    const rows = await this.sql.query<{ rep: string; enriched: number; enrichedBefore: number; actions: number }>(
      `SELECT "actorId"::text AS rep,
         COUNT(DISTINCT "leadId") FILTER (WHERE "createdAt" >= $2)::int AS enriched,
         COUNT(DISTINCT "leadId") FILTER (WHERE "createdAt" < $2)::int AS "enrichedBefore",
         COUNT(*) FILTER (WHERE "createdAt" >= $2)::int AS actions
       FROM enrichment_history
       WHERE "actorId" = ANY($1::uuid[]) AND "createdAt" >= $4 AND "createdAt" < $3
       GROUP BY "actorId"`,
      [reps, w.start, w.end, w.previous.start],
    );
    return new Map(rows.map((r) => [r.rep, r]));
  }

  private async emails(reps: string[], w: FigureWindow) {
    const rows = await this.sql.query<{ rep: string; roasted: number; drafted: number; before: number; avgRoast: string | null; avgRoastBefore: string | null; actions: number }>(
      `SELECT "userId"::text AS rep,
         COUNT(*) FILTER (WHERE "createdAt" >= $2 AND kind = 'roast')::int AS roasted,
         COUNT(*) FILTER (WHERE "createdAt" >= $2 AND kind = 'draft')::int AS drafted,
         COUNT(*) FILTER (WHERE "createdAt" < $2 AND kind IN ('roast', 'draft'))::int AS before,
         (AVG(score) FILTER (WHERE "createdAt" >= $2 AND kind = 'roast'))::float8 AS "avgRoast",
         (AVG(score) FILTER (WHERE "createdAt" < $2 AND kind = 'roast'))::float8 AS "avgRoastBefore",
         COUNT(*) FILTER (WHERE "createdAt" >= $2)::int AS actions
       FROM email_reviews
       WHERE "userId" = ANY($1::uuid[]) AND "createdAt" >= $4 AND "createdAt" < $3
       GROUP BY "userId"`,
      [reps, w.start, w.end, w.previous.start],
    );
    return new Map(rows.map((r) => [r.rep, r]));
  }

  /** What CostGuard charged in the window: settled cost, open reservations at their estimate, released not at all. */
  private async spend(reps: string[], w: FigureWindow) {
    const rows = await this.sql.query<{ rep: string; spend: string; calls: number }>(
      `SELECT "userId"::text AS rep,
         COALESCE(SUM(CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END), 0)::text AS spend,
         COUNT(*) FILTER (WHERE status <> 'released')::int AS calls
       FROM usage_entries
       WHERE "userId" = ANY($1::uuid[]) AND "createdAt" >= $2 AND "createdAt" < $3
       GROUP BY "userId"`,
      [reps, w.start, w.end],
    );
    return new Map(rows.map((r) => [r.rep, r]));
  }

  private async teamSpend(teamId: string, w: FigureWindow): Promise<number> {
    const [row] = await this.sql.query<{ spend: string }>(
      `SELECT COALESCE(SUM(CASE status WHEN 'settled' THEN "costUsd" WHEN 'reserved' THEN "reservedUsd" ELSE 0 END), 0)::text AS spend
       FROM usage_entries WHERE "teamId" = $1::uuid AND "createdAt" >= $2 AND "createdAt" < $3`,
      [teamId, w.start, w.end],
    );
    return num(row?.spend);
  }

  /** Open leads (not disqualified, not customers) with no activity in the `staleDays` days before `asOf`. */
  private async staleLeads(owners: string[], asOf: Date, opts: FigureOptions): Promise<LeadCardItem[]> {
    const since = new Date(asOf.getTime() - opts.staleDays * 86_400_000);
    const rows = await this.sql.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM leads l JOIN users o ON o.id = l."ownerId"
       WHERE l."ownerId" = ANY($1::uuid[]) AND l.status NOT IN ('disqualified', 'customer') AND l."createdAt" < $2
         AND NOT EXISTS (SELECT 1 FROM lead_activities a WHERE a."leadId" = l.id AND a."createdAt" >= $2 AND a."createdAt" < $3)
       ORDER BY l.score DESC, l.id LIMIT $4::int`,
      [owners, since, asOf, opts.listLimit],
    );
    return rows.map(toItem);
  }

  private async hotUncontacted(owners: string[], opts: FigureOptions): Promise<LeadCardItem[]> {
    const rows = await this.sql.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM leads l JOIN users o ON o.id = l."ownerId"
       WHERE l."ownerId" = ANY($1::uuid[]) AND l.status = 'new' AND l.score >= $2::int
       ORDER BY l.score DESC, l.id LIMIT $3::int`,
      [owners, opts.hotScore, opts.listLimit],
    );
    return rows.map(toItem);
  }

  /** The team's best-scoring leads that were added or worked on in the period. */
  private async topLeads(owners: string[], w: FigureWindow, limit: number): Promise<LeadCardItem[]> {
    const rows = await this.sql.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM leads l JOIN users o ON o.id = l."ownerId"
       WHERE l."ownerId" = ANY($1::uuid[])
         AND ((l."createdAt" >= $2 AND l."createdAt" < $3)
              OR EXISTS (SELECT 1 FROM lead_activities a WHERE a."leadId" = l.id AND a."createdAt" >= $2 AND a."createdAt" < $3))
       ORDER BY l.score DESC, l.id LIMIT $4::int`,
      [owners, w.start, w.end, limit],
    );
    return rows.map(toItem);
  }
}
