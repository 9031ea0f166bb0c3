// The budget day: the calendar day in the user's time zone, and the instant it ends (local midnight,
// which may be 23 or 25 hours away across a DST change, or 01:00 where midnight is skipped).

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f;
}

/** The calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function budgetDay(timeZone: string, at: Date): string {
  return dayFormat(timeZone).format(at);
}

// Both edges of a day depend only on the zone and the day: found once (a binary search of ~28 formats each,
// per myUsage call and usage card before), then remembered; a bounded map, emptied when full.
const edges = new Map<string, number>();
function rememberedEdge(key: string, find: () => Date): Date {
  let ms = edges.get(key);
  if (ms === undefined) {
    ms = find().getTime();
    if (edges.size >= 10_000) edges.clear();
    edges.set(key, ms);
  }
  return new Date(ms);
}

/** The first instant after `at` whose local calendar day is a later day: when today's budget resets. */
export function budgetResetAt(timeZone: string, at: Date): Date {
  const today = budgetDay(timeZone, at);
  return rememberedEdge(`end|${timeZone}|${today}`, () => searchResetAt(timeZone, at, today));
}

function searchResetAt(timeZone: string, at: Date, today: string): Date {
  // Time zones are at most 26 h apart and days at most 25 h long, so the next day starts within 48 h.
  let lo = at.getTime();
  let hi = lo + 48 * 3600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (budgetDay(timeZone, new Date(mid)) > today) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The first instant of `at`'s local calendar day in `timeZone` (local midnight, or 01:00 where skipped). */
export function budgetDayStart(timeZone: string, at: Date): Date {
  const today = budgetDay(timeZone, at);
  return rememberedEdge(`start|${timeZone}|${today}`, () => searchDayStart(timeZone, at, today));
}

function searchDayStart(timeZone: string, at: Date, today: string): Date {
  let lo = at.getTime() - 48 * 3600_000;
  let hi = at.getTime();
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (budgetDay(timeZone, new Date(mid)) < today) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** "5 h 12 min", "12 min", "less than a minute". */
export function formatWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
