// A manager's DigestCard from the repository's figures: per-rep rows with their change against the
// previous period, the attention list, the period's top leads, and spend against budget.
import type { DigestCard } from '../cards.ts';
import type { DigestFiguresRepository } from '../db/digest-figures-repository.ts';
import { DEFAULT_FIGURE_OPTIONS, type FigureOptions } from './figures.ts';
import type { DigestManager } from '../db/digest-repository.ts';
import { ValidationError } from '../errors.ts';
import type { DigestPeriod } from './period.ts';

export interface ComposeOptions extends Partial<FigureOptions> {
  /** COST_DAILY_LIMIT_USD: the daily budget of a rep without an override. */
  defaultDailyLimitUsd: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round6 = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

export async function composeDigest(figures: DigestFiguresRepository, manager: DigestManager, period: DigestPeriod, opts: ComposeOptions): Promise<DigestCard> {
  const team = manager.team;
  if (!team) throw new ValidationError(`${manager.name} does not manage a team, so there is no digest to make.`);
  const f = await figures.team(team.id, manager.id, period, { ...DEFAULT_FIGURE_OPTIONS, ...opts });
  // Budgets are daily; a period of several days has that many days of budget.
  const reps = f.reps.map((r) => ({
    name: r.name,
    leadsAdded: r.leadsAdded,
    leadsEnriched: r.leadsEnriched,
    emailsRoasted: r.emailsRoasted,
    emailsDrafted: r.emailsDrafted,
    avgRoastScore: r.avgRoastScore === null ? null : round2(r.avgRoastScore),
    avgRoastScoreChange: r.avgRoastScore === null || r.avgRoastScoreBefore === null ? null : round2(r.avgRoastScore - r.avgRoastScoreBefore),
    statusChanges: r.statusChanges,
    spendUsd: round6(r.spendUsd),
    budgetUsd: round6((r.dailyLimitUsd ?? opts.defaultDailyLimitUsd) * period.days),
    change: {
      leadsAdded: r.leadsAdded - r.leadsAddedBefore,
      leadsEnriched: r.leadsEnriched - r.leadsEnrichedBefore,
      emails: r.emailsRoasted + r.emailsDrafted - r.emailsBefore,
    },
  }));
  // The team budget covers the same people as the team spend: the reps and the manager.
  const peopleBudget = reps.reduce((s, r) => s + r.budgetUsd, 0) + (f.managerDailyLimitUsd ?? opts.defaultDailyLimitUsd) * period.days;
  return {
    type: 'digest',
    managerName: manager.name,
    teamName: team.name,
    period: { label: period.label, start: period.start.toISOString(), end: period.end.toISOString(), cadence: period.cadence },
    reps,
    attention: {
      staleLeads: f.staleLeads,
      hotUncontacted: f.hotUncontacted,
      inactiveReps: f.reps.filter((r) => r.actions === 0).map((r) => r.name),
    },
    topLeads: f.topLeads,
    totals: {
      spendUsd: round6(f.teamSpendUsd),
      budgetUsd: round6(team.dailyLimitUsd !== undefined ? team.dailyLimitUsd * period.days : peopleBudget),
      leadsAdded: reps.reduce((s, r) => s + r.leadsAdded, 0),
      leadsEnriched: reps.reduce((s, r) => s + r.leadsEnriched, 0),
    },
  };
}
