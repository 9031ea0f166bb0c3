// Values as a rep reads them: money, dates in an explicit time zone, field names, lead one-liners.
// Locale-independent on purpose: the same card renders the same text on every machine.
import type { LeadCardItem } from '../../../core/cards.ts';
import { clean } from './text.ts';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function int(n: number): string {
  return grouped.format(n);
}

/** "$4.58"; a fraction of a cent keeps its significant digits ("$0.003") instead of reading as free. */
export function usd(n: number): string {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (a > 0 && a < 0.0001) return `${sign}<$0.0001`;
  if (a > 0 && a < 0.01) return `${sign}$${a.toPrecision(1).replace(/0+$/, '')}`;
  return `${sign}$${cents.format(a)}`;
}

/** "+46", "-3", "±0". */
export function signed(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r > 0 ? `+${r}` : r < 0 ? `${r}` : '±0';
}

/** "↑5", "↓3", "" for no change or unknown. */
export function trend(n: number | null | undefined): string {
  if (!n) return '';
  const r = Math.round(Math.abs(n) * 10) / 10;
  return n > 0 ? `↑${r}` : `↓${r}`;
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${int(n)} ${n === 1 ? noun : nouns}`;
}

function parts(iso: string, timeZone: string): Record<string, string> | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
}

/** "2026-03-01" in the given zone; a string that is not a date is shown as it came. */
export function date(iso: string, timeZone: string): string {
  // A calendar day has no zone; converting it would shift it a day west of UTC.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = parts(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day}` : clean(iso);
}

/** "2026-03-01 14:05". */
export function dateTime(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : clean(iso);
}

/** "14:05". */
export function time(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p ? `${p.hour}:${p.minute}` : clean(iso);
}

const FIELD_NAMES: Record<string, string> = {
  fullName: 'name',
  companyDomain: 'company domain',
  companySize: 'company size',
  techStack: 'tech stack',
  linkedinUrl: 'LinkedIn',
  ownerName: 'owner',
  enrichedAt: 'enriched',
};

/** "companySize" → "company size"; `capital` for table cells. */
export function fieldName(field: string, capital = false): string {
  const name =
    FIELD_NAMES[field] ??
    clean(field)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase();
  return capital ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** A before/after value: empty shows as "—", lists joined, objects as JSON. */
export function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(clean).join(', ') : '—';
  if (typeof v === 'number') return int(v);
  if (typeof v === 'object') return clean(JSON.stringify(v));
  return clean(v);
}

export function place(lead: Pick<LeadCardItem, 'city' | 'country'>): string {
  return [lead.city, lead.country].map(clean).filter(Boolean).join(', ');
}

/** "CTO at Acme", "CTO", "Acme" or "". */
export function role(lead: Pick<LeadCardItem, 'title' | 'company'>): string {
  const title = clean(lead.title);
  const company = clean(lead.company);
  return title && company ? `${title} at ${company}` : title || company;
}

/** "Jane Doe — CTO at Acme". */
export function headline(lead: LeadCardItem): string {
  const r = role(lead);
  return r ? `${clean(lead.fullName)} — ${r}` : clean(lead.fullName);
}
