// Today's spend against the daily budget, broken down by model and tool.
import type { UsageCard } from '../../../core/cards.ts';
import { context, dateTime, esc, fields, header, section, usd, type Block, type RenderedCard } from './limits.ts';

export function renderUsage(card: UsageCard): RenderedCard {
  const blocks: Block[] = [
    header(`Usage for ${card.userName} · ${card.day}`),
    fields([
      ['Spent', usd(card.spentUsd)],
      ['Reserved', usd(card.reservedUsd)],
      ['Daily limit', usd(card.limitUsd)],
      ['Remaining', usd(card.remainingUsd)],
    ]),
  ];
  if (card.byName.length) {
    const lines = card.byName.map((b) => `• ${esc(b.name)} (${b.kind}): ${b.calls} call${b.calls === 1 ? '' : 's'}, ${usd(b.costUsd)}`);
    blocks.push(section(lines.join('\n')));
  }
  if (card.team) blocks.push(section(`*Team:* ${usd(card.team.spentUsd)} of ${usd(card.team.limitUsd)}`));
  blocks.push(context(`Resets ${dateTime(card.resetsAt)} (midnight in ${esc(card.timeZone)})`));
  const text = `Usage for ${card.userName} on ${card.day}: ${usd(card.spentUsd)} spent of ${usd(card.limitUsd)}, ${usd(card.remainingUsd)} remaining`;
  return { blocks, text };
}
