import { z } from 'zod';
import { defineTool } from './tool.ts';

const usd = (n: number) => `$${n.toFixed(2)}`;

export const myUsage = defineTool({
  name: 'myUsage',
  description: 'What the rep has spent on AI today (model calls and paid tools), their daily budget, what is left, and when it resets.',
  inputSchema: z.object({}),
  permission: 'usage:read',
  statusText: 'Checking your budget…',
  async execute(_input, ctx) {
    const card = await ctx.services.guards.costs.usageToday(ctx.actor);
    const resets = new Intl.DateTimeFormat('en-GB', { timeZone: card.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(card.resetsAt));
    return {
      summary:
        `Today you have spent ${usd(card.spentUsd)}${card.reservedUsd > 0 ? ` (plus ${usd(card.reservedUsd)} in progress)` : ''} ` +
        `of your ${usd(card.limitUsd)} daily budget; ${usd(card.remainingUsd)} is left. It resets at ${resets} (${card.timeZone}).`,
      data: { spentUsd: card.spentUsd, limitUsd: card.limitUsd, remainingUsd: card.remainingUsd, resetsAt: card.resetsAt },
      cards: [card],
    };
  },
});
