import { z } from 'zod';
import { OFFER_FIELDS } from '../core/email/offer.ts';
import { defineTool } from './tool.ts';

const LABELS = {
  product: 'Product',
  valueProposition: 'Value proposition',
  proofPoints: 'Proof points',
  typicalCustomer: 'Typical customer',
  preferredAsk: 'Preferred ask',
} as const;

export const showOffer = defineTool({
  name: 'showOffer',
  description:
    'Show what the rep sells as draftEmail will use it (product, value proposition, proof points, typical customer, preferred ask), ' +
    'and whether each part comes from the organisation, the team or the rep’s own override.',
  inputSchema: z.object({}),
  permission: 'email:assist',
  statusText: 'Looking up your offer…',
  redactInAudit: [],
  capability: 'show what the rep sells (the offer drafts use) and where each part comes from',
  async execute(_input, ctx) {
    const resolved = await ctx.services.offers.effectiveFor(ctx.actor.id);
    if (!resolved) {
      return {
        summary:
          'No offer is set yet, so drafts cannot say what you sell. An admin sets the organisation’s offer and a manager can override it ' +
          'for their team ("set our offer: product …; value: …; proof: …") or with `salesos offer set`.',
        data: { offer: null },
      };
    }
    const lines = OFFER_FIELDS.flatMap((field) => {
      const value = resolved.offer[field];
      const source = resolved.sources[field];
      const from = source ? ` (from ${source === 'user' ? 'your own override' : `the ${source}`})` : '';
      if (field === 'proofPoints') return (value as string[]).length ? [`${LABELS[field]}${from}:`, ...(value as string[]).map((p) => `  - ${p}`)] : [];
      return value ? [`${LABELS[field]}: ${value as string}${from}`] : [];
    });
    return { summary: `Your offer, as drafts use it:\n${lines.join('\n')}`, data: { offer: resolved.offer, sources: resolved.sources } };
  },
});
