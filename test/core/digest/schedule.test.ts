import { describe, expect, it } from 'vitest';
import { applyScheduleChange, cronOf, DEFAULT_SCHEDULE, describeSchedule, parseCron } from '../../../core/digest/schedule.ts';

describe('digest schedules', () => {
  it('defaults to weekdays at 08:30', () => {
    expect(parseCron(DEFAULT_SCHEDULE.cron)).toEqual({ minute: 30, hour: 8, days: [1, 2, 3, 4, 5] });
    expect(describeSchedule(DEFAULT_SCHEDULE)).toBe('daily digest weekdays at 08:30');
  });

  it('folds runs of days into ranges', () => {
    expect(cronOf([1, 2, 3, 4, 5], 8, 30)).toBe('30 8 * * 1-5');
    expect(cronOf([1, 3, 5], 9, 0)).toBe('0 9 * * 1,3,5');
    expect(cronOf([0, 1, 2, 3, 4, 5, 6], 7, 0)).toBe('0 7 * * *');
    expect(cronOf([1, 2, 4, 5, 6], 7, 0)).toBe('0 7 * * 1,2,4-6');
  });

  it('"send my digest Mondays at 9" makes a weekly Monday 09:00 schedule', () => {
    const next = applyScheduleChange(DEFAULT_SCHEDULE, { cadence: 'weekly', days: ['mon'], time: '09:00', enabled: true });
    expect(next).toEqual({ enabled: true, cadence: 'weekly', cron: '0 9 * * 1' });
    expect(describeSchedule(next)).toBe('weekly digest Mondays at 09:00');
  });

  it('changing only the time keeps the days', () => {
    expect(applyScheduleChange(DEFAULT_SCHEDULE, { time: '7:15' }).cron).toBe('15 7 * * 1-5');
  });

  it('switching to weekly without days picks Mondays, back to daily picks weekdays', () => {
    const weekly = applyScheduleChange(DEFAULT_SCHEDULE, { cadence: 'weekly' });
    expect(weekly.cron).toBe('30 8 * * 1');
    expect(applyScheduleChange(weekly, { cadence: 'daily' }).cron).toBe('30 8 * * 1-5');
  });

  it('pausing keeps the schedule for when it is resumed', () => {
    const paused = applyScheduleChange(DEFAULT_SCHEDULE, { enabled: false });
    expect(paused).toEqual({ ...DEFAULT_SCHEDULE, enabled: false });
    expect(applyScheduleChange(paused, { enabled: true })).toEqual(DEFAULT_SCHEDULE);
  });

  it('names what is wrong with a bad time, day or pattern', () => {
    expect(() => applyScheduleChange(DEFAULT_SCHEDULE, { time: '25:00' })).toThrow(/"25:00" is not a time of day/);
    expect(() => applyScheduleChange(DEFAULT_SCHEDULE, { days: ['funday' as never] })).toThrow(/"funday" is not a weekday/);
    expect(() => parseCron('*/5 * * * *')).toThrow(/not a digest schedule/);
  });
});
