// The neutral view model as an Adaptive Card 1.5. Teams' limits live here once for every card: every text is
// cut to a length Teams shows comfortably (clip), a card lists at most MAX_ITEMS records with their buttons,
// and fit-size.ts trims or splits what is still too big for one message. Data is escaped so Markdown in a lead
// name shows literally, and a link written in data shows its real address.
import type { Element, Inline, ListElement, Rich, Tone, ViewCard } from '../../../core/view/elements.ts';
import { isCalendarDay } from '../../../core/view/elements.ts';
import { dayAndTime } from '../../../core/view/format.ts';
import { stripInvisible, unspoofLinks } from '../../../core/safe-text.ts';
import { card, clip, execute, plain, type AdaptiveCard, type Element as AcElement } from './elements.ts';

/** Teams caps a card's size; ten records with their buttons stay well inside it. */
const MAX_ITEMS = 10;
const QUOTES_SHOWN = 2;
const MARK = { pass: '✓', warn: '!', fail: '✗' } as const;
const COLOR = { good: 'Good', warning: 'Warning', attention: 'Attention' } as const;
const MARK_TONE = { pass: 'good', warn: 'warning', fail: 'attention' } as const;

function safe(s: string): string {
  return plain(unspoofLinks(stripInvisible(s)));
}

/** A moment as the reader's Teams shows it: the card cannot know their zone, so UTC (local-dates.ts rewrites
 *  "… UTC" stamps for the reader before sending), or the zone the view names. */
function moment(iso: string, show: 'date' | 'dateTime' | 'time', zone?: string): string {
  if (isCalendarDay(iso)) return iso;
  const p = dayAndTime(iso, zone ?? 'UTC');
  if (!p) return safe(iso);
  if (show === 'date') return p.day;
  return `${show === 'time' ? p.clock : `${p.day} ${p.clock}`} ${zone ?? 'UTC'}`;
}

function inline(part: Inline): string {
  if (typeof part === 'string') return safe(part);
  if ('text' in part) {
    if (!part.text) return '';
    return part.bold ? `**${safe(part.text)}**` : part.italic ? `_${safe(part.text)}_` : safe(part.text);
  }
  return part.date ? moment(part.date, part.show, part.zone) : '—';
}

export function markdown(rich: Rich): string {
  return rich.map(inline).join('');
}

function textBlock(value: string, opts: { tone?: Tone; small?: boolean; max?: number; bold?: boolean } = {}): AcElement {
  const el: AcElement = { type: 'TextBlock', text: clip(value || ' ', opts.max ?? 2000), wrap: true };
  if (opts.tone === 'muted') el.isSubtle = true;
  else if (opts.tone) el.color = COLOR[opts.tone];
  if (opts.small) el.size = 'Small';
  if (opts.bold) el.weight = 'Bolder';
  return el;
}

function actionSet(buttons: { label: string; action: Parameters<typeof execute>[1]; style?: 'primary' | 'danger' }[]): AcElement[] {
  if (!buttons.length) return [];
  return [{ type: 'ActionSet', actions: buttons.map((b) => execute(b.label, b.action, styleOf(b.style))) }];
}

function styleOf(style: 'primary' | 'danger' | undefined): 'positive' | 'destructive' | undefined {
  return style === 'primary' ? 'positive' : style === 'danger' ? 'destructive' : undefined;
}

function list(el: ListElement): AcElement[] {
  const out = el.items.map((item, i) => {
    const marker = item.mark ? `${MARK[item.mark]} ` : el.plain ? '' : el.start !== undefined ? `${el.start + i}. ` : '• ';
    const label = item.label !== undefined ? `**${safe(item.label)}**: ` : '';
    const line = textBlock(`${marker}${label}${markdown(item.text)}`, { tone: item.mark ? MARK_TONE[item.mark] : item.tone, small: true, max: 500 });
    const quotes = (item.quotes ?? []).slice(0, QUOTES_SHOWN).map(safe);
    const under = [item.note ? markdown(item.note) : '', quotes.length ? `"${quotes.join('", "')}"` : ''].filter(Boolean).join(' — ');
    // What to do and the evidence sit under the line, quieter, like the terminal's indented lines.
    return under ? { type: 'Container', items: [line, { ...textBlock(under, { tone: 'muted', small: true, max: 600 }), spacing: 'None' }] } : line;
  });
  if (el.more && el.more > 0) out.push(textBlock(`…and ${el.more} more`, { tone: 'muted', small: true }));
  return out;
}

