// The neutral view model as Block Kit. Slack's limits are kept here, once for every card: 50 blocks a message
// (items past what fits keep a line of text instead of their buttons), 3000 characters a section (long text
// splits across sections), 10 fields a section, and the caps on headers, buttons and values (limits.ts).
import type { Cell, Element, Inline, Item, ListElement, Rich, ViewCard } from '../../../core/view/elements.ts';
import { cellText, isCalendarDay } from '../../../core/view/elements.ts';
import {
  actionButton,
  actions,
  context,
  divider,
  esc,
  header,
  LIMITS,
  longSections,
  type Block,
  type RenderedCard,
  section,
  slackDate,
  truncate,
} from './limits.ts';

const QUOTES_SHOWN = 3;
const MARK = { pass: ':white_check_mark:', warn: ':warning:', fail: ':x:' } as const;
const DATE_FORMAT = { date: '{date_short}', dateTime: '{date_short_pretty} at {time}', time: '{time}' } as const;

function inline(part: Inline): string {
  if (typeof part === 'string') return esc(part);
  if ('text' in part) {
    if (!part.text) return '';
    const t = esc(part.text);
    return part.bold ? `*${t}*` : part.italic ? `_${t}_` : t;
  }
  if (!part.date) return '—';
  if (isCalendarDay(part.date)) return part.date;
  // A date token: each reader sees it in their own Slack time zone; the fallback after `|` is UTC.
  if (part.show === 'date') return slackDate(part.date);
  return slackDate(part.date, DATE_FORMAT[part.show], (d) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`);
}

export function mrkdwn(rich: Rich): string {
  return rich.map(inline).join('');
}

/** Monospace rows inside a code block: Slack has no table a bot message can rely on. */
function table(columns: { header: string; align?: 'left' | 'right' }[], rows: Cell[][]): Block[] {
  const texts = [columns.map((c) => c.header), ...rows.map((r) => r.map((c) => cellText(c).replace(/```/g, "'''").replace(/\s+/g, ' ')))];
  const widths = columns.map((_, i) => Math.min(40, Math.max(...texts.map((r) => [...(r[i] ?? '')].length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const cut = truncate(c, widths[i]!);
        return columns[i]?.align === 'right' ? cut.padStart(widths[i]!) : cut.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  const body = texts.map(line);
  const out: Block[] = [];
  // One code block per section: a row is never split between two.
  let chunk: string[] = [];
  for (const row of body) {
    if (chunk.length && esc([...chunk, row].join('\n')).length + 6 > LIMITS.sectionText) {
      out.push(section(`\`\`\`${esc(chunk.join('\n'))}\`\`\``));
      chunk = [];
    }
    chunk.push(row);
  }
  if (chunk.length) out.push(section(`\`\`\`${esc(chunk.join('\n'))}\`\`\``));
  return out;
}

function listLine(list: ListElement, i: number): string {
  const item = list.items[i]!;
  const marker = item.mark ? `${MARK[item.mark]} ` : list.plain ? '• ' : list.start !== undefined ? `${list.start + i}. ` : '• ';
  const head = item.label !== undefined ? `*${esc(item.label)}* — ${mrkdwn(item.text)}` : mrkdwn(item.text);
  const note = item.note ? `\n${mrkdwn(item.note)}` : '';
  const quotes = (item.quotes ?? []).slice(0, QUOTES_SHOWN).map((q) => `\n> ${esc(q)}`);
  return `${marker}${head}${note}${quotes.join('')}`;
}

/** Lines into as few sections as the 3000-character limit allows. */
function packLines(lines: string[]): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > LIMITS.sectionText) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

function list(el: ListElement, title?: string): Block[] {
  const lines = el.items.map((_, i) => listLine(el, i));
  if (el.more && el.more > 0) lines.push(`_…and ${el.more} more_`);
  // A checklist with evidence: one section per item, so no evidence is cut by the section limit.
  if (el.items.some((i) => i.quotes?.length || i.note)) return [...(title ? [section(title)] : []), ...lines.map((l) => section(l))];
  return packLines(title ? [title, ...lines] : lines);
}

function items(els: Item[], withButtons: number): Block[] {
  const out: Block[] = [];
  for (const item of els.slice(0, withButtons)) {
    out.push(section(`${mrkdwn(item.headline)}${item.detail ? `\n${mrkdwn(item.detail)}` : ''}`));
    const row = actions(
      item.buttons.map((b) => actionButton(b.label, b.action, b.slot, b.style)),
      item.id,
    );
    if (row) out.push(row);
  }
  const rest = els.slice(withButtons);
  if (rest.length) {
    out.push(...packLines(rest.map((i) => mrkdwn(i.brief))));
    out.push(context('Buttons are on the first ones only; ask about any of them by name.'));
  }
  return out;
}

function fieldBlocks(pairs: { label: string; value: string }[]): Block[] {
  const shown = pairs.filter((p) => p.value !== '');
  const out: Block[] = [];
  for (let i = 0; i < shown.length; i += LIMITS.sectionFields)
    out.push({
      type: 'section',
      fields: shown
        .slice(i, i + LIMITS.sectionFields)
        .map((p) => ({ type: 'mrkdwn' as const, text: truncate(`*${esc(p.label)}*\n${p.value}`, LIMITS.fieldText) })),
    });
  return out;
}

function element(el: Element, withButtons: number): Block[] {
  switch (el.type) {
    case 'text': {
      const body = `${el.mark ? `${MARK[el.mark]} ` : ''}${mrkdwn(el.text)}`;
      return el.tone === 'muted' || el.size === 'small' ? [context(body)] : longSections(body, 6);
    }
    case 'context':
      return [context(mrkdwn(el.text))];
    case 'fields':
      return fieldBlocks(el.fields.map((f) => ({ label: f.label, value: mrkdwn(f.value) })));
    case 'table':
      return table(el.columns, el.rows);
    case 'items':
      return items(el.items, withButtons);
    case 'list':
      return list(el);
    case 'verbatim': {
      const heading = el.heading ? `${mrkdwn(el.heading)}\n` : '';
      return longSections(`${heading}\`\`\`${esc(el.text.replace(/```/g, "'''"))}\`\`\``, 6);
    }
    case 'meter':
      return [context(`${Math.round(el.share * 100)}% ${esc(el.label)}`)];
    case 'actions': {
      const row = actions(
        el.buttons.map((b) => actionButton(b.label, b.action, b.slot, b.style)),
        el.id.slice(0, LIMITS.actionId),
      );
      return row ? [row] : [];
    }
    case 'section': {
      const title = mrkdwn(el.title);
      const [only] = el.children;
      if (el.children.length === 1 && only?.type === 'list') return list(only, title);
      if (!el.children.length) return el.empty ? [section(`${title}\n_${esc(el.empty)}_`)] : [];
      return [section(title), ...el.children.flatMap((c) => element(c, withButtons))];
    }
    case 'divider':
      return [divider()];
    case 'image':
      return [{ type: 'image', image_url: el.url, alt_text: truncate(el.alt || ' ', 2000) }];
  }
}

function blocksOf(view: ViewCard, withButtons: number): Block[] {
  const blocks: Block[] = [];
  if (view.title) blocks.push(header(view.title));
  if (view.subtitle) blocks.push(context(mrkdwn(view.subtitle)));
  for (const el of view.children) blocks.push(...element(el, withButtons));
  if (view.actions) blocks.push(...element(view.actions, withButtons));
  return blocks;
}

/** The card as blocks within `budget` blocks, and its plain-text summary for notifications. */
export function toBlockKit(view: ViewCard, budget: number = LIMITS.blocksPerMessage): RenderedCard {
  const count = Math.max(0, ...view.children.map((e) => (e.type === 'items' ? e.items.length : 0)));
  // Fewer items keep their buttons until the whole card fits; the rest are still listed as text.
  let withButtons = count;
  let blocks = blocksOf(view, withButtons);
  while (blocks.length > budget && withButtons > 0) blocks = blocksOf(view, --withButtons);
  return { blocks: blocks.slice(0, budget), text: view.summary };
}
