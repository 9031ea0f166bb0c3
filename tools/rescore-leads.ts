// Managers (and admins): recompute the fit score of every lead they may see from a model of their leads' outcomes
// (the agent's POST /v1/patterns), after a confirmation. The card shows the score distribution before and after;
// the tool middleware audits the call like every write. A model no better than today's score changes nothing.
import { z } from 'zod';
import type { RescoreCard } from '../core/cards.ts';
import { DependencyError, ValidationError } from '../core/errors.ts';
import { GOALS, type PatternLead } from '../core/enrichment/analysis-types.ts';
import { modelScorer, scoreDistribution } from '../core/leads/fit-score.ts';
import { leadProfile } from '../core/leads/lead-profile.ts';
import { confirmation } from './confirmation-text.ts';
import { MIN_CONTACTED, NO_AGENT } from './find-patterns.ts';
import { defineTool } from './tool.ts';

const LEVEL_OUTCOME = ['no_reply', 'replied', 'qualified', 'customer'] as const;

export const rescoreLeads = defineTool({
  name: 'rescoreLeads',
  description:
    "Managers: recompute the fit score (0-100) of every lead they may see from a model learned on those leads' outcomes " +
    '(goal: replied by default, qualified or customer). Asks for confirmation; shows the score distribution before and after.',
  inputSchema: z.object({ goal: z.enum(GOALS).optional().describe('What a good lead does: replied (default), qualified or customer.') }),
  permission: 'leads:rescore',
  statusText: 'Recomputing fit scores…',
  redactInAudit: [],
  capability: 'recompute fit scores from a model of the team’s outcomes (the manager confirms first)',
  async confirm(input, ctx) {
    const leads = await ctx.services.outcomes.everyLead(ctx.scope);
    return confirmation`Recompute the fit scores of ${leads.length} leads from a model of their outcomes (goal: ${input.goal ?? 'replied'}); everyone who sees these leads sees the new scores`;
  },
  async execute(input, ctx) {
    const goal = input.goal ?? 'replied';
    const analysis = ctx.services.analysis;
    if (!analysis) throw new DependencyError('enrichment_agent', NO_AGENT);
    const outcomes = await ctx.services.outcomes.outcomes(ctx.scope);
    if (outcomes.length < MIN_CONTACTED)
      throw new ValidationError(`Only ${outcomes.length} contacted leads to learn from; at least ${MIN_CONTACTED} are needed. No score was changed.`);
    const leads: PatternLead[] = outcomes.map((r) => ({
      ...leadProfile(r),
      outcome: LEVEL_OUTCOME[r.level]!,
      staticScore: Math.max(0, Math.min(100, r.score)),
    }));
    const minSupport = Math.max(5, Math.min(30, Math.floor(outcomes.length / 20)));
    const answer = await analysis.patterns({ leads, goal, minSupport, maxPatterns: 1 }, { signal: ctx.signal });
    const model = answer.model;
    if (!model) throw new ValidationError(`No model could be fitted: ${answer.notes.join(' ')} No score was changed.`);
    if (model.staticScoreAuc !== undefined && model.auc <= model.staticScoreAuc)
      throw new ValidationError(
        `The learned model ranks leads no better than today's scores (AUC ${model.auc.toFixed(2)} vs ${model.staticScoreAuc.toFixed(2)}). No score was changed.`,
      );
    const everyone = await ctx.services.outcomes.everyLead(ctx.scope);
    const score = modelScorer(model);
    const next = everyone.map((l) => score(leadProfile(l)));
    const changed = await ctx.services.outcomes.saveScores(
      ctx.scope,
      everyone.map((l) => l.id),
      next,
    );
    const card: RescoreCard = {
      type: 'rescore',
      title: `Fit scores recomputed · goal: ${goal}`,
      goal,
      leads: everyone.length,
      changed,
      auc: model.auc,
      staticScoreAuc: model.staticScoreAuc,
      before: scoreDistribution(everyone.map((l) => l.score)),
      after: scoreDistribution(next),
    };
    return {
      summary:
        `Recomputed the fit scores of ${everyone.length} leads (${changed} changed) from a model with AUC ${model.auc.toFixed(2)}` +
        `${model.staticScoreAuc !== undefined ? ` (the old scores: ${model.staticScoreAuc.toFixed(2)})` : ''}. A score is now the model's chance in percent that such a lead ${goal === 'customer' ? 'becomes a customer' : goal === 'qualified' ? 'qualifies' : 'replies'}.`,
      data: { leads: everyone.length, changed, auc: model.auc, staticScoreAuc: model.staticScoreAuc, before: card.before, after: card.after },
      cards: [card],
    };
  },
});