function container(items: AcElement[], separator = true): AcElement {
  return { type: 'Container', items: items.length ? items : [textBlock(' ')], ...(separator ? { separator: true } : {}) };
}

function element(el: Element): AcElement[] {
  switch (el.type) {
    case 'text':
      return [textBlock(`${el.mark ? `${MARK[el.mark]} ` : ''}${markdown(el.text)}`, { tone: el.tone, small: el.size === 'small' })];
    case 'context':
      return [textBlock(markdown(el.text), { tone: 'muted', small: true, max: 600 })];
    case 'fields': {
      const facts = el.fields.map((f) => ({ title: clip(safe(f.label), 60), value: clip(markdown(f.value), 300) })).filter((f) => f.value !== '');
      return facts.length ? [{ type: 'FactSet', facts }] : [];
    }
    case 'table': {
      const row = (cells: { text: string; tone?: Tone }[], header = false) => ({
        type: 'TableRow',
        cells: cells.map((c) => ({ type: 'TableCell', items: [textBlock(safe(c.text), { tone: c.tone, small: true, max: 300, bold: header })] })),
      });
      return [
        {
          type: 'Table',
          columns: el.columns.map(() => ({ width: 1 })),
          firstRowAsHeader: true,
          showGridLines: false,
          rows: [
            row(
              el.columns.map((c) => ({ text: c.header })),
              true,
            ),
            ...el.rows.map((r) => row(r.map((c) => (typeof c === 'string' ? { text: c } : c)))),
          ],
        },
      ];
    }
    case 'items': {
      const shown = el.items.slice(0, MAX_ITEMS);
      const out = shown.map((item, i) =>
        container(
          [
            textBlock(markdown(item.headline), { max: 400 }),
            ...(item.detail ? [textBlock(markdown(item.detail), { tone: 'muted', small: true, max: 600 })] : []),
            ...actionSet(item.buttons),
          ],
          i > 0,
        ),
      );
      const rest = el.items.length - shown.length;
      if (rest > 0) out.push(textBlock(`…and ${rest} more; ask about any of them by name.`, { tone: 'muted', small: true }));
      return out;
    }
    case 'list':
      return list(el);
    case 'verbatim':
      return [
        {
          type: 'Container',
          style: 'emphasis',
          items: [...(el.heading ? [textBlock(markdown(el.heading), { max: 300 })] : []), textBlock(safe(el.text) || '(empty)', { max: 3000 })],
        },
      ];
    case 'meter': {
      const share = Math.min(1, Math.max(0, el.share));
      return [
        textBlock(`${Math.round(el.share * 100)}% ${safe(el.label)}`, { tone: share >= 0.9 ? 'attention' : share >= 0.7 ? 'warning' : undefined, small: true }),
      ];
    }
    case 'actions':
      return actionSet(el.buttons);
    case 'section': {
      const body = el.children.flatMap(element);
      return [container([textBlock(markdown(el.title)), ...(body.length ? body : el.empty ? [textBlock(el.empty, { tone: 'muted', small: true })] : [])])];
    }
    case 'divider':
      return [];
    case 'image':
      return [{ type: 'Image', url: el.url, altText: clip(el.alt, 200) }];
  }
}

/** The card as an Adaptive Card with its plain-text summary as the fallback. */
export function toAdaptiveCard(view: ViewCard): AdaptiveCard {
  const body: AcElement[] = [];
  if (view.title) body.push({ type: 'TextBlock', text: clip(safe(view.title), 200), size: 'Medium', weight: 'Bolder', wrap: true });
  if (view.subtitle) body.push({ ...textBlock(markdown(view.subtitle), { tone: 'muted', max: 400 }), spacing: 'None' });
  let separate = false;
  for (const el of view.children) {
    if (el.type === 'divider') {
      separate = true;
      continue;
    }
    const converted = element(el);
    if (separate && converted[0]) converted[0] = { ...converted[0], separator: true };
    separate = false;
    body.push(...converted);
  }
  if (!body.length) body.push(textBlock(' '));
  const actions = view.actions ? view.actions.buttons.map((b) => execute(b.label, b.action, styleOf(b.style))) : [];
  return card(body, view.summary, actions);
}
