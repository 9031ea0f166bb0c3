import { describe, expect, it } from 'vitest';
import { budgetDay, budgetDayStart, budgetResetAt, formatWait } from '../../../core/cost/budget-day.ts';

describe('budget day', () => {
  it('is the calendar day in the user time zone, not in UTC', () => {
    const at = new Date('2026-11-25T11:30:00Z');
    expect(budgetDay('Pacific/Auckland', at)).toBe('2026-11-26');
    expect(budgetDay('America/Los_Angeles', at)).toBe('2026-11-25');
  });

  it('starts at the last local midnight, where the previous day reset', () => {
    expect(budgetDayStart('Pacific/Auckland', new Date('2026-11-25T10:00:00Z')).toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(budgetDayStart('America/Los_Angeles', new Date('2026-03-08T20:00:00Z')).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    const at = new Date('2026-10-25T12:00:00Z');
    expect(budgetDayStart('Europe/Berlin', budgetResetAt('Europe/Berlin', at)).getTime()).toBe(budgetResetAt('Europe/Berlin', at).getTime());
  });

  it('resets at the next local midnight', () => {
    expect(budgetResetAt('Pacific/Auckland', new Date('2026-11-25T10:00:00Z')).toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(budgetResetAt('America/Los_Angeles', new Date('2026-11-25T10:00:00Z')).toISOString()).toBe('2026-11-26T08:00:00.000Z');
  });

  it('lasts 23 hours on the day clocks spring forward (Los Angeles, 8 March 2026)', () => {
    const start = budgetResetAt('America/Los_Angeles', new Date('2026-03-07T20:00:00Z'));
    expect(start.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    const end = budgetResetAt('America/Los_Angeles', start);
    expect(end.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3600_000).toBe(23);
  });

  it('lasts 25 hours on the day clocks fall back (Berlin, 25 October 2026)', () => {
    const start = budgetResetAt('Europe/Berlin', new Date('2026-10-24T12:00:00Z'));
    expect(start.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(budgetResetAt('Europe/Berlin', start).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts at 01:00 where midnight is skipped (Santiago, 6 September 2026)', () => {
    const reset = budgetResetAt('America/Santiago', new Date('2026-09-05T16:00:00Z'));
    expect(reset.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(budgetDay('America/Santiago', reset)).toBe('2026-09-06');
  });

  it('formats the wait until the reset in hours and minutes', () => {
    expect(formatWait((5 * 60 + 12) * 60_000)).toBe('5 h 12 min');
    expect(formatWait(12 * 60_000 - 30_000)).toBe('12 min');
    expect(formatWait(2 * 3600_000)).toBe('2 h');
    expect(formatWait(0)).toBe('less than a minute');
  });
});

describe('budget day edges, remembered per zone and day', () => {
  it('are the same for every instant of the day, asked in any order, across a DST change', () => {
    // Berlin's autumn change: 2026-10-25 lasts 25 h (00:00 +02:00 = 2026-10-24T22:00Z to 2026-10-25T23:00Z).
    for (const at of ['2026-10-25T21:30:00Z', '2026-10-24T22:00:00Z', '2026-10-25T12:00:00Z', '2026-10-25T22:59:59.999Z']) {
      expect(budgetDayStart('Europe/Berlin', new Date(at)).toISOString()).toBe('2026-10-24T22:00:00.000Z');
      expect(budgetResetAt('Europe/Berlin', new Date(at)).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    }
    // The next day has its own edges, not the remembered ones.
    expect(budgetDayStart('Europe/Berlin', new Date('2026-10-25T23:00:00Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(budgetResetAt('Europe/Berlin', new Date('2026-10-25T23:00:00Z')).toISOString()).toBe('2026-10-26T23:00:00.000Z');
    // Another zone on the same label is another day.
    expect(budgetResetAt('Pacific/Auckland', new Date('2026-10-25T00:00:00Z')).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });
});
