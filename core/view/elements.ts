// The platform-neutral view model: what a card shows, in elements every platform can draw (Block Kit,
// Adaptive Cards, terminal text). Domain cards are built into these once (core/view/cards); each platform has
// one converter. Data stays plain text here: each converter escapes it for its own markup.
import type { CardAction } from '../agent/types.ts';

/** Inline text: plain data, emphasised data, or a moment each platform shows in its reader's way. */
export type Inline = string | Span | DateSpan;
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
export interface DateSpan {
  date: string | null | undefined;
  show: 'date' | 'dateTime' | 'time';
  /** Show it in this zone and name the zone (a budget resets at the rep's midnight); else the reader's zone. */
  zone?: string;
}
export type Rich = Inline[];

/** How a text reads: good news, a warning, a problem, or secondary. */
export type Tone = 'good' | 'warning' | 'attention' | 'muted';
/** The outcome mark in front of a line: ✓ passed, ! needs a look, ✗ failed. */
export type Mark = 'pass' | 'warn' | 'fail';

/** A button: a neutral action (run a tool, confirm, cancel) and the slot that tells buttons of one card apart. */
export interface Button {
  label: string;
  action: CardAction;
  slot: string;
  style?: 'primary' | 'danger';
}

export interface TextElement {
  type: 'text';
  text: Rich;
  tone?: Tone;
  mark?: Mark;
  size?: 'small';
}
/** Secondary notes under or beside content (muted, small). */
export interface ContextElement {
  type: 'context';
  text: Rich;
}
export interface FieldsElement {
  type: 'fields';
  fields: { label: string; value: Rich }[];
}
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Narrowest a column may get on a narrow terminal before columns are dropped instead. */
  min?: number;
  /** Columns with the highest number are dropped first when a table cannot fit; none: never dropped. */
  drop?: number;
}
export type Cell = string | { text: string; tone?: Tone };
export interface TableElement {
  type: 'table';
  columns: Column[];
  rows: Cell[][];
}
/** Records (leads) with their own buttons: a table row on a terminal, a block with a button row in chat. */
export interface ItemsElement {
  type: 'items';
  columns: Column[];
  items: Item[];
}
export interface Item {
  /** Tells this item's button row apart from the others (Slack's block_id). */
  id: string;
  cells: Cell[];
  headline: Rich;
  detail?: Rich;
  /** One line that stands in for the item when a platform runs out of room for every item's blocks. */
  brief: Rich;
  buttons: Button[];
}
export interface ListItem {
  text: Rich;
  tone?: Tone;
  mark?: Mark;
  /** Aligned in a column before the text when every item has one (a checklist). */
  label?: string;
  /** Quoted evidence, at most a few. */
  quotes?: string[];
  /** What to do about it. */
  note?: Rich;
}
export interface ListElement {
  type: 'list';
  items: ListItem[];
  /** No bullet or number: dated entries that read as a log. */
  plain?: boolean;
  /** Numbered from this number; bullets when absent. */
  start?: number;
  /** How many more there are than listed. */
  more?: number;
}
/** Text kept as it was written (an email): its line breaks stay, nothing in it is formatting. */
export interface VerbatimElement {
  type: 'verbatim';
  heading?: Rich;
  text: string;
}
/** A share of something (budget used), drawn as a bar where a platform can. */
export interface MeterElement {
  type: 'meter';
  share: number;
  label: string;
}
export interface ActionsElement {
  type: 'actions';
  id: string;
  buttons: Button[];
  /** What a platform without buttons (the terminal) says instead, e.g. "[y]es / [n]o". */
  hint?: string;
}
/** A titled group; `empty` is shown when it has no children. */
export interface SectionElement {
  type: 'section';
  title: Rich;
  children: Element[];
  empty?: string;
}
export interface DividerElement {
  type: 'divider';
}
export interface ImageElement {
  type: 'image';
  url: string;
  alt: string;
}

export type Element =
  | TextElement
  | ContextElement
  | FieldsElement
  | TableElement
  | ItemsElement
  | ListElement
  | VerbatimElement
  | MeterElement
  | ActionsElement
  | SectionElement
  | DividerElement
  | ImageElement;

export interface ViewCard {
  title?: string;
  subtitle?: Rich;
  children: Element[];
  /** The card's own buttons (Confirm / Cancel, Show more), after its body. */
  actions?: ActionsElement;
  /** The card in plain text: notifications, screen readers, clients without cards. */
  summary: string;
}

export const bold = (text: string): Span => ({ text, bold: true });
export const italic = (text: string): Span => ({ text, italic: true });
export const at = (date: string | null | undefined, show: DateSpan['show'] = 'date', zone?: string): DateSpan => (zone ? { date, show, zone } : { date, show });

export const text = (value: Rich | string, opts: Omit<TextElement, 'type' | 'text'> = {}): TextElement => ({
  type: 'text',
  text: typeof value === 'string' ? [value] : value,
  ...opts,
});
export const context = (...value: Inline[]): ContextElement => ({ type: 'context', text: value });
export const section = (title: Rich | string, children: Element[], empty?: string): SectionElement => ({
  type: 'section',
  title: typeof title === 'string' ? [bold(title)] : title,
  children,
  ...(empty ? { empty } : {}),
});

export function compact<T>(items: (T | undefined | null | false | '')[]): T[] {
  return items.filter((x): x is T => x !== undefined && x !== null && x !== false && x !== '');
}

/** A calendar day ("2026-03-01") has no zone: shown as it is, never shifted into another zone. */
export function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** Rich text as plain text, for summaries and platforms without formatting; dates in UTC. */
export function plainText(rich: Rich): string {
  return rich
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('text' in part) return part.text;
      if (!part.date) return '—';
      if (isCalendarDay(part.date)) return part.date;
      const d = new Date(part.date);
      if (Number.isNaN(d.getTime())) return part.date;
      const iso = d.toISOString();
      return part.show === 'date' ? iso.slice(0, 10) : part.show === 'time' ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
    })
    .join('');
}

/** Every button of a card, in order: what a platform with buttons must offer. */
export function buttonsOf(view: ViewCard): Button[] {
  const walk = (els: Element[]): Button[] =>
    els.flatMap((e) =>
      e.type === 'actions' ? e.buttons : e.type === 'items' ? e.items.flatMap((i) => i.buttons) : e.type === 'section' ? walk(e.children) : [],
    );
  return [...walk(view.children), ...(view.actions?.buttons ?? [])];
}
