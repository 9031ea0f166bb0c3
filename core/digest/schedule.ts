// Digest schedules as cron patterns in the manager's time zone ("30 8 * * 1-5" = weekdays at 08:30), and
// how a setDigestSchedule request ({ enabled, cadence, days, time }) changes a stored preference.
import { ValidationError } from '../errors.ts';
import type { Cadence } from './period.ts';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface DigestSchedule {
  enabled: boolean;
  cadence: Cadence;
  /** Minute hour * * day-of-week, evaluated in the manager's time zone. */
  cron: string;
}

export interface ScheduleChange {
  enabled?: boolean;
  cadence?: Cadence;
  days?: Weekday[];
  /** HH:MM, 24-hour. */
  time?: string;
}

export const DEFAULT_DIGEST_CRON = '30 8 * * 1-5';
export const DEFAULT_SCHEDULE: DigestSchedule = { enabled: true, cadence: 'daily', cron: DEFAULT_DIGEST_CRON };

/** Cron numbering: Sunday is 0. */
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WORKWEEK = [1, 2, 3, 4, 5];
const NAMES: Record<Weekday, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

/** The parts of one of our own patterns; anything else is refused rather than guessed. */
export function parseCron(cron: string): { minute: number; hour: number; days: number[] } {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-7](?:-[0-7])?(?:,[0-7](?:-[0-7])?)*)$/.exec(cron.trim());
  if (!m) throw new ValidationError(`"${cron}" is not a digest schedule (expected "minute hour * * days", e.g. "30 8 * * 1-5").`);
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  if (minute > 59 || hour > 23) throw new ValidationError(`"${cron}" has no such time of day.`);
  const days = new Set<number>();
  if (m[3] === '*') for (let d = 0; d < 7; d++) days.add(d);
  else
    for (const part of m[3]!.split(',')) {
      const [a, b = a] = part.split('-').map(Number) as [number, number?];
      for (let d = a; d <= b!; d++) days.add(d % 7);
    }
  return { minute, hour, days: [...days].sort((x, y) => x - y) };
}

/** Days as a cron field with runs folded into ranges: [1,2,3,4,5] → "1-5", all seven → "*". */
function daysField(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return '*';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

export function cronOf(days: number[], hour: number, minute: number): string {
  if (!days.length) throw new ValidationError('A digest schedule needs at least one day.');
  return `${minute} ${hour} * * ${daysField(days)}`;
}

function parseTime(time: string): { hour: number; minute: number } {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!m) throw new ValidationError(`"${time}" is not a time of day; use HH:MM in 24-hour form, e.g. 08:30.`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function dayNumber(day: Weekday): number {
  const n = WEEKDAYS.indexOf(day);
  if (n < 0) throw new ValidationError(`"${String(day)}" is not a weekday; use mon, tue, wed, thu, fri, sat or sun.`);
  return n;
}

/** The stored schedule after a change; fields the change leaves out keep their current values. */
export function applyScheduleChange(current: DigestSchedule, change: ScheduleChange): DigestSchedule {
  const now = parseCron(current.cron);
  const cadence = change.cadence ?? current.cadence;
  let days = change.days?.length ? [...new Set(change.days.map(dayNumber))] : now.days;
  // Switching to weekly without naming a day: Mondays. Back to daily without days: weekdays.
  if (!change.days?.length && change.cadence && change.cadence !== current.cadence) days = cadence === 'weekly' ? [1] : WORKWEEK;
  const { hour, minute } = change.time ? parseTime(change.time) : now;
  const enabled = change.enabled ?? (change.cadence || change.days || change.time ? true : current.enabled);
  return { enabled, cadence, cron: cronOf(days, hour, minute) };
}

/** "weekdays at 08:30", "Mondays at 09:00", "every day at 07:00". */
export function describeSchedule(schedule: DigestSchedule): string {
  const { hour, minute, days } = parseCron(schedule.cron);
  const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  let when: string;
  if (days.length === 7) when = 'every day';
  else if (days.length === 5 && WORKWEEK.every((d) => days.includes(d))) when = 'weekdays';
  else if (days.length === 2 && days.includes(0) && days.includes(6)) when = 'weekends';
  else {
    const names = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => NAMES[WEEKDAYS[d]!]);
    when = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
  }
  return `${schedule.cadence} digest ${when} at ${at}`;
}
