// Dates and times as a rep reads them in a terminal: in an explicit time zone, locale-independent on purpose,
// so the same card renders the same text on every machine. (Money, counts and field names: core/view/format.ts.)
import { isCalendarDay } from '../../../core/view/elements.ts';
import { dayAndTime } from '../../../core/view/format.ts';
import { clean } from './text.ts';

/** "2026-03-01" in the given zone; a string that is not a date is shown as it came. */
export function date(iso: string, timeZone: string): string {
  // A calendar day has no zone; converting it would shift it a day west of UTC.
  if (isCalendarDay(iso)) return iso;
  return dayAndTime(iso, timeZone)?.day ?? clean(iso);
}

/** "2026-03-01 14:05". */
export function dateTime(iso: string, timeZone: string): string {
  const p = dayAndTime(iso, timeZone);
  return p ? `${p.day} ${p.clock}` : clean(iso);
}

/** "14:05". */
export function time(iso: string, timeZone: string): string {
  return dayAndTime(iso, timeZone)?.clock ?? clean(iso);
}
