// What the audit trail stores of a call's input: secrets scrubbed (core/redact.ts) and email bodies
// reduced to their length, so the trail never holds a bearer token or a prospect email's text. Which
// fields hold an email's text is the tool's own facet (redactInAudit, tools/tool.ts).
import { redact } from '../redact.ts';

/** The names an email's text goes by in a tool's input, for tools that take or write emails. */
export const EMAIL_BODY_FIELDS: readonly string[] = ['body', 'email', 'text', 'html', 'content', 'emailBody', 'emailText', 'bodyHtml', 'bodyText', 'draft'];
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function words(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

function dropBodies(value: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => dropBodies(v, fields));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // A lead's address under `email` is a reference, not a body.
    out[k] = typeof v === 'string' && fields.has(k.toLowerCase()) && !EMAIL_ADDRESS.test(v.trim()) ? `[email body: ${words(v)} words]` : dropBodies(v, fields);
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

/** The redacted input as plain JSON (exactly what jsonb stores and returns); `bodyFields` are kept as a word count. */
export function redactAuditInput(input: unknown, bodyFields: readonly string[] = []): unknown {
  let out: unknown = redact(input ?? null);
  if (bodyFields.length) out = dropBodies(out, new Set(bodyFields.map((f) => f.toLowerCase())));
  return JSON.parse(JSON.stringify(storable(out)) ?? 'null');
}
