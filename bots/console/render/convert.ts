// The neutral view model as terminal lines: laid out by columns within the width, styled last. Tables and
// items become aligned tables that drop their least important columns on a narrow terminal; buttons become
// the words the rep types instead (a hint), since a terminal has nothing to click.
import type { Cell, Column as ViewColumn, Element, ListElement, Rich, Tone, ViewCard } from '../../../core/view/elements.ts';
import { cellText } from '../../../core/view/elements.ts';
import { stripInvisible } from '../../../core/safe-text.ts';
import type { RenderContext } from './context.ts';
import { renderFacts } from './facts.ts';
import { date, dateTime, time } from './format.ts';
import { renderTable, type Column } from './table.ts';
import { CONTROL, clean, cleanBlock, displayWidth, hang, indent, padEnd, truncate } from './text.ts';

/** Evidence quoted under a check; the rest is counted. */
const QUOTES_SHOWN = 3;
const BAR_MAX = 30;
const MARK = { pass: '✓', warn: '!', fail: '✗' } as const;
const MARK_TONE = { pass: 'good', warn: 'warning', fail: 'attention' } as const;
/** Elements that stand apart from what is above them by a blank line. */
const BLOCKS = new Set<Element['type']>(['table', 'items', 'fields', 'list', 'section', 'verbatim']);

function paint(tone: Tone | undefined, s: string, ctx: RenderContext): string {
  if (tone === 'good') return ctx.style.green(s);
  if (tone === 'warning') return ctx.style.yellow(s);
  if (tone === 'attention') return ctx.style.red(s);
  if (tone === 'muted') return ctx.style.dim(s);
  return s;
}

/** Rich text as one styled string; data loses control characters, its line breaks stay. */
function rich(parts: Rich, ctx: RenderContext): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return lines(p);
      if ('text' in p) return p.bold ? ctx.style.bold(lines(p.text)) : lines(p.text);
      if (!p.date) return '—';
      const zone = p.zone ?? ctx.timeZone;
      const shown = p.show === 'date' ? date(p.date, zone) : p.show === 'time' ? time(p.date, zone) : dateTime(p.date, zone);
      return p.zone ? `${shown} ${clean(p.zone)}` : shown;
    })
    .join('');
}

/** Like clean() but keeps line breaks and the spaces that join one part of a line to the next. */
function lines(s: string): string {
  return stripInvisible(s)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').replace(CONTROL, ''))
    .join('\n');
}

function toColumns(columns: ViewColumn[], rows: Cell[][], ctx: RenderContext): Column[] {
  return columns.map((c, i) => ({
    header: c.header,
    align: c.align,
    min: c.min,
    dropOrder: c.drop,
    paint: (s: string, row: number) => {
      const cell = rows[row]?.[i];
      return typeof cell === 'object' ? paint(cell.tone, s, ctx) : s;
    },
  }));
}

function table(columns: ViewColumn[], rows: Cell[][], pad: number, ctx: RenderContext): string[] {
  const texts = rows.map((r) => r.map((c) => clean(cellText(c))));
  return renderTable(toColumns(columns, rows, ctx), texts, { width: ctx.width, style: ctx.style, indent: pad });
}

/** "████░░░░ 14%" coloured by how close it is to full; the share is clamped to 0..1 for the bar. */
export function bar(share: number, ctx: RenderContext): string {
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 1));
  const percent = `${Math.round(share * 100)}%`;
  const cells = Math.max(4, Math.min(BAR_MAX, ctx.width - percent.length - 1));
  const full = Math.round(s * cells);
  const tone: Tone = s >= 0.9 ? 'attention' : s >= 0.7 ? 'warning' : 'good';
  return `${paint(tone, '█'.repeat(full), ctx)}${ctx.style.dim('░'.repeat(cells - full))} ${percent}`;
}

/** A checklist (every item labelled): labels in one column, then quoted evidence and what to do. */
function checklist(list: ListElement, pad: string, ctx: RenderContext): string[] {
  const cols = Math.min(Math.max(0, ...list.items.map((i) => displayWidth(clean(i.label)))), Math.floor(ctx.width / 3));
  return list.items.flatMap((item) => {
    const label = padEnd(truncate(clean(item.label), cols), cols);
    const [first = '', ...rest] = hang(`${pad}x ${label}  `, rich(item.text, ctx), ctx.width);
    const mark = item.mark ? paint(MARK_TONE[item.mark], MARK[item.mark], ctx) : ' ';
    const out = [pad + mark + first.slice(pad.length + 1), ...rest];
    const quotes = (item.quotes ?? []).map(clean).filter(Boolean);
    // Evidence that already quotes the email ("…" (grade 9)) keeps its own quotes instead of gaining a second pair.
    for (const q of quotes.slice(0, QUOTES_SHOWN)) {
      const quoted = q.startsWith('"');
      out.push(...hang(`${pad}    ${quoted ? '' : '"'}`, quoted ? q : `${q}"`, ctx.width, pad.length + 5).map(ctx.style.dim));
    }
    if (quotes.length > QUOTES_SHOWN) out.push(ctx.style.dim(`${pad}    …and ${quotes.length - QUOTES_SHOWN} more`));
    const note = item.note ? rich(item.note, ctx) : '';
    if (note) out.push(...hang(`${pad}    → `, note, ctx.width));
    return out;
  });
}

