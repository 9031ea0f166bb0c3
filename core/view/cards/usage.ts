// Today's spend against the daily budget: a one-line summary, how much is used, and the cost per model and tool.
import type { UsageCard } from '../../cards.ts';
import { at, context, text, type Element, type ViewCard } from '../elements.ts';
import { int, usd } from '../format.ts';

export function usageView(card: UsageCard): ViewCard {
  const children: Element[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Spent', value: [usd(card.spentUsd)] },
        // Held for calls still running and, with budget leases, the slice a SalesOS process holds for the rep's next
        // calls (core/cost/budget-lease.ts): not spent, not available elsewhere. Shown only while there is some.
        { label: 'Set aside', value: card.reservedUsd > 0 ? [usd(card.reservedUsd)] : [] },
        { label: 'Daily limit', value: [usd(card.limitUsd)] },
        { label: 'Remaining', value: [usd(card.remainingUsd)] },
        // The rep's own midnight, named, so a shared thread read from another zone is not misread.
        { label: 'Resets', value: [at(card.resetsAt, 'time', card.timeZone)] },
      ],
    },
  ];
  children.push({ type: 'meter', share: card.limitUsd > 0 ? card.spentUsd / card.limitUsd : 1, label: 'of the daily budget spent' });
  if (card.remainingUsd <= 0) children.push(text('The daily budget is used up; it resets at the time above.', { tone: 'attention' }));
  children.push(
    card.byName.length
      ? {
          type: 'table',
          columns: [
            { header: 'Model / tool', min: 8 },
            { header: 'Kind', drop: 1 },
            { header: 'Calls', align: 'right' },
            { header: 'Cost', align: 'right' },
          ],
          rows: [...card.byName]
            .sort((a, b) => b.costUsd - a.costUsd || a.name.localeCompare(b.name, 'en'))
            .map((b) => [b.name, b.kind, int(b.calls), usd(b.costUsd)]),
        }
      : context('No model or tool calls yet today.'),
  );
  if (card.team) {
    const t = card.team;
    children.push(text(`Team: ${usd(t.spentUsd)} of ${usd(t.limitUsd)} today · ${usd(Math.max(0, t.limitUsd - t.spentUsd))} left`));
  }
  return {
    title: `Usage for ${card.userName} · ${card.day}`,
    children,
    summary: `Usage for ${card.userName} on ${card.day}: ${usd(card.spentUsd)} spent of ${usd(card.limitUsd)}, ${usd(card.remainingUsd)} remaining`,
  };
}
