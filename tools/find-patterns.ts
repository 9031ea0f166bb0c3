// "What kind of leads reply to us?" — which attribute values (and pairs and triples of them) of the leads the asker
// may see go with replies, qualification or customers, computed by the agent's POST /v1/patterns. Only attributes
// leave the database and only attributes go to the agent (core/db/lead-outcomes-repository.ts, core/leads/lead-profile.ts).
import { z } from 'zod';
import type { PatternsCard } from '../core/cards.ts';
import { GOALS, type Condition, type Goal, type PatternLead } from '../core/enrichment/analysis-types.ts';
import { leadProfile } from '../core/leads/lead-profile.ts';
import { defineTool } from './tool.ts';

const LEVEL_OUTCOME = ['no_reply', 'replied', 'qualified', 'customer'] as const;
/** Fewer contacted leads than this say nothing about patterns; the agent is not asked. */
export const MIN_CONTACTED = 30;

const SENIORITY_LABEL: Record<string, string> = {
  c_level: 'C-level',
  vp: 'VP',
  director: 'Director',
  manager: 'Manager',
  senior: 'Senior',
  entry: 'Entry level',
};
const GOAL_TITLE: Record<Goal, string> = { replied: 'What makes leads reply', qualified: 'What makes leads qualify', customer: 'What makes leads buy' };

export const NO_AGENT =
  'Pattern recognition runs in the enrichment agent, which is not configured here: set ENRICHMENT_AGENT_URL ' +
  '(`npm run agent` starts one locally, docker compose runs it as `enrichment`).';

/** "fintech · C-level · Germany · uses Stripe · 'cto' in the title" */
export function conditionLabel(conditions: Condition[]): string {
  return conditions
    .map((c) => {
      switch (c.attribute) {
        case 'seniority':
          return SENIORITY_LABEL[c.value] ?? c.value;
        case 'sizeBand':
          return `${c.value} employees`;
        case 'technology':
          return `uses ${c.value}`;
        case 'titleWord':
          return `"${c.value}" in the title`;
        case 'source':
          return `from ${c.value}`;
        default:
          return c.value;
      }
    })
    .join(' · ');
}

export const findPatterns = defineTool({
  name: 'findPatterns',
  description:
    'Which kinds of leads reply, qualify or become customers: the industries, seniorities, company sizes, countries, ' +
    'technologies, title words and sources (and combinations) that do better than average among the contacted leads the ' +
    'user may see, with lift, lead counts and confidence, plus how well a learned model ranks leads compared with the ' +
    'current fit score. goal: replied (default), qualified or customer. owner: "me" or "team" to narrow.',
  inputSchema: z.object({
    goal: z.enum(GOALS).optional().describe('The good outcome: replied (default), qualified or customer.'),
    owner: z.enum(['me', 'team']).optional().describe("Only my leads, or only my team's; default: every lead I may see."),
  }),
  permission: 'leads:read',
  statusText: 'Looking for patterns in your outcomes…',
  redactInAudit: [],
  capability:
    'find which kinds of contacted leads reply, qualify or buy (lift, lead counts, confidence) and how a learned model compares with today’s fit score',
  async execute(input, ctx) {
    const goal = input.goal ?? 'replied';
    const analysis = ctx.services.analysis;
    // The statistics live in one place (the agent); a second, weaker copy here would answer differently
    // depending on configuration, so without the agent the rep is told what is needed instead.
    if (!analysis) return { summary: NO_AGENT, data: { needs: 'ENRICHMENT_AGENT_URL' } };
    const ownerIds = input.owner === 'me' ? [ctx.actor.id] : input.owner === 'team' ? ctx.teamMemberIds : undefined;
    const rows = await ctx.services.outcomes.outcomes(ctx.scope, ownerIds);
    const whose = input.owner === 'me' ? 'my leads' : input.owner === 'team' ? "my team's leads" : 'leads I can see';
    const title = `${GOAL_TITLE[goal]} · ${whose}`;
    if (rows.length < MIN_CONTACTED) {
      return {
        summary: `Only ${rows.length} contacted lead${rows.length === 1 ? '' : 's'} among ${whose}; patterns need at least ${MIN_CONTACTED}. Nothing was analysed.`,
        data: { contacted: rows.length, needed: MIN_CONTACTED },
      };
    }
    const leads: PatternLead[] = rows.map((r) => ({ ...leadProfile(r), outcome: LEVEL_OUTCOME[r.level]!, staticScore: Math.max(0, Math.min(100, r.score)) }));
    // Small teams get a smaller minimum support so a few dozen leads can still show something.
    const minSupport = Math.max(5, Math.min(30, Math.floor(rows.length / 20)));
    const answer = await analysis.patterns({ leads, goal, minSupport, maxPatterns: 10 }, { signal: ctx.signal });
    const card: PatternsCard = {
      type: 'patterns',
      title,
      goal,
      leads: answer.leads,
      positives: answer.positives,
      baseRate: answer.baseRate,
      patterns: answer.patterns.map((p) => ({
        label: conditionLabel(p.conditions),
        leads: p.leads,
        positives: p.positives,
        rate: p.rate,
        lift: p.lift,
        ciLow: p.ciLow,
        ciHigh: p.ciHigh,
        significant: p.significant,
      })),
      model: answer.model ? { auc: answer.model.auc, staticScoreAuc: answer.model.staticScoreAuc, folds: answer.model.folds } : undefined,
      notes: answer.notes,
    };
    const significant = card.patterns.filter((p) => p.significant);
    const summary = significant.length
      ? `${answer.positives} of ${answer.leads} contacted leads ${goal === 'customer' ? 'became customers' : goal}. Doing best: ` +
        significant
          .slice(0, 3)
          .map((p) => `${p.label} (${Math.round(p.rate * 100)}%, ${p.lift.toFixed(1)}× the average, ${p.leads} leads)`)
          .join('; ') +
        '.'
      : `${answer.positives} of ${answer.leads} contacted leads ${goal === 'customer' ? 'became customers' : goal}; no kind of lead does significantly better than the average.`;
    return {
      summary,
      data: {
        goal,
        leads: answer.leads,
        positives: answer.positives,
        baseRate: answer.baseRate,
        patterns: card.patterns.slice(0, 5),
        ...(answer.model ? { modelAuc: answer.model.auc, staticScoreAuc: answer.model.staticScoreAuc } : {}),
      },
      cards: [card],
    };
  },
});
