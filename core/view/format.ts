// Values as a rep reads them on every platform: money, counts, field names, lead one-liners.
// Locale-independent on purpose: the same card reads the same on every machine.
import type { LeadCardItem } from '../cards.ts';

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

const FIELD_NAMES: Record<string, string> = {
  fullName: 'name',
  companyDomain: 'company domain',
  companySize: 'company size',
  techStack: 'tech stack',
  linkedinUrl: 'LinkedIn',
  ownerName: 'owner',
  enrichedAt: 'enriched',
};

/** "companySize" → "company size"; `capital` for labels. */
export function fieldName(field: string, capital = false): string {
  const name =
    FIELD_NAMES[field] ??
    field
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase();
  return capital ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** A before/after value: empty shows as "—", lists joined, objects as JSON. */
export function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '—';
  if (typeof v === 'number') return int(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function place(lead: Pick<LeadCardItem, 'city' | 'country'>): string {
  return [lead.city, lead.country].filter(Boolean).join(', ');
}

/** "CTO at Acme", "CTO", "Acme" or "". */
export function role(lead: Pick<LeadCardItem, 'title' | 'company'>): string {
  const title = lead.title?.trim() ?? '';
  const company = lead.company?.trim() ?? '';
  return title && company ? `${title} at ${company}` : title || company;
}

/** "Jane Doe — CTO at Acme". */
export function headline(lead: LeadCardItem): string {
  const r = role(lead);
  return r ? `${lead.fullName} — ${r}` : lead.fullName;
}

/** "Jane Doe, CTO, Acme (score 87, new)": a lead in a plain-text summary. */
export function leadPlain(lead: LeadCardItem): string {
  return `${[lead.fullName, lead.title, lead.company].filter(Boolean).join(', ')} (score ${lead.score}, ${lead.status})`;
}

const zoned = new Map<string, Intl.DateTimeFormat>();

/** An instant's calendar day and clock time in a zone ("2026-03-01", "14:05"); undefined when it is not a date. */
export function dayAndTime(iso: string, timeZone: string): { day: string; clock: string } | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  let fmt = zoned.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    zoned.set(timeZone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, clock: `${p.hour}:${p.minute}` };
}
