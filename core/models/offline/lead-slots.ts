// Slots for requests about one lead when the intent is known but the wording is free: which lead the
// message names anywhere in it (email, position in the last list, a name the user may see, a pronoun),
// the status a piece of news implies ("Lukas signed the contract" → customer), and a note to keep.
import type { LeadStatus } from '../../leads/filter.ts';
import { EMAIL_RE, leadIdentity, type LeadResolution, type ReferenceContext } from './lead-reference.ts';
import { findLeadMentions } from './lead-mentions.ts';
import { parseOrdinal, SMALL_NUMBER_WORDS } from './numbers.ts';
import { isNegated, negatedSpans } from './negation.ts';

const ORDINAL_WORDS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|top';
// A day of the month is no list position: "review on the 14th.", "by the 3rd,", "May 2nd", "the 5th of June"
// ("the 3rd one", "for the 3rd one", "on the 3rd floor" stay positions).
const MONTH = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
function isDate(text: string, at: number, ordinal: string): boolean {
  const before = text.slice(0, at);
  const after = text.slice(at + ordinal.length);
  return (
    (/\b(?:on|by|before|after|until|till|from|since|due)\s+the\s+$/i.test(before) && /^\s*(?:[.,;!?]|$)/.test(after)) ||
    new RegExp(`\\b(?:${MONTH})[a-z]*\\.?\\s+$`, 'i').test(before) ||
    new RegExp(`^\\s+of\\s+(?:${MONTH})`, 'i').test(after)
  );
}
const POSITION_ANYWHERE = new RegExp(
  `#\\s?(\\d{1,3})\\b|\\b(number\\s+(?:\\d{1,3}|${SMALL_NUMBER_WORDS}))\\b|\\bno\\.\\s?(\\d{1,3})\\b|\\b(\\d{1,3}(?:st|nd|rd|th))\\b|\\b(?:the\\s+)?(${ORDINAL_WORDS})(?:\\s+(?:one|lead|result|person|contact|entry|prospect|name)\\b|(?=\\s*(?:[?!.,:;]|$|\\s+(?:looks|seems|is|was|has|replied|one))))|\\bthe\\s+(${ORDINAL_WORDS})\\b`,
  'i',
);
const PRONOUN_ANYWHERE =
  /\b(?:him|her|them|he|she|they|his|hers|it|that lead|this lead|that one|this one|that person|this person|that contact|this contact)\b/i;

/** The lead a message refers to anywhere in its words. */
export function leadInText(text: string, ctx: ReferenceContext): LeadResolution {
  const email = EMAIL_RE.exec(text)?.[0];
  if (email) return { kind: 'lead', lead: email.toLowerCase() };
  const known = [...(ctx.lastList ?? []), ...(ctx.focusLead ? [ctx.focusLead] : [])];
  if (ctx.knowledge) {
    const mentions = findLeadMentions(text, ctx.knowledge, known);
    const named = mentions.find((m) => m.by !== 'company') ?? mentions[0];
    if (named) {
      const shown = known.find((l) => l.fullName?.toLowerCase() === named.lead.fullName.toLowerCase());
      return { kind: 'lead', lead: shown ? leadIdentity(shown) : named.lead.id };
    }
  }
  const pos = POSITION_ANYWHERE.exec(text);
  if (pos && !(pos[4] && isDate(text, pos.index + pos[0].indexOf(pos[4]), pos[4]))) {
    const word = (pos[1] ?? pos[2] ?? pos[3] ?? pos[4] ?? pos[5] ?? pos[6])!.toLowerCase();
    const list = ctx.lastList ?? [];
    const n = word === 'last' || word === 'final' ? list.length : word === 'top' ? 1 : parseOrdinal(word);
    const ref = n ? list[n - 1] : undefined;
    return ref ? { kind: 'lead', lead: leadIdentity(ref) } : { kind: 'unresolved', said: pos[0].trim() };
  }
  if (PRONOUN_ANYWHERE.test(text)) {
    return ctx.focusLead ? { kind: 'lead', lead: leadIdentity(ctx.focusLead) } : { kind: 'unresolved', said: 'that lead' };
  }
  return { kind: 'none' };
}

