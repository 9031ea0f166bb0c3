// Intents that act on one lead: enrich, draft an email, change status or add a note, show details.
// Each parser returns undefined when the words are not that kind of request.
import type { LeadStatus } from '../../leads/filter.ts';
import { cleanLeadPhrase, EMAIL_RE, leadIdentity, UUID_RE, resolveLeadReference, type LeadResolution, type ReferenceContext } from './lead-reference.ts';
import { extractFilters } from './extract-filters.ts';
import { leadInText, noteFromNews, statusFromNews } from './lead-slots.ts';
import type { Intent, ToolCallIntent } from './intent.ts';

const STATUS_WORDS: [RegExp, LeadStatus][] = [
  [/^(?:dis[\s-]?qualified|dq['’]?d|dq|unqualified|not a fit|bad fit|no fit)$/i, 'disqualified'],
  [/^(?:new|uncontacted|not contacted)$/i, 'new'],
  [/^(?:contacted|reached|reached out|called|emailed|in progress|working)$/i, 'contacted'],
  [/^(?:replied|responded|answered)$/i, 'replied'],
  [/^(?:qualified|sql|mql)$/i, 'qualified'],
  [/^(?:customers?|won|closed[\s-]won|clients?|a customer|a client)$/i, 'customer'],
];
const STATUS_ALT =
  "dis[\\s-]?qualified|dq['’]?d|dq|unqualified|not a fit|bad fit|no fit|new|uncontacted|not contacted|contacted|reached out|reached|called|emailed|in progress|working|replied|responded|answered|qualified|sql|mql|customers?|won|closed[\\s-]won|clients?";

function statusOf(word: string): LeadStatus | undefined {
  const w = word.trim().replace(/^(?:an?|the)\s+/i, '');
  for (const [re, status] of STATUS_WORDS) if (re.test(w)) return status;
  return undefined;
}

/** The lead a command's object names; when the object runs on ("Olivia Martin, she's the one at Clinicly"),
 * the lead named anywhere in it. */
function resolveTarget(target: string, ctx: ReferenceContext): LeadResolution {
  const r = resolveLeadReference(target, ctx);
  if (r.kind === 'lead') return r;
  const named = leadInText(target, ctx);
  return named.kind === 'lead' ? named : r;
}

/** Turn a resolution into a call, or into the question to ask when the lead is unclear. */
export function withLead(
  resolution: LeadResolution,
  toolName: ToolCallIntent['toolName'],
  verb: string,
  input: (lead: string) => Record<string, unknown>,
): Intent {
  if (resolution.kind === 'lead') return { kind: 'tool', calls: [{ toolName, input: input(resolution.lead) }] };
  const said = resolution.kind === 'unresolved' && resolution.said !== 'that lead' ? `I can't tell which lead "${resolution.said}" is. ` : '';
  return {
    kind: 'clarify',
    toolName,
    question: `${said}Which lead should I ${verb}? Give me a name or an email, or search first and say "the second one".`,
  };
}

export function parseEnrich(text: string, ctx: ReferenceContext): Intent | undefined {
  // "look up Zahlwerk's company details for Sophie Wagner": the company side of a lead is what enrichment fills in.
  const m =
    /\b(re-?enrich|enrich|refresh|update\s+(?:the\s+)?(?:data|info|details|profile|company data)\s+(?:for|on|of)|(?:look\s+up|find|get|pull(?:\s+up)?|dig\s+up|fetch|grab|research)\s+(?:the\s+)?(?:[\p{L}\p{N}&.'’-]+['’]s\s+)?(?:company|firmographic)\s+(?:details|info|information|data|profile)\s+(?:for|on|of|about))(?![\p{L}\p{N}])\s*([\s\S]*)$/iu.exec(
      text,
    );
  if (!m) return undefined;
  const force = /^re-?enrich|^refresh|^update/i.test(m[1]!) || /\b(?:again|force|anew|fresh|re-?run)\b/i.test(text);
  let target = m[2]!.replace(/\b(?:again|once more|from scratch|with fresh data)\b/gi, '').trim();
  target = target.replace(/^(?:the\s+)?(?:data|info|details|profile)\s+(?:for|on|of)\s+/i, '');
  const input = (lead: string) => (force ? { lead, force: true } : { lead });

  // "enrich them" / "enrich all of them": every lead of the last search (bounded).
  if (
    /^(?:them|all(?: of)?(?: them| these| those)?|these(?: leads)?|those(?: leads)?|the list|all \w+ leads|every one(?: of them)?|each of them)\W*$/i.test(
      target,
    )
  ) {
    const list = ctx.lastList ?? [];
    if (!list.length) return withLead({ kind: 'unresolved', said: target }, 'enrichLead', 'enrich', input);
    return { kind: 'tool', calls: list.slice(0, 10).map((l) => ({ toolName: 'enrichLead', input: input(leadIdentity(l)) })) };
  }
  // "enrich Jane Doe and john@acme.io"
  const parts = target.split(/\s*(?:,|\band\b|&)\s*/i).filter(Boolean);
  if (parts.length > 1) {
    const resolved = parts.map((p) => resolveLeadReference(p, ctx));
    if (resolved.every((r) => r.kind === 'lead')) {
      return {
        kind: 'tool',
        calls: resolved.map((r) => ({ toolName: 'enrichLead', input: input((r as { lead: string }).lead) })),
      };
    }
  }
  return withLead(resolveTarget(target, ctx), 'enrichLead', 'enrich', input);
}

const EMAIL_NOUN =
  '(?:cold\\s+)?(?:e-?mail|message|note|follow[\\s-]?up|intro(?:duction)?|outreach|reply|response|pitch|ping|nudge|check[\\s-]?in|thank[\\s-]you(?:\\s+note)?|breakup email)';

export function parseDraft(text: string, ctx: ReferenceContext): Intent | undefined {
  let descriptor = '';
  let target = '';
  let about = '';
  const aboutRe = /\s+(?:about|regarding|re:?|on the topic of|concerning|to discuss|mentioning)\s+([\s\S]+)$/i;

  const main = new RegExp(
    `\\b(?:draft|write|compose|prepare|create|craft|put together|send)\\s+(?:up\\s+)?(?:me\\s+)?(?:an?\\s+|the\\s+|some\\s+)?([\\w\\s-]*?)\\b(${EMAIL_NOUN})s?(?:\\s+(?:e-?mails?|messages?|notes?))?\\b\\s*(?:(?:to|for)\\s+)?([\\s\\S]*)$`,
    'i',
  ).exec(text);
  const direct = /^(?:e-?mail|follow[\s-]?up with|ping|reach out to|write to)\s+([\s\S]+)$/i.exec(text);
  const writeTo = new RegExp(`\\b(?:draft|write|compose|send)\\s+([\\s\\S]+?)\\s+(?:an?\\s+)?([\\w\\s-]*?)\\b(${EMAIL_NOUN})\\b([\\s\\S]*)$`, 'i').exec(text);
  if (main && main[3]!.trim() && !/^(?:about|regarding)\b/i.test(main[3]!.trim())) {
    descriptor = [main[1]!.trim(), /e-?mail|message|note|reply|response/i.test(main[2]!) && !/cold/i.test(main[2]!) ? '' : main[2]!].filter(Boolean).join(' ');
    target = main[3]!;
  } else if (writeTo && !/^(?:an?|the|some)$/i.test(writeTo[1]!.trim())) {
    target = writeTo[1]!;
    descriptor = [writeTo[2]!.trim(), /e-?mail|message|note/i.test(writeTo[3]!) ? '' : writeTo[3]!].filter(Boolean).join(' ');
    about = aboutRe.exec(writeTo[4]!)?.[1] ?? '';
  } else if (direct) {
    target = direct[1]!;
    if (/^follow/i.test(text)) descriptor = 'follow-up';
  } else if (main) {
    return {
      kind: 'clarify',
      toolName: 'draftEmail',
      question: 'Who should the email go to? Say e.g. "draft an intro email to Jane Doe".',
    };
  } else {
    return undefined;
  }

  const aboutMatch = aboutRe.exec(target);
  if (aboutMatch) {
    about = aboutMatch[1]!;
    target = target.slice(0, aboutMatch.index);
  }
  descriptor = descriptor.replace(/\b(?:quick|short|brief|nice|good|new|an?|the)\b/gi, (w) => (/^(?:an?|the)$/i.test(w) ? '' : w));
  descriptor = descriptor
    .replace(/\s+/g, ' ')
    .replace(/\bfollow[\s-]?up\b/i, 'follow-up')
    .trim();
  about = about.replace(/[?!.]+$/, '').trim();
  const purpose = [descriptor, about ? `about ${about}` : ''].filter(Boolean).join(' ').trim();
  return withLead(resolveTarget(target, ctx), 'draftEmail', 'write to', (lead) => (purpose ? { lead, purpose: purpose.slice(0, 300) } : { lead }));
}

export function parseUpdate(text: string, ctx: ReferenceContext): Intent | undefined {
  const note = parseNote(text, ctx);
  if (note?.kind === 'tool') return note;

  const patterns: RegExp[] = [
    // "mark as contacted": the lead the conversation is about; "Emma Clarke: mark as contacted": the lead named first.
    new RegExp(
      `^(?:([^:;,—–]{3,60}?)\\s*(?::|—|–|\\s-)\\s*)?(?:please\\s+|pls\\s+)?(?:mark|set|flag|move)\\s+(?:it\\s+|her\\s+|him\\s+|them\\s+)?(?:as|to)\\s+(?:an?\\s+)?(${STATUS_ALT})\\b([\\s\\S]*)$`,
      'i',
    ),
    new RegExp(
      `\\b(?:mark|set|change|move|update|flag|put|switch|make|reset|revert|return|bump|downgrade|upgrade)\\s+(?:the\\s+status\\s+of\\s+|the\\s+)?([\\s\\S]+?)(?:['’]s\\s+status)?\\s+(?:as|to|into|in|status\\s+to)\\s+(?:status\\s+)?(?:an?\\s+)?(${STATUS_ALT})\\b([\\s\\S]*)$`,
      'i',
    ),
    new RegExp(`\\b(?:mark|flag)\\s+([\\s\\S]+?)\\s+(${STATUS_ALT})\\b([\\s\\S]*)$`, 'i'),
    new RegExp(`^([\\s\\S]+?)\\s+(?:is\\s+now|is|has\\s+become|became)\\s+(?:an?\\s+)?(${STATUS_ALT})\\b([\\s\\S]*)$`, 'i'),
  ];
  let lead: string | undefined;
  let status: LeadStatus | undefined;
  let rest = '';
  let newsNote: string | undefined;
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const s = statusOf(m[2]!);
    if (!s) continue;
    // "X is qualified" only when X is clearly one lead, not "who is qualified".
    if (re === patterns[3] && !/@|\bthe\s+\w+\s+one\b|#\d/.test(m[1]!) && !/^[A-Z]/.test(m[1]!)) continue;
    lead = m[1] || 'that lead';
    // "Quick one: mark as contacted": words before the colon that name no lead leave it to the conversation.
    if (re === patterns[0] && m[1] && leadInText(m[1], ctx).kind === 'none') lead = 'that lead';
    // "just sent Olivia Martin an intro email, mark her contacted": the pronoun is the lead named before it
    // (news to log as well, "… log that and set him to replied", is read with its note below).
    if (/^(?:her|him|them|it|that\s+one)$/i.test(lead.trim()) && !/\b(?:log|note|record|save|jot)\s+(?:it|that|this)\b/i.test(text)) {
      const before = leadInText(text.slice(0, m.index), ctx);
      if (before.kind === 'lead') lead = before.lead;
    }
    status = s;
    rest = m[3] ?? '';
    break;
  }
  const verb = /^(dis)?qualify\s+([\s\S]+)$/i.exec(text);
  if (!status && verb) {
    lead = verb[2]!;
    status = verb[1] ? 'disqualified' : 'qualified';
  }
  // "reached out to Jonas Richter on linkedin today", "called Jane this morning": what the rep did, as news.
  const did =
    /^(?:i\s+|just\s+|finally\s+)*(?:reached out to|called|emailed|e-mailed|pinged|messaged|rang|phoned|texted|dm['’]?d|spoke (?:to|with)|talked to|met(?: with)?)\s+([\s\S]+?)(?:\s+(?:on|via|over|through|by|at|this|today|yesterday|last)\b[\s\S]*)?$/i.exec(
      text,
    );
  if (!status && did) {
    const named = leadInText(did[1]!, ctx);
    if (named.kind === 'lead') {
      lead = named.lead;
      status = 'contacted';
      // "just called Mia, she wants a demo next week": what they said is the note.
      newsNote = noteFromNews(text);
    }
  }
  // "jane doe went dark, dq her": the verb after the news, the lead named in it or pointed at.
  const late = /[,;.—–-]\s*(?:so\s+|pls\s+|please\s+|just\s+)?(dq|disqualify|(?:dis)?qualify)\s+(?:her|him|them|it|that one)\b/i.exec(text);
  if (!status && late) {
    const named = leadInText(text.slice(0, late.index), ctx);
    lead = named.kind === 'lead' ? named.lead : 'that lead';
    status = /^q/i.test(late[1]!) ? 'qualified' : 'disqualified';
  }
  // "Jane Doe replied", "jane@acme.io got back to me": only for a clearly named lead, not "who replied".
  const news = /^([\s\S]+?)\s+(?:has\s+|just\s+|finally\s+)*(replied|responded|answered|got back to (?:me|us))\b[\s\S]*$/i.exec(text);
  if (
    !status &&
    news &&
    (/@/.test(news[1]!) || /^\p{Lu}\p{L}+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}$/u.test(news[1]!) || /^(?:she|he|they|the\s+\w+\s+one|#\d+)$/i.test(news[1]!))
  ) {
    lead = /^(?:she|he|they)$/i.test(news[1]!) ? 'that lead' : news[1]!;
    status = 'replied';
  }
  // "Heard back from Jonas Richter!!", "finally got a reply from jane": news of a reply, the sender named after it.
  const heard =
    /^(?:i\s+|we\s+|just\s+|finally\s+)*(?:heard\s+back\s+from|got\s+(?:a\s+|an\s+)?(?:reply|response|answer|email\s+back)\s+from)\s+([\s\S]+?)(?:\s*[!?.,;:]|\s+(?:today|yesterday|finally|at\s+last|this)\b|$)/i.exec(
      text,
    );
  if (!status && heard) {
    const named = leadInText(heard[1]!, ctx);
    if (named.kind === 'lead') {
      lead = named.lead;
      status = 'replied';
    }
  }
  if (!status || lead === undefined) return note;
  const stated = /(?:,|\band\b|\bwith\b)?\s*(?:add(?:ing)?\s+)?(?:a\s+|the\s+)?note\s*(?::|saying|that says|that|-)?\s*([\s\S]+)$/i.exec(rest)?.[1]?.trim();
  // A note in quotes is what to write, without them: add a note 'left voicemail 3/14'.
  const trailingNote = stated === undefined ? newsNote : withoutLeadPronoun(unquoted(stated));
  const finalStatus = status;
  return withLead(resolveTarget(lead, ctx), 'updateLead', 'update', (id) =>
    trailingNote ? { lead: id, status: finalStatus, note: trailingNote } : { lead: id, status: finalStatus },
  );
}

function unquoted(note: string): string {
  const m = /^\s*(["'“‘])([\s\S]+)(["'”’])[\s.!]*$/.exec(note);
  return m ? m[2]!.trim() : note;
}

const TRAILING_NOTE_CUE =
  /^([\s\S]{8,}?)[\s,;.—–-]+(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+)?(?:(?:please|pls|and|just)\s+)?(?:note|log|record|save|jot(?:\s+down)?|write\s+down|remember|keep|make\s+a\s+note\s+of|add)\s+(?:it|that|this)(?:\s+down)?(?:\s+(?:on|to|in|for)\s+(?:the|her|his|their|its)\s+(?:lead|record|file|profile|notes?))?[\s.!?]*$/i;

function parseNote(text: string, ctx: ReferenceContext): Intent | undefined {
  const m =
    /\b(?:add|log|put|leave|write|attach|save|jot(?: down)?|record)\s+(?:a\s+|the\s+|this\s+|my\s+)?(?:quick\s+)?note\s+(?:to|on|for|about|against|in)\s+([\s\S]+?)\s*(?::|\bsaying\b|\bthat says\b|\bthat\b|\s-\s|–|—)\s*([\s\S]+)$/i.exec(
      text,
    ) ??
    /\b(?:jot(?:\s+down)?|write\s+down|note\s+down|log|record|put\s+down|add)\s+(?:on|to|in|against)\s+([\s\S]+?)(?:['’]s)?\s+(?:record|file|profile|notes?|lead|card)\s+(?:that|:|-|–|—)\s*([\s\S]+)$/i.exec(
      text,
    ) ??
    /^note\s+(?:for|on|to|about)\s+([\s\S]+?)\s*(?::|\s-\s|–|—)\s*([\s\S]+)$/i.exec(text) ??
    /\b(?:add|log|save)\s+(?:to\s+)?([\s\S]+?)['’]s\s+notes?\s*:\s*([\s\S]+)$/i.exec(text) ??
    // "add note: …" is about the lead the conversation is on.
    /^(?:add|log|leave|save)\s+(?:a\s+)?note()\s*:\s*([\s\S]+)$/i.exec(text);
  // "jonas is on parental leave until march, note that": the news first, the cue at the end.
  const trailing = TRAILING_NOTE_CUE.exec(text);
  if (!m && trailing) {
    const news = trailing[1]!.replace(/^(?:update|re:?)\s+/i, '').trim();
    const named = leadInText(news, ctx);
    const lead: LeadResolution = named.kind === 'none' ? { kind: 'unresolved', said: 'that lead' } : named;
    // The note is the news without the lead's name in front ("Olivia Martin: she moved" → "she moved").
    const note = news.replace(/^[^:]{1,60}:\s*/, '').trim() || news;
    // "Jonas Richter replied, wants a demo — log that": the news carries a status as well.
    const status = statusFromNews(news);
    return withLead(lead, 'updateLead', 'add the note to', (id) => ({ lead: id, ...(status ? { status } : {}), note }));
  }
  if (!m) {
    if (/\b(?:add|log|leave)\s+(?:a\s+)?note\b/i.test(text)) {
      return {
        kind: 'clarify',
        toolName: 'updateLead',
        question: 'Which lead, and what should the note say? E.g. "add a note to Jane Doe: called, wants a demo in March".',
      };
    }
    return undefined;
  }
  // "a note on Emma Clarke that she's on maternity leave": the record is hers, so the note drops the pronoun
  // ("on maternity leave until June", "prefers calls after 3pm").
  const note = withoutLeadPronoun(m[2]!);
  return withLead(resolveTarget(m[1] || 'that lead', ctx), 'updateLead', 'add the note to', (lead) => ({ lead, note }));
}

const SHOW_VERB =
  /^(?:show(?:\s+me)?|pull\s+up|bring\s+up|look\s+up|open(?:\s+up)?|get(?:\s+me)?|display|view|check(?:\s+on)?|see|give\s+me)\s+(?:the\s+)?(?:(?:full\s+)?(?:details|info(?:rmation)?|profile|record|data|lead|card)\s+(?:for|on|of|about)\s+)?([\s\S]+)$/i;
const ABOUT_VERB =
  /^(?:tell\s+me\s+(?:more\s+)?about|more\s+(?:info|information|details)\s+(?:on|about)|(?:full\s+)?details\s+(?:on|for|about|of)|info(?:rmation)?\s+(?:on|about|for)|who(?:['’]s|\s+is)|what\s+do\s+(?:we|you|i)\s+know\s+about|what['’]?s\s+the\s+(?:status|story|deal)\s+(?:of|with)|anything\s+on|dig\s+into|what\s+about)\s+([\s\S]+)$/i;

export function parseShowLead(text: string, ctx: ReferenceContext): Intent | undefined {
  const about = ABOUT_VERB.exec(text);
  // "What's the deal with Sophie Wagner? give me her profile": the lead is named before the question ends.
  const target = (about ?? SHOW_VERB.exec(text))?.[1]?.split(/[?!]+\s+(?=\S)/)[0];
  if (!target) return undefined;
  const r = resolveLeadReference(target, ctx);
  if (r.kind === 'none') return undefined;
  if (r.kind === 'unresolved') {
    // An ordinal or pronoun nobody can resolve: ask rather than search for "the second one".
    const pointer = /(?:^|\s)(?:one|her|him|that|this|#\s?\d+|last|first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))(?=$|\s)/i.test(r.said);
    return pointer && !isSearchy(r.said) ? withLead(r, 'getLead', 'show', () => ({})) : undefined;
  }
  const cleaned = cleanLeadPhrase(target);
  // An email, id, ordinal, pronoun or a name shown earlier points at one lead.
  const byContext = r.lead !== cleaned || EMAIL_RE.test(cleaned) || UUID_RE.test(cleaned);
  const searchWords = Object.keys(extractFilters(cleaned, ctx.knowledge).filter).some((k) => k !== 'query');
  // "show me Jane Doe" is one lead; "show me fintech leads" or "show me Acme Corp" is a search.
  if (byContext || (!searchWords && (isPersonName(cleaned) || (about && !isSearchy(cleaned))))) {
    return { kind: 'tool', calls: [{ toolName: 'getLead', input: { lead: r.lead } }] };
  }
  return undefined;
}

const COMPANY_WORD = /\b(?:inc|corp|corporation|ltd|llc|gmbh|ag|sa|bv|plc|labs|group|technologies|systems|software|co|company|holdings)\.?$/i;

function isPersonName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 4 && !COMPANY_WORD.test(s) && words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w));
}

function isSearchy(s: string): boolean {
  return /\b(?:leads|prospects|contacts|companies|people|accounts|all|my|our|top|best|hot|new|in|at|with)\b/i.test(s);
}

// "note that she wants a demo", "a note on Emma Clarke that she's on maternity leave": the record is the lead's,
// so a note opening with their pronoun drops it ("wants a demo", "on maternity leave until June").
function withoutLeadPronoun(note: string): string {
  const t = note.trim();
  return t.replace(/^(?:she|he|they)(?:['’](?:s|re)|\s+(?:is|are))?\s+(?=\S)/i, '') || t;
}
