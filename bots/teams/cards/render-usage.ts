// Today's spend against the daily budget, by model/tool, with when it resets.
import type { UsageCard } from '../../../core/cards.ts';
import { card, compact, facts, heading, text, usd, when, type AdaptiveCard, type Element } from './elements.ts';

export function renderUsageCard(c: UsageCard): AdaptiveCard {
  const body: Element[] = [
    ...heading(`Usage for ${c.userName}`, { subtle: `${c.day} (${c.timeZone})` }),
    ...compact([
      facts([
        ['Spent', usd(c.spentUsd)],
        ['Reserved', c.reservedUsd ? usd(c.reservedUsd) : undefined],
        ['Daily limit', usd(c.limitUsd)],
        ['Remaining', usd(c.remainingUsd)],
        ['Resets', when(c.resetsAt)],
        ['Team', c.team ? `${usd(c.team.spentUsd)} of ${usd(c.team.limitUsd)}` : undefined],
      ]),
    ]),
  ];
  if (c.remainingUsd <= 0) body.push(text('The daily budget is used up; it resets at the time above.', { color: 'Attention' }));
  body.push(
    c.byName.length
      ? {
          type: 'FactSet',
          separator: true,
          facts: c.byName
            .slice(0, 20)
            .map((b) => ({ title: `${b.name} (${b.kind})`, value: `${b.calls} call${b.calls === 1 ? '' : 's'} · ${usd(b.costUsd)}` })),
        }
      : text('Nothing spent today.', { subtle: true }),
  );
  return card(body, usageText(c));
}

export function usageText(c: UsageCard): string {
  return `${c.userName}, ${c.day}: spent ${usd(c.spentUsd)} of ${usd(c.limitUsd)}, ${usd(c.remainingUsd)} left (resets ${when(c.resetsAt)}).`;
}
