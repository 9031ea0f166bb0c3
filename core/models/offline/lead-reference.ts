// Turns the words a rep uses for a lead ("jane@acme.io", "Jane Doe", "the second one", "#3", "her")
// into the value a lead tool takes: the id when the conversation knows it, else the email, else the name.
import type { LeadRef } from './conversation-context.ts';
import type { Knowledge } from './knowledge.ts';
import { findLeadMentions } from './lead-mentions.ts';
import { ORDINAL_PATTERN, parseOrdinal } from './numbers.ts';
import { UUID_PATTERN } from '../../ids.ts';

export type LeadResolution =
  | { kind: 'lead'; lead: string }
  /** The rep pointed at a lead the conversation cannot identify; ask which one. */
  | { kind: 'unresolved'; said: string }
  /** No lead was named at all. */
  | { kind: 'none' };

export interface ReferenceContext {
  lastList?: LeadRef[];
  focusLead?: LeadRef;
  /** The leads the user may see, when known: names resolve against them. */
  knowledge?: Knowledge;
}

export const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
export const UUID_RE = new RegExp(`\\b${UUID_PATTERN}\\b`, 'i');
const LEAD_NOUN = '(?:one|lead|person|guy|woman|man|contact|prospect|result|entry|name|on the list|in the list)';
const POSITION_RE = new RegExp(
  `(?:^|\\b)(?:the\\s+)?(${ORDINAL_PATTERN}|last|final|top)(?:\\s+${LEAD_NOUN})?(?:\\s+(?:(?:from|in|on)\\s+(?:the|that|this)\\s+list|(?:of|from|among)\\s+(?:those|these|them|the results)))?(?=$|[\\s,.!?])`,
  'i',
);
const NUMBERED_RE = /\b(?:lead|result|entry|item|contact|prospect)\s*(?:#|no\.?|number)?\s*(\d{1,3})\b/i;
const PRONOUN_RE =
  /^(?:her|him|them|they|it|that lead|this lead|the lead|that one|this one|that person|this person|that contact|this contact|that prospect|this prospect|that guy|the same lead|the same one|same lead)$/i;
// Words that say the phrase is a search, not one person.
const NOT_A_NAME = /\b(?:leads|companies|people|all|every|everyone|contacts|prospects|list|them all)\b/i;

const PRONOUN_OF: Record<string, string> = { her: 'her', his: 'him', their: 'them', its: 'it' };

export function leadIdentity(ref: LeadRef): string {
  return (ref.id ?? ref.email ?? ref.fullName)!;
}

/** Strip the filler around a lead phrase: "the lead Jane Doe's profile please" → "Jane Doe". */
export function cleanLeadPhrase(phrase: string): string {
  return (
    phrase
      .replace(/[?!.,;:]+$/g, '')
      .replace(/\s+(?:please|pls|for me|now|again|today|as well|too|right now|asap)$/gi, '')
      .replace(/\s+(?:please|pls|for me|now|again)$/gi, '')
      .replace(/^(?:the\s+)?(?:lead|contact|prospect|person)\s+(?:named\s+|called\s+)?(?=\S+@|[A-Z])/i, '')
      .replace(/^(?:named|called)\s+/i, '')
      .replace(/^(?:the\s+)?(?:data|info|information|details|profile|record)\s+(?:for|on|of|about)\s+/i, '')
      .replace(/(?:'s|’s|s')\s+(?:data|info|information|details|profile|record|company data|lead)$/i, '')
      .replace(/^["'“”‘’]|["'“”‘’]$/g, '')
      // "her full record", "his profile": the lead's pronoun.
      .replace(
        /^(her|his|their|its)\s+(?:(?:full|whole|complete|entire)\s+)?(?:data|info|information|details|profile|record|file|card|page)$/i,
        (_m, p: string) => PRONOUN_OF[p.toLowerCase()]!,
      )
      .trim()
  );
}

export function resolveLeadReference(rawPhrase: string, ctx: ReferenceContext): LeadResolution {
  const phrase = cleanLeadPhrase(rawPhrase);
  if (!phrase) return { kind: 'none' };

  const email = EMAIL_RE.exec(phrase)?.[0];
  if (email) return { kind: 'lead', lead: email.toLowerCase() };
  const uuid = UUID_RE.exec(phrase)?.[0];
  if (uuid) return { kind: 'lead', lead: uuid.toLowerCase() };

  // "the 4th one, who is that": a position before a tag clause is still the whole reference.
  const listLength = ctx.lastList?.length ?? 0;
  const position = positionIn(phrase, listLength) ?? positionIn(phrase.split(/\s*[,;]\s+/)[0]!, listLength);
  if (position !== undefined) {
    const ref = ctx.lastList?.[position - 1];
    return ref ? { kind: 'lead', lead: leadIdentity(ref) } : { kind: 'unresolved', said: phrase };
  }

  if (PRONOUN_RE.test(phrase)) {
    return ctx.focusLead ? { kind: 'lead', lead: leadIdentity(ctx.focusLead) } : { kind: 'unresolved', said: phrase };
  }

  if (NOT_A_NAME.test(phrase) || !/^[\p{L}][\p{L}'’. -]{1,80}$/u.test(phrase) || phrase.split(/\s+/).length > 4) {
    return { kind: 'unresolved', said: phrase };
  }
  const known = [...(ctx.lastList ?? []), ...(ctx.focusLead ? [ctx.focusLead] : [])];
  if (ctx.knowledge?.leads.length) {
    const name = phrase.replace(/^(?:mr|mrs|ms|dr)\.?\s+/i, '');
    const mentions = findLeadMentions(name, ctx.knowledge, known).filter((m) => m.by !== 'company' || name.split(/\s+/).length <= 3);
    if (mentions.length) {
      const shown = known.find((l) => l.fullName?.toLowerCase() === mentions[0]!.lead.fullName.toLowerCase());
      return { kind: 'lead', lead: shown ? leadIdentity(shown) : mentions[0]!.lead.id };
    }
    // Every visible lead is known and none has this name: it is nobody the rep may see.
    if (ctx.knowledge.complete && !known.some((l) => l.fullName?.toLowerCase().startsWith(name.toLowerCase()))) {
      return { kind: 'unresolved', said: phrase };
    }
  }
  return { kind: 'lead', lead: nameInContext(phrase, ctx) };
}

/** 1-based position named by the phrase ("the 2nd one", "#3", "the last lead"), if it names one. */
export function positionIn(phrase: string, listLength: number): number | undefined {
  const m = POSITION_RE.exec(phrase);
  if (m) {
    // The whole phrase must be the reference, not "first name Jane".
    const rest = phrase.replace(m[0], '').trim();
    if (!rest) {
      const word = m[1]!.toLowerCase();
      if (word === 'last' || word === 'final') return listLength > 0 ? listLength : -1;
      if (word === 'top') return 1;
      return parseOrdinal(word);
    }
  }
  const numbered = NUMBERED_RE.exec(phrase);
  if (
    numbered &&
    phrase
      .replace(numbered[0], '')
      .replace(/^the\s*/i, '')
      .trim() === ''
  )
    return Number(numbered[1]);
  return undefined;
}

// A name the conversation already showed resolves to that lead's id; a first name alone counts only
// when exactly one shown lead has it.
function nameInContext(name: string, ctx: ReferenceContext): string {
  const known = [...(ctx.lastList ?? []), ...(ctx.focusLead ? [ctx.focusLead] : [])];
  const lower = name.toLowerCase();
  const exact = known.find((l) => l.fullName?.toLowerCase() === lower);
  if (exact) return leadIdentity(exact);
  if (!/\s/.test(name)) {
    const byFirst = known.filter((l) => l.fullName?.toLowerCase().split(/\s+/)[0] === lower);
    const distinct = new Set(byFirst.map(leadIdentity));
    if (distinct.size === 1) return leadIdentity(byFirst[0]!);
  }
  return name;
}
