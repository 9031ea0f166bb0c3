// One answer to "is this an IANA time zone?", for what people and platforms send us (profiles, Teams'
// localTimezone, `salesos users --time-zone`): Intl is the judge, since it is what formats the dates later.

/** True for a zone name Intl understands, e.g. "Europe/Berlin"; false for undefined, "" or "Mars/Base". */
export function isTimeZone(tz: string | undefined | null): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
