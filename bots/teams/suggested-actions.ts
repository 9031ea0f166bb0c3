// Suggested replies under an answer in a 1:1 chat (Teams shows them as buttons that send their text, and
// only in personal scope): the next steps a rep usually takes after a lead list, phrased as they would type
// them, so tapping one is the same as typing it.
import type { Reply } from '../../core/agent/types.ts';

export interface SuggestedActions {
  /** Who sees them: the person the answer is for. */
  to: string[];
  actions: { type: 'imBack'; title: string; value: string }[];
}

export function suggestionsFor(reply: Pick<Reply, 'cards'>, forUserId: string | undefined): SuggestedActions | undefined {
  const list = reply.cards.find((c) => c.type === 'lead_list');
  if (!list || list.type !== 'lead_list' || !list.leads.length) return undefined;
  const first = list.offset;
  const actions: SuggestedActions['actions'] = [
    { type: 'imBack', title: `Enrich #${first}`, value: `enrich #${first}` },
    { type: 'imBack', title: `Draft an email to #${first}`, value: `draft an email to #${first}` },
  ];
  if (list.next) actions.push({ type: 'imBack', title: 'Show more', value: 'show more' });
  return { to: forUserId ? [forUserId] : [], actions };
}
