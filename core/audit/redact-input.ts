// What the audit trail stores of a call's input: secrets scrubbed (core/redact.ts) and email bodies
// reduced to their length, so the trail never holds a bearer token or a prospect email's text.
import { redact } from '../redact.ts';

const EMAIL_TOOLS = new Set(['roastEmail', 'draftEmail']);
const BODY_KEYS = new Set(['body', 'email', 'text', 'html', 'content', 'emailbody', 'emailtext', 'bodyhtml', 'bodytext', 'draft']);
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function words(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

function dropBodies(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropBodies);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // A lead's address under `email` is a reference, not a body.
    out[k] = typeof v === 'string' && BODY_KEYS.has(k.toLowerCase()) && !EMAIL_ADDRESS.test(v.trim()) ? `[email body: ${words(v)} words]` : dropBodies(v);
  }
  return out;
}

/** Strings PostgreSQL's jsonb rejects (NUL, lone surrogates) are made storable. */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [storable(k) as string, storable(v)]));
}

/** The redacted input as plain JSON (exactly what jsonb stores and returns). */
export function redactAuditInput(name: string, input: unknown): unknown {
  let out: unknown = redact(input ?? null);
  if (EMAIL_TOOLS.has(name)) out = dropBodies(out);
  return JSON.parse(JSON.stringify(storable(out)) ?? 'null');
}
