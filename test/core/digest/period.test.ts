import { getNextMillis } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { addDays, digestPeriod, localDate, startOfLocalDay } from '../../../core/digest/period.ts';
import { parseCron } from '../../../core/digest/schedule.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];

/** The fire times BullMQ's scheduler computes for a pattern (its own strategy), from `from` on. */
function fires(pattern: string, tz: string, from: string, count: number): Date[] {
  const out: Date[] = [];
  let at = new Date(from).getTime();
  for (let i = 0; i < count; i++) {
    at = getNextMillis(at, { pattern, tz })!;
    out.push(new Date(at));
  }
  return out;
}

/** Every fire's period key, in order, for a daily pattern over a DST change. */
function keysAcross(pattern: string, tz: string, from: string, days: number) {
  const times = fires(pattern, tz, from, days);
  const keys = times.map((t) => digestPeriod({ cadence: 'daily', timeZone: tz, fireAt: t, scheduleDays: parseCron(pattern).days }).key);
  return { times, keys };
}

describe('digest periods', () => {
  it('covers the day before the fire date, local midnight to local midnight', () => {
    const p = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-11-25T07:30:00Z') });
    expect(p.key).toBe('2026-11-25');
    expect(p.start.toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(p.previous).toEqual({ start: new Date('2026-11-22T23:00:00Z'), end: p.start });
    expect(p.label).toBe('Tue 24 Nov 2026');
  });

  it('takes the key from the local date of the fire time, not the UTC date', () => {
    // 23:30 UTC on the 24th is 08:30 on the 25th in Tokyo.
    const p = digestPeriod({ cadence: 'daily', timeZone: 'Asia/Tokyo', fireAt: new Date('2026-11-24T23:30:00Z') });
    expect(p.key).toBe('2026-11-25');
  });

  it('reaches back over unscheduled days: a weekday digest on Monday covers Friday to Sunday', () => {
    const p = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-11-30T07:30:00Z'), scheduleDays: WEEKDAYS });
    expect(p.days).toBe(3);
    expect(p.start.toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(p.label).toBe('Fri 27 Nov – Sun 29 Nov 2026');
    expect(p.previous.start.toISOString()).toBe('2026-11-23T23:00:00.000Z');
  });

  it('covers the seven days before the fire date for a weekly digest', () => {
    const p = digestPeriod({ cadence: 'weekly', timeZone: 'America/New_York', fireAt: new Date('2026-11-30T14:00:00Z') });
    expect(p.key).toBe('2026-11-30');
    expect(p.days).toBe(7);
    expect(p.start.toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T05:00:00.000Z');
  });

  it('gives a 23-hour day on the spring change and a 25-hour day on the autumn change', () => {
    const spring = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-03-30T06:30:00Z') });
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const autumn = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-10-26T07:30:00Z') });
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
  });

  it('finds the first instant of a day whose midnight does not exist', () => {
    // Santiago skips 00:00–01:00 on 2026-09-06.
    const start = startOfLocalDay('America/Santiago', '2026-09-06');
    expect(localDate('America/Santiago', start)).toBe('2026-09-06');
    expect(localDate('America/Santiago', new Date(start.getTime() - 1))).toBe('2026-09-05');
  });

  it('does calendar arithmetic across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('keys a period by the day it ends, not the cadence: a daily and a weekly digest on one day share a key', () => {
    const fireAt = new Date('2026-11-30T08:00:00Z');
    expect(digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt }).key).toBe(
      digestPeriod({ cadence: 'weekly', timeZone: 'Europe/Berlin', fireAt }).key,
    );
  });

  it('continues from where the last digest stopped: daily to weekly neither overlaps nor leaves a gap', () => {
    // The last daily digest (Fri 27 Nov) covered up to Thu 26 Nov 24:00; the weekly one on Mon 30 Nov starts there.
    const lastEnd = startOfLocalDay('Europe/Berlin', '2026-11-27');
    const weekly = digestPeriod({ cadence: 'weekly', timeZone: 'Europe/Berlin', fireAt: new Date('2026-11-30T08:00:00Z'), coveredUntil: lastEnd });
    expect(weekly.start).toEqual(lastEnd);
    expect(weekly.days).toBe(3);
    expect(weekly.label).toBe('Fri 27 Nov – Sun 29 Nov 2026');
    expect(weekly.previous).toEqual({ start: startOfLocalDay('Europe/Berlin', '2026-11-24'), end: lastEnd });
  });

  it('continues from where the last digest stopped: weekly to daily covers the days since the weekly one', () => {
    const lastEnd = startOfLocalDay('Europe/Berlin', '2026-11-23');
    const daily = digestPeriod({
      cadence: 'daily',
      timeZone: 'Europe/Berlin',
      fireAt: new Date('2026-11-25T07:30:00Z'),
      coveredUntil: lastEnd,
      scheduleDays: WEEKDAYS,
    });
    expect(daily.start).toEqual(lastEnd);
    expect(daily.days).toBe(2);
  });

  it('starts afresh after a long pause instead of reaching back weeks', () => {
    const longAgo = startOfLocalDay('Europe/Berlin', '2026-10-01');
    const daily = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-11-25T07:30:00Z'), coveredUntil: longAgo });
    expect(daily.days).toBe(1);
    expect(daily.start).toEqual(startOfLocalDay('Europe/Berlin', '2026-11-24'));
  });

  it('refuses an unknown cadence', () => {
    expect(() => digestPeriod({ cadence: 'hourly' as never, timeZone: 'UTC', fireAt: new Date('2026-11-23T07:30:00Z') })).toThrow(/daily or weekly/);
  });
});

describe('scheduled digests across daylight-saving changes', () => {
  const cases = [
    { tz: 'Europe/Berlin', from: '2026-03-26T00:00:00Z', what: 'Berlin, March (clocks forward)' },
    { tz: 'Europe/Berlin', from: '2026-10-22T00:00:00Z', what: 'Berlin, October (clocks back)' },
    { tz: 'America/New_York', from: '2026-03-05T00:00:00Z', what: 'New York, March (clocks forward)' },
    { tz: 'America/New_York', from: '2026-10-29T00:00:00Z', what: 'New York, November (clocks back)' },
  ];
  for (const { tz, from, what } of cases) {
    for (const pattern of ['30 8 * * *', '30 2 * * *', '30 1 * * *']) {
      it(`${what}: "${pattern}" fires once on every local day, none skipped, none doubled`, () => {
        const { times, keys } = keysAcross(pattern, tz, from, 7);
        const first = localDate(tz, times[0]!);
        expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => addDays(first, i)));
      });
    }
  }

  it('moves a 02:30 digest to 03:30 on the spring-forward day in Berlin instead of skipping it', () => {
    const { times } = keysAcross('30 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z', 1);
    expect(times[0]!.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('gives the two 02:30s of the autumn change in Berlin one period key', () => {
    const first = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-10-25T00:30:00Z') });
    const second = digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: new Date('2026-10-25T01:30:00Z') });
    expect(first.key).toBe('2026-10-25');
    expect(second.key).toBe(first.key);
  });

  it('keeps consecutive weekday periods contiguous over the change (no gap, no overlap)', () => {
    const times = fires('30 8 * * 1-5', 'Europe/Berlin', '2026-03-23T00:00:00Z', 10);
    const periods = times.map((t) => digestPeriod({ cadence: 'daily', timeZone: 'Europe/Berlin', fireAt: t, scheduleDays: WEEKDAYS }));
    for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toEqual(periods[i - 1]!.end);
  });
});
