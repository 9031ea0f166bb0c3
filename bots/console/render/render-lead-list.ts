// A page of leads as a numbered table, with a hint when more pages exist.
import type { LeadListCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { int, place } from './format.ts';
import { renderTable, type Column } from './table.ts';
import { clean, hang } from './text.ts';

export function statusPaint(ctx: RenderContext): (status: string) => string {
  return (s) => {
    const key = s.trim();
    if (key === 'qualified' || key === 'customer' || key === 'replied') return ctx.style.green(s);
    if (key === 'disqualified') return ctx.style.dim(s);
    if (key === 'new') return ctx.style.yellow(s);
    return s;
  };
}

export function scorePaint(ctx: RenderContext): (score: string) => string {
  return (s) => (Number(s) >= 80 ? ctx.style.green(s) : s);
}

function titleLine(card: LeadListCard): string {
  const n = card.leads.length;
  const title = clean(card.title) || 'Leads';
  if (n === 0) return `${title} — no leads`;
  if (card.offset <= 1 && !card.next) return `${title} — ${n === 1 ? '1 lead' : `${n} leads`}`;
  return `${title} — leads ${int(card.offset)}–${int(card.offset + n - 1)}`;
}

export function renderLeadList(card: LeadListCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const lines = hang('', titleLine(card), width).map(style.bold);
  if (!card.leads.length) {
    lines.push(...hang('', 'Nothing matches. Try a wider search, e.g. drop the country or the title.', width).map(style.dim));
    return lines;
  }
  const columns: Column[] = [
    { header: '#', align: 'right' },
    // Cells narrower than these stop being readable; the table drops a column rather than go below them.
    { header: 'Name', min: 14 },
    { header: 'Title', min: 10, dropOrder: 3 },
    { header: 'Company', min: 10 },
    { header: 'Location', min: 10, dropOrder: 4 },
    { header: 'Size', align: 'right', dropOrder: 5 },
    { header: 'Score', align: 'right', paint: scorePaint(ctx) },
    { header: 'Status', min: 12, dropOrder: 2, paint: statusPaint(ctx) },
  ];
  const rows = card.leads.map((l, i) => [
    String(card.offset + i),
    clean(l.fullName),
    clean(l.title),
    clean(l.company),
    place(l),
    l.companySize ? int(l.companySize) : '',
    String(l.score),
    clean(l.status),
  ]);
  lines.push('', ...renderTable(columns, rows, { width, style }));
  if (card.next) lines.push('', ...hang('', 'More results: say "show more".', width).map(style.dim));
  return lines;
}
