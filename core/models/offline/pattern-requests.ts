// "What kind of leads reply to us?", "which industries convert best for my team?" → findPatterns;
// "find leads like my best customers" → findLookalikes; "rescore my team's leads" → rescoreLeads. Kept in its own file so the offline model's other
// parsers stay as they are; parse-intent.ts asks this one before falling back to a lead search.
import type { Intent } from './intent.ts';

const LOOKALIKE =
  /\b(?:leads?|prospects?|companies|accounts|people|contacts?)\s+(?:that\s+(?:look|are)\s+|who\s+(?:look|are)\s+)?(?:like|similar to|resembling)\s+(?:my|our)\s+(?:best\s+|top\s+|current\s+|existing\s+)?(?:customers?|clients?|buyers?|accounts?)\b|\blook-?alikes?\b/i;
const PATTERN =
  /\b(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\s+(?:leads?|prospects?|people|companies|contacts?)\b.*\b(?:reply|replies|respond|answer|convert|qualify|buy|close|work)|\b(?:which|what)\s+(?:industries|countries|titles|roles|seniorit(?:y|ies)|company sizes|technologies|sources|segments?)\b.*\b(?:convert|reply|replies|respond|qualify|buy|close|work|perform)|\bpatterns?\b.*\b(?:leads?|repl|outcomes?|convert|customers?)|\b(?:who|what)\s+(?:converts?|replies)\s+best\b|\bwhat\s+makes\s+(?:leads?|prospects?|people)\s+(?:reply|respond|convert|buy|qualify)/i;

const RESCORE = /\b(?:re-?score|re-?calculate|recompute|update|refresh|retrain)\b.*\b(?:fit\s+)?scores?\b|\brescore\b/i;

export function parsePatternRequest(text: string): Intent | undefined {
  if (RESCORE.test(text) && !/\b(?:roast|email)\b/i.test(text)) {
    const goal = /\b(?:customers?|buy|won)\b/i.test(text) ? 'customer' : /\bqualif/i.test(text) ? 'qualified' : undefined;
    return { kind: 'tool', calls: [{ toolName: 'rescoreLeads', input: goal ? { goal } : {} }] };
  }
  if (LOOKALIKE.test(text)) {
    const count = /\b(\d{1,2})\b/.exec(text);
    const limit = count ? Math.min(50, Math.max(1, Number(count[1]))) : undefined;
    return { kind: 'tool', calls: [{ toolName: 'findLookalikes', input: limit ? { limit } : {} }] };
  }
  if (!PATTERN.test(text)) return undefined;
  const input: Record<string, unknown> = {};
  if (/\b(?:buy|bought|close|closed|customers?|won|deals?)\b/i.test(text)) input.goal = 'customer';
  else if (/\bqualif/i.test(text)) input.goal = 'qualified';
  else if (/\bconvert/i.test(text)) input.goal = 'customer';
  if (/\bmy team(?:['’]s)?\b|\bour team(?:['’]s)?\b/i.test(text)) input.owner = 'team';
  else if (/\bmy (?:leads?|prospects?|pipeline)\b|\bfor me\b/i.test(text)) input.owner = 'me';
  return { kind: 'tool', calls: [{ toolName: 'findPatterns', input }] };
}
