// Untrusted text (lead fields, website data, model output) made safe to show inside our own sentences:
// control characters, bidirectional overrides and zero-width characters removed, whitespace collapsed,
// length capped. Platform escaping (Slack mrkdwn, Adaptive Cards) happens in each renderer on top of this.

/** C0/C1 controls (tab and newline included: inside a quoted value they only serve to fake a new line). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides and isolates, marks, zero-width characters, word joiner, BOM, soft hyphen, invisible operators. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** Control characters a tool input never needs (newline, carriage return and tab are kept for notes and emails). */
const INPUT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const INPUT_INVISIBLE = /[\u202A-\u202E\u2066-\u2069]/;

/** Drop bidi overrides and zero-width characters (they reorder or hide text); keep line breaks. */
export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}

/** One line of text with nothing invisible or controlling left, at most `max` characters. */
export function cleanText(value: unknown, max = 80): string {
  const s = String(value ?? '')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, Math.max(1, max - 1)).trimEnd()}…` : s;
}

/** A value quoted for a sentence: “Acme”, with its own quote marks neutralised so it cannot close the quote. */
export function quoted(value: unknown, max = 80): string {
  return `“${cleanText(value, max).replace(/["“”]/g, "'")}”`;
}

/** Why a string may not be a tool input, or undefined when it is fine. */
export function unsafeInputReason(s: string): string | undefined {
  if (INPUT_CONTROL.test(s)) return 'must not contain control characters';
  if (INPUT_INVISIBLE.test(s)) return 'must not contain bidirectional override characters';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) return 'must be valid Unicode text';
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

/**
 * Strings PostgreSQL's text and jsonb reject (NUL, lone surrogates) made storable, at any depth. Plain
 * objects and arrays with nothing to change come back as they are (this runs on every stored message).
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return (UNSTORABLE.test(value) ? value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD') : value) as T;
  if (Array.isArray(value)) {
    const out = value.map(storable);
    return (out.every((v, i) => v === value[i]) ? value : out) as T;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const out = entries.map(([k, v]) => [storable(k), storable(v)] as const);
  const proto = Object.getPrototypeOf(value);
  const plain = proto === Object.prototype || proto === null;
  if (plain && out.every(([k, v], i) => k === entries[i]![0] && v === entries[i]![1])) return value;
  return Object.fromEntries(out) as T;
}

/** Markdown links written out so the address shows: "[your bank](http://evil)" → "your bank (http://evil)". */
export function unspoofLinks(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label.trim() === url ? url : `${label} (${url})`));
}
