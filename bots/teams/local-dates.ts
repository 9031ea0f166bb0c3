// Dates on Teams cards in the reader's own locale and time zone. The card renderers write instants as
// "2026-11-29 08:30 UTC" (platform-neutral, and what the text fallback shows); before a reply leaves, each
// such stamp is rewritten for the person it answers: Teams sends their locale and device time zone on every
// activity, and their SalesOS time zone stands in when the device's is missing.
const UTC_STAMP = /\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g;

export interface Reader {
  locale?: string;
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(reader: Reader): Intl.DateTimeFormat {
  const key = `${reader.locale ?? ''}|${reader.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    let locale = reader.locale;
    try {
      if (locale) Intl.getCanonicalLocales(locale);
    } catch {
      locale = undefined;
    }
    f = new Intl.DateTimeFormat(locale ?? 'en-GB', {
      timeZone: reader.timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

/** A copy of `value` (an activity, a card) with every UTC stamp in its strings shown in the reader's terms. */
export function localiseDates<T>(value: T, reader: Reader): T {
  const format = formatterFor(reader);
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string')
      return node.includes(' UTC') ? node.replace(UTC_STAMP, (_m, day: string, time: string) => format.format(new Date(`${day}T${time}:00Z`))) : node;
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return visit(value) as T;
}
