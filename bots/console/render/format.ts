// Dates and times as a rep reads them in a terminal: in an explicit time zone, locale-independent on purpose,
// so the same card renders the same text on every machine. (Money, counts and field names: core/view/format.ts.)
import { isCalendarDay } from '../../../core/view/elements.ts';
import { clean } from './text.ts';

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
  if (isCalendarDay(iso)) return iso;
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
