// What a manager's digest counts, per rep and for the team, and the thresholds that decide which leads it
// names (stale, hot and uncontacted, top). core/db/digest-figures-repository.ts computes them in SQL.
import type { LeadCardItem } from '../cards.ts';

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
  /** What the team's people — its active reps and its manager — spent in the period. */
  teamSpendUsd: number;
  /** The manager's own daily budget override (part of the team budget when the team has none). */
  managerDailyLimitUsd?: number;
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
