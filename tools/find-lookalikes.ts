// "Find leads like my best customers": the uncontacted leads the asker may see, ranked by the agent's
// POST /v1/lookalikes against the customers they may see, each with the attributes it shares with them.
import { z } from 'zod';
import type { LookalikesCard } from '../core/cards.ts';
import { leadProfile } from '../core/leads/lead-profile.ts';
import { defineTool } from './tool.ts';
import { leadCardItem, leadForModel } from './lead-card.ts';

export const findLookalikes = defineTool({
  name: 'findLookalikes',
  description:
    'Uncontacted leads that look most like our customers (industry, seniority, company size, country, technologies, ' +
    'title words, source), best first, each with the reason. Use for "leads like my best customers".',
  inputSchema: z.object({ limit: z.number().int().min(1).max(50).optional().describe('How many leads (default 10).') }),
  permission: 'leads:read',
  statusText: 'Looking for leads like your customers…',
  redactInAudit: [],
  capability: 'find uncontacted leads most like the customers, each with the reason',
  async execute(input, ctx) {
    const analysis = ctx.services.analysis;
    if (!analysis)
      return {
        summary:
          'Finding lookalikes runs in the enrichment agent, which is not configured here: set ENRICHMENT_AGENT_URL (`npm run agent` starts one locally).',
        data: { needs: 'ENRICHMENT_AGENT_URL' },
      };
    const [seeds, candidates] = await Promise.all([ctx.services.outcomes.customers(ctx.scope), ctx.services.outcomes.uncontacted(ctx.scope)]);
    if (!seeds.length) return { summary: 'None of the leads you can see is a customer yet, so there is nothing to look like.', data: { seeds: 0 } };
    if (!candidates.length) return { summary: 'You have no uncontacted leads to compare with your customers.', data: { seeds: seeds.length, candidates: 0 } };
    const answer = await analysis.lookalikes(
      { seeds: seeds.map(leadProfile), candidates: candidates.map((c) => ({ id: c.id, ...leadProfile(c) })), limit: input.limit ?? 10 },
      { signal: ctx.signal },
    );
    const summaries = new Map(
      (
        await ctx.services.outcomes.summaries(
          ctx.scope,
          answer.matches.map((m) => m.id),
        )
      ).map((l) => [l.id, l]),
    );
    const matches = answer.matches.flatMap((m) => {
      const lead = summaries.get(m.id);
      return lead ? [{ lead, match: m }] : [];
    });
    const title = `Leads like your ${seeds.length === 1 ? 'customer' : 'customers'}`;
    const card: LookalikesCard = {
      type: 'lookalikes',
      title,
      seeds: seeds.length,
      leads: matches.map(({ lead, match }) => ({ ...leadCardItem(lead), similarity: match.similarity, reason: match.reason })),
    };
    return {
      summary: matches.length
        ? `${matches.length} uncontacted lead${matches.length === 1 ? '' : 's'} most like your ${seeds.length} customer${seeds.length === 1 ? '' : 's'}, best first.`
        : `No uncontacted lead shares anything with your ${seeds.length} customer${seeds.length === 1 ? '' : 's'}.`,
      data: { leads: matches.map(({ lead, match }, i) => ({ n: i + 1, ...leadForModel(lead), similarity: match.similarity, reason: match.reason })) },
      cards: matches.length ? [card] : [],
    };
  },
});
