// The manager's digest: a table of reps, what needs attention, the best leads, and the team totals.
import type { DigestCard, LeadCardItem } from '../../cards.ts';
import { at, bold, isCalendarDay, section, text, type Element, type ListElement, type ViewCard } from '../elements.ts';
import { headline, int, plural, trend, usd } from '../format.ts';

const MAX_LEADS = 5;

/** "10 ↑2"; the arrow is left out when nothing changed. */
function withTrend(n: number, change: number | null | undefined): string {
  const t = trend(change);
  return t ? `${int(n)} ${t}` : int(n);
}

function leadLines(leads: LeadCardItem[], numbered: boolean): ListElement {
  return {
    type: 'list',
    ...(numbered ? { start: 1 } : {}),
    items: leads.slice(0, MAX_LEADS).map((l) => ({ text: [`${headline(l)} · score ${l.score} · ${l.status}`] })),
    more: Math.max(0, leads.length - MAX_LEADS),
  };
}

/** A period ends at the next local midnight (exclusive): show the last day it covers. A bare date is inclusive already. */
function lastInstant(end: string): string {
  const t = Date.parse(end);
  return isCalendarDay(end) || Number.isNaN(t) ? end : new Date(t - 1).toISOString();
}

function repTable(card: DigestCard): Element[] {
  if (!card.reps.length) return [];
  return [
    {
      type: 'table',
      columns: [
        { header: 'Rep', min: 8 },
        { header: 'Added', align: 'right' },
        { header: 'Enriched', align: 'right', drop: 2 },
        { header: 'Roast/draft', align: 'right', drop: 3 },
        { header: 'Roast avg', align: 'right', drop: 4 },
        { header: 'Spend', align: 'right' },
        { header: 'Status moves', min: 10, drop: 5 },
      ],
      rows: card.reps.map((r) => [
        r.name,
        withTrend(r.leadsAdded, r.change.leadsAdded),
        withTrend(r.leadsEnriched, r.change.leadsEnriched),
        `${int(r.emailsRoasted)}/${int(r.emailsDrafted)}${r.change.emails ? ` ${trend(r.change.emails)}` : ''}`,
        r.avgRoastScore === null ? '—' : withTrend(Math.round(r.avgRoastScore), r.avgRoastScoreChange),
        `${usd(r.spendUsd)} / ${usd(r.budgetUsd)}`,
        Object.entries(r.statusChanges)
          .filter(([, n]) => n > 0)
          .map(([status, n]) => `${status} ${int(n)}`)
          .join(', '),
      ]),
    },
  ];
}

function attention(card: DigestCard): Element[] {
  const { hotUncontacted, staleLeads, inactiveReps } = card.attention;
  const out: Element[] = [];
  if (hotUncontacted.length) out.push(section(`Hot leads not contacted yet (${hotUncontacted.length})`, [leadLines(hotUncontacted, false)]));
  if (staleLeads.length) out.push(section(`Stale leads (${staleLeads.length})`, [leadLines(staleLeads, false)]));
  if (inactiveReps.length) out.push(text(`Inactive reps: ${inactiveReps.join(', ')}`));
  return out;
}

export function digestView(card: DigestCard): ViewCard {
  const t = card.totals;
  const children: Element[] = [];
  if (card.missed?.length) children.push(text(`Missed (not sent in time): ${card.missed.map((m) => m.label).join('; ')}`, { tone: 'warning' }));
  children.push(
    section('Reps', repTable(card), 'No rep activity this period.'),
    section('Needs attention', attention(card), 'Nothing this period.'),
    section('Top leads', card.topLeads.length ? [leadLines(card.topLeads, true)] : [], 'None this period.'),
    text([bold('Totals:'), ` ${plural(t.leadsAdded, 'lead')} added · ${int(t.leadsEnriched)} enriched · ${usd(t.spendUsd)} of ${usd(t.budgetUsd)} spent`]),
  );
  return {
    title: `${card.teamName} · ${card.period.label}`,
    subtitle: [
      `${card.period.cadence === 'daily' ? 'Daily' : 'Weekly'} digest for ${card.managerName} · `,
      at(card.period.start, 'date'),
      ' – ',
      at(lastInstant(card.period.end), 'date'),
    ],
    children,
    summary: `${card.teamName} ${card.period.label}: ${t.leadsAdded} leads added, ${t.leadsEnriched} enriched, ${usd(t.spendUsd)} spent of ${usd(t.budgetUsd)}`,
  };
}