// News that implies a status. Order matters: the first status whose words appear un-negated wins.
const STATUS_NEWS: [LeadStatus, RegExp][] = [
  [
    'disqualified',
    /\b(?:dis[\s-]?qualif\w*|dq(?:['’]?d)?|not\s+a\s+(?:good\s+)?fit|bad\s+fit|no\s+fit|not\s+interested|said\s+no|drop(?:ped)?\s+(?:him|her|them|it)|dead\s+lead|lost\s+(?:the\s+)?deal|unqualified|no\s+longer\s+interested|(?:zero|no)\s+interest|went\s+with\s+(?:a\s+)?(?:competitor|someone\s+else|another\s+(?:vendor|tool|provider))|chose\s+(?:a\s+)?competitor|turned\s+(?:us\s+)?down|declined|hard\s+no|not\s+moving\s+forward|(?:said|told\s+(?:me|us))\s+no(?:\s+thanks?)?|no\s+thanks|(?:doesn['’]?t|does\s+not|don['’]?t|do\s+not)\s+want\s+to\s+hear\s+from\s+(?:us|me)|take\s+(?:him|her|them)\s+off\s+(?:the|our|my)\s+(?:list|pipeline))\b|\bpassed(?:\s+on\s+(?:us|it|this|the\s+(?:offer|deal|proposal|demo)))?(?=\s*(?:[—–,.;:!-]|$))/gi,
  ],
  ['customer', /\b(?:signed|bought|purchased|closed(?:[\s-]won)?|won|converted|(?:paying\s+)?customers?|clients?|became\s+a\s+customer)\b/gi],
  ['replied', /\b(?:replied|responded|answered|got\s+back|wrote\s+back|reply|replies)\b/gi],
  ['qualified', /\b(?:qualified|qualify|sql|has\s+(?:the\s+)?budget|good\s+fit)\b/gi],
  [
    'contacted',
    /\b(?:contacted|emailed|e-mailed|called|rang|phoned|pinged|messaged|reached\s+out|sent\s+(?:(?:him|her|them)\s+)?(?:an?\s+|the\s+|my\s+)?(?:e-?mail|message|note)|did\s+send|left\s+a\s+voicemail)\b/gi,
  ],
  ['new', /\b(?:(?:to|as)\s+new|status\s+new|back\s+to\s+new)\b/gi],
];

/** The status a message's news implies, skipping negated words ("hasn't replied" is no reply). */
export function statusFromNews(text: string): LeadStatus | undefined {
  const negated = negatedSpans(text, () => true);
  for (const [status, re] of STATUS_NEWS) {
    for (const m of text.matchAll(re)) {
      // "not a fit" and "not interested" carry their own negation.
      if (status === 'disqualified' || !isNegated(negated, m.index!)) return status;
    }
  }
  return undefined;
}

const NOTE_CUE = /\b(?:remember(?:\s+that)?|note(?:\s+that)?|fyi|keep in mind(?:\s+that)?)\b[:,]?\s*/i;
const INFO =
  /\b(?:wants?|prefers?|asked|asks|needs?|mentioned|told|likes?|interested in|demo|call\s+back|follow\s+up|next\s+(?:week|month|quarter)|budget|meeting|met)\b/i;

/** What to keep as a note: after "remember that …", or the whole message when it carries information. */
// "… disqualify and note the reason", "… log that": the news before the cue is the note.
const NOTE_BACK =
  /[\s,;.—–-]*(?:\b(?:and|&|then|pls|please)\s+)?\b(?:note|log|record|jot(?:\s+down)?|write\s+down|save|remember|keep|add)\s+(?:down\s+)?(?:the\s+reasons?|why|it|that|this)(?:\s+down)?(?:\s+(?:as\s+a\s+note|in\s+the\s+notes?))?[\s.!?]*$/i;
const COMMAND_TAIL =
  /[\s,;.—–-]*(?:\b(?:and|then|so|pls|please)\s+)*(?:(?:mark|set|move|flag)\s+(?:(?:her|him|them|it)\s+)?(?:as\s+)?)?(?:dis)?qualif(?:y|ied)?\s*(?:her|him|them|it)?\s*(?:and|&)?\s*$/i;

export function noteFromNews(text: string): string | undefined {
  const line = text.split('\n')[0]!.trim();
  const back = NOTE_BACK.exec(line);
  if (back && back.index > 8) {
    const news = line.slice(0, back.index).replace(COMMAND_TAIL, '').trim();
    if (news) return news;
  }
  const cue = NOTE_CUE.exec(line);
  if (cue && cue.index <= 2) return line.slice(cue.index + cue[0].length).trim() || undefined;
  return INFO.test(line) ? line : undefined;
}
