// "set our offer: product Rampwise; value: ramp reps in half the time; proof: …; ask: …" → setOffer input;
// "what's our offer?" → showOffer.
// Fields are separated by ";" or new lines; "proof" may repeat. "my team's offer" targets the team,
// "my offer" or "the offer for <email>" a user, anything else the organisation.
import type { Intent } from './intent.ts';

const TRIGGER =
  /^(?:set|update|change|save)\s+(our|the|my team['’]?s|the team['’]?s|my|the (?:organisation|organization|org|company)['’]?s)?\s*offer(?:\s+for\s+(\S+@\S+?))?\s*[:\-–]\s*([\s\S]+)$/i;
const FIELDS: [RegExp, string][] = [
  [/^product\b\s*:?\s*/i, 'product'],
  [/^(?:value(?:\s+prop(?:osition)?)?|one[- ]liner)\b\s*:?\s*/i, 'valueProposition'],
  [/^proof(?:\s+points?)?\b\s*:?\s*/i, 'proofPoints'],
  [/^(?:typical\s+)?customers?\b\s*:?\s*/i, 'typicalCustomer'],
  [/^(?:preferred\s+)?ask\b\s*:?\s*/i, 'preferredAsk'],
];

const SHOW =
  /^(?:show|see|display|what(?:['’]s| is| are)|tell me)\s+(?:me\s+)?(?:our|my|the|my team['’]?s)\s+(?:current\s+)?(?:offer|offer profile|pitch|value prop(?:osition)?)\b[\s?.!]*$|^what do (?:we|i) sell\b[\s?.!]*$/i;

export function parseOffer(text: string): Intent | undefined {
  if (SHOW.test(text.trim())) return { kind: 'tool', calls: [{ toolName: 'showOffer', input: {} }] };
  const m = TRIGGER.exec(text.trim());
  if (!m) return undefined;
  const owner = (m[1] ?? '').toLowerCase();
  const level = m[2] || /^my$/.test(owner) ? 'user' : /team/.test(owner) ? 'team' : 'organisation';
  const input: Record<string, unknown> = { level, ...(m[2] ? { who: m[2] } : {}) };
  const proofs: string[] = [];
  for (const part of m[3]!
    .split(/;|\n/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const field = FIELDS.find(([re]) => re.test(part));
    if (!field) continue;
    const value = part.replace(field[0], '').trim();
    if (!value) continue;
    if (field[1] === 'proofPoints') proofs.push(value);
    else input[field[1]] = value;
  }
  if (proofs.length) input.proofPoints = proofs;
  if (Object.keys(input).length <= (m[2] ? 2 : 1)) {
    return {
      kind: 'clarify',
      toolName: 'setOffer',
      question:
        'Say what to set, e.g. "set our offer: product Rampwise; value: ramp new reps in half the time; proof: Northwind cut ramp from 5 months to 10 weeks; ask: Worth a look?"',
    };
  }
  return { kind: 'tool', calls: [{ toolName: 'setOffer', input }] };
}
