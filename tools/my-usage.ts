import { z } from 'zod';
import { defineTool } from './tool.ts';

const usd = (n: number) => `$${n.toFixed(2)}`;

// Building an Intl.DateTimeFormat costs more than the rest of the answer; there are few time zones.
const resetFormats = new Map<string, Intl.DateTimeFormat>();
function resetTime(timeZone: string, at: Date): string {
  let f = resetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
    if (resetFormats.size >= 1_000) resetFormats.clear();
    resetFormats.set(timeZone, f);
  }
  return f.format(at);
}

export const myUsage = defineTool({
  name: 'myUsage',
  description: 'What the rep has spent on AI today (model calls and paid tools), their daily budget, what is left, and when it resets.',
  inputSchema: z.object({}),
  permission: 'usage:read',
  statusText: 'Checking your budget…',
  redactInAudit: [],
  capability: 'report the rep’s AI spend today and the budget left',
  async execute(_input, ctx) {
    const card = await ctx.services.guards.costs.usageToday(ctx.actor);
    const resets = resetTime(card.timeZone, new Date(card.resetsAt));
    return {
      summary:
        `Today you have spent ${usd(card.spentUsd)}${card.reservedUsd > 0 ? ` (plus ${usd(card.reservedUsd)} set aside for calls under way or about to start)` : ''} ` +
        `of your ${usd(card.limitUsd)} daily budget; ${usd(card.remainingUsd)} is left. It resets at ${resets} (${card.timeZone}).`,
      data: { spentUsd: card.spentUsd, limitUsd: card.limitUsd, remainingUsd: card.remainingUsd, resetsAt: card.resetsAt },
      cards: [card],
    };
  },
});
