// A manager's digest: per-rep figures, what needs attention, top leads, team totals.
import type { DigestCard } from '../../../core/cards.ts';
import { card, compact, container, facts, heading, leadLine, text, usd, type AdaptiveCard, type Element } from './elements.ts';

const MAX_REPS = 15;
const MAX_LEADS = 5;

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function renderDigestCard(c: DigestCard): AdaptiveCard {
  const body: Element[] = [
    ...heading(`${c.teamName}: ${c.period.label}`, { subtle: `${c.period.cadence} digest for ${c.managerName}` }),
    ...compact([
      facts([
        ['Leads added', c.totals.leadsAdded],
        ['Leads enriched', c.totals.leadsEnriched],
        ['Spend', `${usd(c.totals.spendUsd)} of ${usd(c.totals.budgetUsd)}`],
      ]),
    ]),
  ];
  if (c.missed?.length) body.push(text(`Missed (not sent in time): ${c.missed.map((m) => m.label).join('; ')}`, { subtle: true, size: 'Small', max: 400 }));
  body.push(
    container(
      [
        text('**Reps**'),
        ...(c.reps.length
          ? c.reps
              .slice(0, MAX_REPS)
              .map((r) =>
                text(
                  `${r.name}: ${r.leadsAdded} added (${signed(r.change.leadsAdded)}), ${r.leadsEnriched} enriched, ${r.emailsRoasted + r.emailsDrafted} emails` +
                    (r.avgRoastScore !== null ? `, roast avg ${r.avgRoastScore.toFixed(0)}` : '') +
                    `, ${usd(r.spendUsd)}/${usd(r.budgetUsd)}`,
                  { size: 'Small', max: 400 },
                ),
              )
          : [text('No reps on this team yet.', { subtle: true })]),
      ],
      { separator: true },
    ),
  );
  const attention: Element[] = [
    ...c.attention.hotUncontacted
      .slice(0, MAX_LEADS)
      .map((l) => text(`Hot, not contacted: ${leadLine(l)} (score ${l.score})`, { size: 'Small', color: 'Warning' })),
    ...c.attention.staleLeads.slice(0, MAX_LEADS).map((l) => text(`Stale: ${leadLine(l)}`, { size: 'Small' })),
    ...(c.attention.inactiveReps.length ? [text(`Inactive: ${c.attention.inactiveReps.join(', ')}`, { size: 'Small', max: 500 })] : []),
  ];
  body.push(
    container([text('**Needs attention**'), ...(attention.length ? attention : [text('Nothing needs attention.', { subtle: true })])], { separator: true }),
  );
  body.push(
    container(
      [
        text('**Top leads**'),
        ...(c.topLeads.length
          ? c.topLeads.slice(0, MAX_LEADS).map((l) => text(`${leadLine(l)} · score ${l.score}`, { size: 'Small' }))
          : [text('No leads yet.', { subtle: true })]),
      ],
      { separator: true },
    ),
  );
  return card(body, digestText(c));
}

export function digestText(c: DigestCard): string {
  return [
    `${c.teamName} — ${c.period.label}`,
    `Leads added ${c.totals.leadsAdded}, enriched ${c.totals.leadsEnriched}, spend ${usd(c.totals.spendUsd)} of ${usd(c.totals.budgetUsd)}`,
    ...c.reps.map((r) => `${r.name}: ${r.leadsAdded} added, ${r.leadsEnriched} enriched`),
  ].join('\n');
}
