// The stretch of time a digest covers, in the manager's time zone. A digest fired on local date D ends at
// local midnight of D. It starts where the manager's last digest stopped (so switching cadence neither
// overlaps nor leaves a gap); with no recent digest, at the cadence's own start (daily: back to the day
// after the previous scheduled day, so Monday's covers Friday to Sunday; weekly: the seven days before D).
// Its key is D alone, never the cadence: two fires on one local date (an ambiguous 02:30 on the autumn
// change, a retried or duplicated job, a daily and a weekly schedule on the same day) share one digest.
import { budgetDay } from '../cost/budget-day.ts';
import { ValidationError } from '../errors.ts';

export type Cadence = 'daily' | 'weekly';

export interface DigestPeriod {
  /** "2026-11-30": the local date whose midnight ends the period; unique per manager (the digest-run row). */
  key: string;
  cadence: Cadence;
  timeZone: string;
  /** The local date the digest is for (the fire date), YYYY-MM-DD. */
  date: string;
  /** First instant covered (local midnight of the first day). */
  start: Date;
  /** First instant not covered (local midnight of the fire date). */
  end: Date;
  /** Local days covered. */
  days: number;
  /** The same number of local days just before `start`, for "change vs previous period". */
  previous: { start: Date; end: Date };
  /** "Mon 30 Nov 2026", "Fri 27 – Sun 29 Nov 2026". */
  label: string;
}

/** The local calendar date (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(timeZone: string, at: Date): string {
  return budgetDay(timeZone, at);
}

/** Calendar arithmetic on YYYY-MM-DD, independent of any time zone. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as in cron. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const PARTS = new Map<string, Intl.DateTimeFormat>();

/** How far local wall-clock time in `timeZone` is ahead of UTC at `at` (ms). */
function offsetAt(timeZone: string, at: number): number {
  let f = PARTS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    PARTS.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(at / 1000) * 1000;
}

/**
 * The first instant of local `date` in `timeZone`: local midnight, or the first instant after it where
 * midnight itself is skipped by a DST change. Two offset look-ups find it; a skipped midnight falls back
 * to bisection on the local date, which is monotonic.
 */
export function startOfLocalDay(timeZone: string, date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  const guess = utcMidnight - offsetAt(timeZone, utcMidnight - offsetAt(timeZone, utcMidnight));
  if (localDate(timeZone, new Date(guess)) === date && localDate(timeZone, new Date(guess - 1)) < date) return new Date(guess);
  // Offsets lie within ±14 h, so local midnight is within a day of UTC midnight.
  let lo = utcMidnight - 15 * 3600_000;
  let hi = utcMidnight + 15 * 3600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(timeZone, new Date(mid)) >= date) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

const DAY_LABEL = new Map<string, Intl.DateTimeFormat>();
function dayLabel(date: string, withYear: boolean): string {
  const key = String(withYear);
  let f = DAY_LABEL.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
    DAY_LABEL.set(key, f);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return f.format(new Date(Date.UTC(y, m - 1, d))).replace(/,/g, '');
}

function labelOf(first: string, last: string): string {
  if (first === last) return dayLabel(first, true);
  return `${dayLabel(first, first.slice(0, 4) !== last.slice(0, 4))} – ${dayLabel(last, true)}`;
}

/** Whole local days from `a` to `b` (YYYY-MM-DD), at least 1. */
function daysBetween(a: string, b: string): number {
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return Math.max(1, Math.round((ms(b) - ms(a)) / 86_400_000));
}

/** "Fri 27 – Sun 29 Nov 2026" for the local days from `start` up to (not including) `end`. */
export function periodLabel(timeZone: string, start: Date, end: Date): string {
  const first = localDate(timeZone, start);
  const last = addDays(localDate(timeZone, end), -1);
  return labelOf(first, last < first ? first : last);
}

export interface PeriodRequest {
  cadence: Cadence;
  timeZone: string;
  /** When the digest fires (the scheduled time, not when a worker got to it). */
  fireAt: Date;
  /** Weekdays the schedule fires on (0 = Sunday); a daily digest reaches back to the previous one. */
  scheduleDays?: number[];
  /**
   * Where the manager's previous digest (sent, failed or missed) stopped, if it ended before this one does:
   * the period starts there instead, unless that is more than MAX_CONTINUED_DAYS back (a long pause).
   */
  coveredUntil?: Date;
}

/** A digest continues from the previous one only this far back; a longer gap starts afresh. */
export const MAX_CONTINUED_DAYS = 14;

export function digestPeriod(req: PeriodRequest): DigestPeriod {
  if (req.cadence !== 'daily' && req.cadence !== 'weekly') throw new ValidationError(`A digest is daily or weekly, not "${String(req.cadence)}".`);
  if (Number.isNaN(req.fireAt.getTime())) throw new ValidationError('The digest time is not a valid date.');
  const date = localDate(req.timeZone, req.fireAt);
  let days = 7;
  if (req.cadence === 'daily') {
    const scheduled = req.scheduleDays?.length ? new Set(req.scheduleDays) : undefined;
    days = 1;
    // Back to the day after the previous scheduled day: weekday digests on Monday cover Fri–Sun.
    while (scheduled && days < 7 && !scheduled.has(weekdayOf(addDays(date, -days)))) days++;
  }
  let first = addDays(date, -days);
  const end = startOfLocalDay(req.timeZone, date);
  let start = startOfLocalDay(req.timeZone, first);
  const covered = req.coveredUntil;
  if (covered && covered < end && covered.getTime() >= end.getTime() - MAX_CONTINUED_DAYS * 86_400_000 && covered.getTime() !== start.getTime()) {
    start = covered;
    first = localDate(req.timeZone, covered);
    days = daysBetween(first, date);
  }
  return {
    key: date,
    cadence: req.cadence,
    timeZone: req.timeZone,
    date,
    start,
    end,
    days,
    previous: { start: startOfLocalDay(req.timeZone, addDays(first, -days)), end: start },
    label: labelOf(first, addDays(date, -1)),
  };
}
