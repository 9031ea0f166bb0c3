// The App Home tab: today's budget and the rep's newest leads, rendered by the same card renderers as replies.
// Buttons are left out: a click in a Home view has no conversation to answer in; the tab says where to ask.
import type { Card } from '../../../core/cards.ts';
import { context, divider, esc, header, section, type Block } from './limits.ts';
import { renderCard } from './render-card.ts';

/** Slack allows 100 blocks in a Home view. */
const HOME_BLOCKS = 100;
const WHERE_TO_ASK = 'Ask me in the *Messages* tab, mention me in a channel, or type `/salesos` anywhere.';

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

export function renderHome(cards: Card[]): HomeView {
  const blocks: Block[] = [header('SalesOS'), section(WHERE_TO_ASK)];
  for (const card of cards) {
    const rendered = renderCard(card, HOME_BLOCKS).blocks.filter((b) => (b as { type: string }).type !== 'actions');
    if (blocks.length + 1 + rendered.length > HOME_BLOCKS - 1) break;
    blocks.push(divider(), ...rendered);
  }
  if (!cards.some((c) => c.type === 'lead_list'))
    blocks.push(divider(), section('No leads of yours yet. Ask me to find some, e.g. _find CTOs at fintech companies in Germany_.'));
  blocks.push(context('Updated each time you open this tab.'));
  return { type: 'home', blocks };
}

/** What someone without access sees instead: the same message a reply would give them. */
export function renderHomeMessage(message: string): HomeView {
  return { type: 'home', blocks: [header('SalesOS'), section(esc(message))] };
}