function list(el: ListElement, depth: number, ctx: RenderContext): string[] {
  const pad = ' '.repeat(depth);
  if (el.items.length && el.items.every((i) => i.label !== undefined)) return checklist(el, pad, ctx);
  const out = el.items.flatMap((item, i) => {
    const marker = item.mark ? `${MARK[item.mark]} ` : el.plain ? '' : el.start !== undefined ? `${el.start + i}. ` : '• ';
    const rest = pad.length + (el.plain ? 2 : marker.length);
    const head = hang(pad + marker, rich(item.text, ctx), ctx.width, rest).map((l) => paint(item.tone, l, ctx));
    const note = item.note ? hang(' '.repeat(rest), rich(item.note, ctx), ctx.width).map(ctx.style.dim) : [];
    return [...head, ...note];
  });
  if (el.more && el.more > 0) out.push(ctx.style.dim(`${pad}…and ${el.more} more`));
  return out;
}

function element(el: Element, depth: number, ctx: RenderContext): string[] {
  const pad = ' '.repeat(depth);
  const { style, width } = ctx;
  switch (el.type) {
    case 'text': {
      const mark = el.mark ? `${MARK[el.mark]} ` : '';
      return hang(pad + mark, rich(el.text, ctx), width).map((l, i) => (el.tone === 'muted' ? style.dim(l) : i === 0 ? paint(el.tone, l, ctx) : l));
    }
    case 'context':
      return hang(`${pad}  `, rich(el.text, ctx), width).map(style.dim);
    case 'fields':
      return renderFacts(
        el.fields.map((f) => [f.label, rich(f.value, ctx)]),
        ctx,
        depth + 2,
      );
    case 'table':
      return table(el.columns, el.rows, depth, ctx);
    case 'items':
      return table(
        el.columns,
        el.items.map((i) => i.cells),
        depth,
        ctx,
      );
    case 'list':
      return list(el, depth, ctx);
    case 'verbatim': {
      const out = el.heading ? [...hang(`${pad}  `, rich(el.heading, ctx), width, depth + 4), ''] : [];
      return [...out, ...indent(cleanBlock(el.text).split('\n'), `${pad}  `, width)];
    }
    case 'meter':
      return [pad + bar(el.share, { ...ctx, width: width - depth })];
    case 'actions':
      return el.hint ? hang(pad, el.hint, width).map(style.dim) : [];
    case 'section': {
      const head = hang(pad, rich(el.title, ctx), width).map(style.bold);
      const body = el.children.flatMap((c) => element(c, depth + 2, ctx));
      return [...head, ...(body.length ? body : el.empty ? [style.dim(`${pad}  ${el.empty}`)] : [])];
    }
    case 'divider':
      return [''];
    case 'image':
      return hang(pad, `${clean(el.alt)}: ${clean(el.url)}`, width).map(style.dim);
  }
}

/** The card as terminal lines within ctx.width. */
export function toTerminal(view: ViewCard, ctx: RenderContext): string[] {
  const out: string[] = [];
  if (view.title) out.push(...hang('', clean(view.title), ctx.width).map(ctx.style.bold));
  if (view.subtitle) out.push(...hang('', rich(view.subtitle, ctx), ctx.width).map(ctx.style.dim));
  let afterBlock = false;
  const children = view.actions ? [...view.children, view.actions] : view.children;
  for (const el of children) {
    const lines = element(el, 0, ctx);
    if (!lines.length) continue;
    if (el.type === 'divider') {
      if (out.length && out.at(-1) !== '') out.push('');
      afterBlock = false;
      continue;
    }
    if (out.length && out.at(-1) !== '' && (BLOCKS.has(el.type) || afterBlock)) out.push('');
    out.push(...lines);
    afterBlock = BLOCKS.has(el.type) || el.type === 'meter';
  }
  return out;
}
