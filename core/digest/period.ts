// The stretch of time a digest covers, in the manager's time zone. A digest fired on local date D covers
// the local days before D (daily: back to the previous scheduled day, so Monday's covers the weekend and
// Friday; weekly: the seven days before D). Its key comes from D, so two fires on one local date (an
// ambiguous 02:30 on the autumn change, a retried or duplicated job) share one key and one digest.
import { budgetDay } from '../cost/budget-day.ts';
import { ValidationError } from '../errors.ts';

export type Cadence = 'daily' | 'weekly';

export interface DigestPeriod {
  /** "daily:2026-11-30": unique per manager (the digest-run row). */
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
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
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

export interface PeriodRequest {
  cadence: Cadence;
  timeZone: string;
  /** When the digest fires (the scheduled time, not when a worker got to it). */
  fireAt: Date;
  /** Weekdays the schedule fires on (0 = Sunday); a daily digest reaches back to the previous one. */
  scheduleDays?: number[];
}

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
  const first = addDays(date, -days);
  const start = startOfLocalDay(req.timeZone, first);
  const end = startOfLocalDay(req.timeZone, date);
  return {
    key: `${req.cadence}:${date}`,
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
