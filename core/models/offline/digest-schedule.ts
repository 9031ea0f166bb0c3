// "send my digest Mondays at 9", "daily digest at 8:30am", "pause my digest" → setDigestSchedule input.
// A daily digest goes out on weekdays unless the rep says "every day" or "including weekends".

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export interface DigestScheduleInput {
  enabled?: boolean;
  cadence?: 'daily' | 'weekly';
  days?: Weekday[];
  time?: string;
}

const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKWEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const DAY_RE: [Weekday, string][] = [
  ['mon', 'mon(?:day)?s?'],
  ['tue', 'tue(?:s(?:day)?)?s?'],
  ['wed', 'wed(?:nesday)?s?'],
  ['thu', 'thu(?:r(?:s(?:day)?)?)?s?'],
  ['fri', 'fri(?:day)?s?'],
  ['sat', 'sat(?:urday)?s?'],
  ['sun', 'sun(?:day)?s?'],
];
const ANY_DAY = DAY_RE.map(([, re]) => re).join('|');

export function parseDigestSchedule(text: string): DigestScheduleInput {
  const t = text.toLowerCase();
  const out: DigestScheduleInput = {};
  const stop = /\b(?:pause|stop|disable|turn off|switch off|cancel|unsubscribe|mute|halt|no more|don['’]?t send|do not send|opt out)\b/.exec(t);
  if (stop) {
    // "no more digests on weekends — just mon to fri at 7": stopping some days while naming the schedule
    // wanted is a new schedule, read from the words outside the stopped days' clause.
    const stoppedDays = new RegExp(`^[^.;,!?—–]*?\\b(?:on|at|over|during)\\s+(?:the\\s+)?(?:weekends?|${ANY_DAY})\\b[^.;,!?—–-]*`).exec(t.slice(stop.index));
    if (stoppedDays) {
      const rest = parseDigestSchedule(t.slice(0, stop.index) + t.slice(stop.index + stoppedDays[0].length));
      if (rest.enabled && (rest.days || rest.time)) return rest;
    }
    return { enabled: false };
  }
  const resume =
    /\b(?:resume|restart|re-?enable|enable|turn (?:it |the digest |my digest )?(?:back )?on|back on|switch (?:it )?(?:back )?on|start|unpause|subscribe|turn back on)\b/.test(
      t,
    );

  const everyDay = /\b(?:every\s*day|each day|7 days|seven days|including weekends?|incl\.? weekends?|all week|daily including)\b/.test(t);
  const range = new RegExp(`\\b(${ANY_DAY})\\s*(?:-|–|to|through|thru|until)\\s*(${ANY_DAY})\\b`).exec(t);
  let days: Weekday[] = [];
  if (range) {
    const a = dayOf(range[1]!);
    const b = dayOf(range[2]!);
    if (a && b) days = WEEK.slice(WEEK.indexOf(a), WEEK.indexOf(b) + 1);
  } else {
    for (const m of t.matchAll(new RegExp(`\\b(${ANY_DAY})\\b`, 'g'))) {
      const d = dayOf(m[1]!);
      // "sat" and "sun" are also plain words; only weekday names written out count for those two.
      if (d && !days.includes(d) && !(m[1] === 'sun' || m[1] === 'sat')) days.push(d);
    }
  }
  if (/\bweekdays?\b|\bwork(?:ing)?\s*days?\b|\bbusiness days?\b/.test(t)) days = [...WORKWEEK];
  if (/\bweekends?\b/.test(t) && !everyDay) days = ['sat', 'sun'];

  if (everyDay) {
    out.cadence = 'daily';
    out.days = [...WEEK];
  } else if (/\b(?:daily|every (?:morning|evening|afternoon|night)|each (?:morning|evening)|once a day|per day|a day)\b/.test(t)) {
    out.cadence = 'daily';
    out.days = days.length ? sortDays(days) : [...WORKWEEK];
  } else if (days.length === 5 && WORKWEEK.every((d) => days.includes(d))) {
    out.cadence = 'daily';
    out.days = sortDays(days);
  } else if (days.length) {
    out.cadence = 'weekly';
    out.days = sortDays(days);
  } else if (/\b(?:weekly|every week|each week|once a week|per week|a week)\b/.test(t)) {
    out.cadence = 'weekly';
    out.days = ['mon'];
  }

  const time = parseTime(t);
  if (time) out.time = time;
  if (out.cadence || out.time || out.days || resume) out.enabled = true;
  return out;
}

function dayOf(word: string): Weekday | undefined {
  for (const [day, re] of DAY_RE) if (new RegExp(`^(?:${re})$`).test(word)) return day;
  return undefined;
}

function sortDays(days: Weekday[]): Weekday[] {
  return [...new Set(days)].sort((a, b) => WEEK.indexOf(a) - WEEK.indexOf(b));
}

const HOUR_WORDS = ['twelve', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
const HOUR_WORD = `(?:${HOUR_WORDS.join('|')})`;
const MINUTE_WORDS: Record<string, string> = {
  'oh five': '05',
  ten: '10',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  'forty[- ]?five': '45',
  forty: '40',
  fifty: '50',
};

/** Times written in words become digits: "half past eight" → "8:30", "quarter to nine" → "8:45",
 * "eight thirty" → "8:30", "seven in the evening" → "7pm", "at nine" → "at 9". */
export function timeWordsToDigits(text: string): string {
  const hour = (w: string) => (/^\d+$/.test(w) ? Number(w) : HOUR_WORDS.indexOf(w) || 12);
  let t = text
    .replace(new RegExp(`\\bhalf\\s+past\\s+(${HOUR_WORD}|\\d{1,2})\\b`, 'g'), (_, h: string) => `${hour(h)}:30`)
    .replace(new RegExp(`\\b(?:a\\s+)?quarter\\s+past\\s+(${HOUR_WORD}|\\d{1,2})\\b`, 'g'), (_, h: string) => `${hour(h)}:15`)
    .replace(new RegExp(`\\b(?:a\\s+)?quarter\\s+(?:to|till|of)\\s+(${HOUR_WORD}|\\d{1,2})\\b`, 'g'), (_, h: string) => `${((hour(h) + 10) % 12) + 1}:45`);
  for (const [words, mm] of Object.entries(MINUTE_WORDS)) {
    t = t.replace(new RegExp(`\\b(${HOUR_WORD})\\s+${words}\\b`, 'g'), (_, h: string) => `${hour(h)}:${mm}`);
  }
  t = t.replace(
    new RegExp(`\\b(${HOUR_WORD})(?=\\s*(?:o['’]?clock|a\\.?m\\b|p\\.?m\\b|in the (?:morning|afternoon|evening)|at night|tonight|sharp))`, 'g'),
    (_, h: string) => String(hour(h)),
  );
  t = t.replace(new RegExp(`\\b(at|around|by)\\s+(${HOUR_WORD})\\b`, 'g'), (_, p: string, h: string) => `${p} ${hour(h)}`);
  // "8 in the morning" → 8am; "7 in the evening" → 7pm.
  return t
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*(?:o['’]?clock\s*)?in the morning\b/g, '$1am')
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*(?:o['’]?clock\s*)?(?:in the (?:afternoon|evening)|at night|tonight)\b/g, '$1pm');
}

/** "at 9" → 09:00, "8:30am" → 08:30, "2pm" → 14:00, "17:15" → 17:15, "noon" → 12:00, "half past eight" → 08:30. */
export function parseTime(text: string): string | undefined {
  const t = timeWordsToDigits(text);
  if (/\bnoon\b|\bmidday\b/.test(t)) return '12:00';
  if (/\bmidnight\b/.test(t)) return '00:00';
  const m =
    /\b(?:at|@|around|by)\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o['’]?clock|h)?(?![\d])/.exec(t) ??
    /\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/.exec(t) ??
    /\b(\d{1,2})[:h](\d{2})\b()/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const suffix = (m[3] ?? '').replace(/\./g, '');
  if (suffix.startsWith('p') && hour < 12) hour += 12;
  if (suffix.startsWith('a') && hour === 12) hour = 0;
  // "Friday afternoons at 4", "every evening at 7": a bare hour in the afternoon or evening is after noon.
  if (!suffix && hour >= 1 && hour < 12 && /\b(?:afternoons?|evenings?|tonight|nights?)\b/.test(t) && !/\bmornings?\b/.test(t)) hour += 12;
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
