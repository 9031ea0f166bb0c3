// The manager's digest: a table of reps, what needs attention, the best leads, and the team totals.
import type { DigestCard, LeadCardItem } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { date, headline, int, plural, trend, usd } from './format.ts';
import { renderTable, type Column } from './table.ts';
import { clean, displayWidth, hang, truncate } from './text.ts';

const MAX_LEADS = 5;

/** "10 ↑2"; the arrow is left out when nothing changed. */
function withTrend(n: number, change: number | null | undefined): string {
  const t = trend(change);
  return t ? `${int(n)} ${t}` : int(n);
}

/** One line per lead: a long name or role gives way so score and status always show. */
function leadLines(leads: LeadCardItem[], ctx: RenderContext, pad: string, numbered: boolean): string[] {
  const lines = leads.slice(0, MAX_LEADS).flatMap((l, i) => {
    const prefix = `${pad}${numbered ? `${i + 1}. ` : '• '}`;
    const facts = ` · score ${l.score} · ${clean(l.status)}`;
    const room = ctx.width - displayWidth(prefix) - displayWidth(facts);
    return room >= 12 ? [prefix + truncate(headline(l), room) + facts] : hang(prefix, headline(l) + facts, ctx.width);
  });
  if (leads.length > MAX_LEADS) lines.push(ctx.style.dim(`${pad}…and ${leads.length - MAX_LEADS} more`));
  return lines;
}

function repTable(card: DigestCard, ctx: RenderContext): string[] {
  const { style } = ctx;
  const columns: Column[] = [
    { header: 'Rep', min: 8 },
    { header: 'Added', align: 'right' },
    { header: 'Enriched', align: 'right', dropOrder: 2 },
    { header: 'Roast/draft', align: 'right', dropOrder: 3 },
    { header: 'Roast avg', align: 'right', dropOrder: 4 },
    { header: 'Spend', align: 'right' },
    { header: 'Status moves', min: 10, dropOrder: 5 },
  ];
  const rows = card.reps.map((r) => [
    clean(r.name),
    withTrend(r.leadsAdded, r.change.leadsAdded),
    withTrend(r.leadsEnriched, r.change.leadsEnriched),
    `${int(r.emailsRoasted)}/${int(r.emailsDrafted)}${r.change.emails ? ` ${trend(r.change.emails)}` : ''}`,
    r.avgRoastScore === null ? '—' : withTrend(Math.round(r.avgRoastScore), r.avgRoastScoreChange),
    `${usd(r.spendUsd)} / ${usd(r.budgetUsd)}`,
    Object.entries(r.statusChanges)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${clean(status)} ${int(n)}`)
      .join(', '),
  ]);
  return renderTable(columns, rows, { width: ctx.width, style });
}

function attention(card: DigestCard, ctx: RenderContext): string[] {
  const { hotUncontacted, staleLeads, inactiveReps } = card.attention;
  const lines = ['', ctx.style.bold('Needs attention')];
  if (!hotUncontacted.length && !staleLeads.length && !inactiveReps.length) return [...lines, ctx.style.dim('  Nothing this period.')];
  if (hotUncontacted.length) lines.push(`  Hot leads not contacted yet (${hotUncontacted.length})`, ...leadLines(hotUncontacted, ctx, '    ', false));
  if (staleLeads.length) lines.push(`  Stale leads (${staleLeads.length})`, ...leadLines(staleLeads, ctx, '    ', false));
  if (inactiveReps.length) lines.push(...hang('  Inactive reps: ', inactiveReps.map(clean).join(', '), ctx.width));
  return lines;
}

export function renderDigest(card: DigestCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const tz = ctx.timeZone;
  const lines = hang('', `${clean(card.teamName)} · ${clean(card.period.label)}`, width).map(style.bold);
  const range = `${date(card.period.start, tz)} – ${date(lastInstant(card.period.end), tz)}`;
  lines.push(...hang('', `${card.period.cadence === 'daily' ? 'Daily' : 'Weekly'} digest for ${clean(card.managerName)} · ${range}`, width).map(style.dim));
  if (card.missed?.length) lines.push(...hang('', `Missed (not sent in time): ${card.missed.map((m) => clean(m.label)).join('; ')}`, width));
  lines.push('', style.bold('Reps'));
  lines.push(...(card.reps.length ? repTable(card, ctx) : [style.dim('  No rep activity this period.')]));
  lines.push(...attention(card, ctx));
  lines.push('', style.bold('Top leads'));
  lines.push(...(card.topLeads.length ? leadLines(card.topLeads, ctx, '  ', true) : [style.dim('  None this period.')]));
  const t = card.totals;
  const totals = `${plural(t.leadsAdded, 'lead')} added · ${int(t.leadsEnriched)} enriched · ${usd(t.spendUsd)} of ${usd(t.budgetUsd)} spent`;
  lines.push('', ...hang('Totals: ', totals, width).map((l, i) => (i === 0 ? style.bold('Totals:') + l.slice(7) : l)));
  return lines;
}

/** A period ends at the next local midnight (exclusive): show the last day it covers. A bare date is inclusive already. */
function lastInstant(end: string): string {
  const t = Date.parse(end);
  return /^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(t) ? end : new Date(t - 1).toISOString();
}
