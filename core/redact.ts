// Secret scrubbing shared by the log and the audit trail: secrets never leave the process in either.

const SECRET_KEY = /(token|secret|password|passwd|pwd|api[-_]?key|authorization|cookie|signature|credential|private[-_]?key)/i;

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bxox[abposrce]-[A-Za-z0-9-]{6,}/g, 'xox?-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]{6,}/g, 'xapp-[redacted]'],
  [/\bsk-[A-Za-z0-9_-]{12,}/g, 'sk-[redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // user:password@ in connection URLs (postgres, redis, amqp, http...)
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s/]+@/gi, '$1:[redacted]@'],
  [/\b(password|passwd|pwd|secret|token|api[-_]?key)=([^&\s"']+)/gi, '$1=[redacted]'],
];

export const REDACTED = '[redacted]';

/**
 * Every pattern above needs one of these substrings, so a string without any of them has nothing to scrub:
 * one scan instead of seven for the common case. Keep it a superset when adding a pattern.
 */
const MAYBE_SECRET = /xox|xapp-|sk-|bearer|basic|eyj|@|=/i;

export function redactString(s: string): string {
  if (!MAYBE_SECRET.test(s)) return s;
  let out = s;
  for (const [re, replacement] of SECRET_PATTERNS) out = out.replace(re, replacement);
  return out;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Deep copy of `value` with secret-named keys blanked and secret-looking strings scrubbed. */
export function redact<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return redactString(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value as object)) return '[circular]' as T;
  seen.add(value as object);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen)) as T;
  if (value instanceof Date) return value;
  if (value instanceof Error) {
    const copy: Record<string, unknown> = { name: value.name, message: redactString(value.message) };
    if (value.stack) copy.stack = redactString(value.stack);
    return copy as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redact(v, seen);
  }
  return out as T;
}
