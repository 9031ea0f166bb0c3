// The rep's words → what to do. Order matters: the most specific requests are tried first, and a lead
// search is the fallback for anything that names leads or filters.
import type { ReferenceContext } from './lead-reference.ts';
import type { ConversationContext } from './conversation-context.ts';
import type { Intent } from './intent.ts';
import { extractFilters } from './extract-filters.ts';
import { parseDigestSchedule } from './digest-schedule.ts';
import { parseEmailText } from './email-text.ts';
import { parseDraft, parseEnrich, parseShowLead, parseUpdate } from './lead-actions.ts';
import { parsePatternRequest } from './pattern-requests.ts';

const POLITE_PREFIX =
  /^(?:(?:hey|hi|hello|yo|ok(?:ay)?|so|um+|alright|right|great|thanks|thank you)\b[,!.]?\s+(?:there[,!.]?\s+)?(?:salesos[,!.:]?\s*)?|@?salesos[,:!]?\s+|<@[\w.-]+>\s*|please\s+|pls\s+|plz\s+|kindly\s+|(?:could|can|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|kindly\s+|quickly\s+|maybe\s+)?|(?:could|can|may)\s+i\s+(?:please\s+)?(?:get\s+you\s+to\s+)?|i(?:['’]d| would) (?:like|love) (?:you |for you )?to\s+|i\s+(?:want|need|wanna)\s+(?:you\s+)?to\s+|i\s+(?:want|need)\s+(?=to\s+see|\d|a\s+list)|let['’]?s\s+|go ahead and\s+|help me\s+(?=\w)|try to\s+|quickly\s+|just\s+|now\s+|then\s+|and\s+)/i;
const POLITE_SUFFIX = /(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx|for me|if you can|if possible|when you can|real quick|asap|now))+[\s?!.]*$|[\s?!.]+$/i;

function stripPrefix(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 6; i++) {
    const next = t.replace(POLITE_PREFIX, '');
    if (next === t) break;
    t = next;
  }
  return t;
}

/** The request without greetings, "could you please", trailing "thanks" and punctuation. */
export function normaliseRequest(text: string): string {
  const t = stripPrefix(text);
  const firstLineEnd = t.indexOf('\n');
  if (firstLineEnd === -1) return t.replace(POLITE_SUFFIX, '').trim();
  return t;
}

const HELP =
  /^(?:help|\?+|what can (?:you|i) (?:do|ask)(?: here)?|what else can you do|how (?:does (?:this|it|salesos) work|do i use (?:this|you|salesos|it)|can you help(?: me)?)|commands|menu|examples?|what are (?:the|your) commands|who are you|what are you|what is (?:this|salesos)|what do you do|help me|options|usage examples|get started|getting started|how to start)\b/i;
const GREETING =
  /^(?:hi|hello|hey|yo|hiya|howdy|good (?:morning|afternoon|evening|day)|greetings|sup|what['’]?s up|hola|heya)(?:\s+(?:there|salesos|team|all|everyone))?[\s!.,?]*$/i;
const THANKS =
  /^(?:thanks?(?: you)?(?: so much| a lot)?|thx|ty|cheers|great|awesome|perfect|nice|cool|ok(?:ay)?|got it|sounds good|that['’]?s (?:great|perfect|all)|amazing|brilliant|super)[\s!.,]*$/i;

export function parseIntent(
  rawText: string,
  ctx: ReferenceContext & Partial<Pick<ConversationContext, 'lastSearch'>>,
): Intent {
  const raw = rawText.trim();
  if (!raw) return { kind: 'help' };
  if (GREETING.test(raw)) return { kind: 'greeting' };
  if (THANKS.test(raw)) return { kind: 'thanks' };
  const text = normaliseRequest(raw);
  if (!text) return { kind: 'greeting' };
  if (THANKS.test(text)) return { kind: 'thanks' };
  if (HELP.test(text) && !/\b(?:find|lead|leads|enrich|draft|roast|budget|digest)\b/i.test(text)) return { kind: 'help' };

  // The email to roast keeps its own punctuation; only the polite opening goes.
  const roast = parseRoast(stripPrefix(raw));
  if (roast) return roast;

  const firstLine = text.split('\n')[0]!;
  if (/\bdigests?\b|\b(?:daily|weekly|morning)\s+(?:summary|summaries|report|recap|briefing|update email)\b/i.test(firstLine)) {
    const schedule = parseDigestSchedule(firstLine);
    if (Object.keys(schedule).length) return { kind: 'tool', calls: [{ toolName: 'setDigestSchedule', input: { ...schedule } }] };
    return {
      kind: 'clarify',
      toolName: 'setDigestSchedule',
      question:
        'When should your digest go out? E.g. "send my digest Mondays at 9", "daily digest at 8:30am", or "pause my digest".',
    };
  }
  if (isUsageQuestion(firstLine)) return { kind: 'tool', calls: [{ toolName: 'myUsage', input: {} }] };

  if (/^(?:show\s+(?:me\s+)?)?(?:more|next(?:\s+page)?|the next (?:page|ones?|batch)|more (?:leads|results|of (?:those|them))|keep going|load more|next \d+)$/i.test(firstLine)) {
    const last = ctx.lastSearch;
    if (last?.nextCursor) return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { ...last.input, cursor: last.nextCursor } }] };
    if (last) return { kind: 'clarify', toolName: 'findLeads', question: 'That was everything the last search found. Try a broader search.' };
  }

  for (const parse of [parseUpdate, parseDraft, parseEnrich, parseShowLead, parsePatternRequest]) {
    const intent = parse(text, ctx);
    if (intent) return intent;
  }

  const { filter } = extractFilters(firstLine);
  const filterKeys = Object.keys(filter);
  const asksForLeads =
    /\b(?:find|search|list|show|get|give|pull|fetch|display|look(?:ing)? for|leads?|prospects?|contacts?|people|companies|accounts|pipeline|any(?:one)?|are there|who(?:['’]s|\s+(?:are|is|has|have|should|replied|responded|works?|uses?))|which)\b/i;
  // A bare capitalised word ("Mars") is not enough to search; the rep must be asking for leads.
  if (filterKeys.some((k) => k !== 'query') || (filterKeys.length && asksForLeads.test(firstLine)) || /\b(?:leads?|prospects?|contacts?|pipeline)\b/i.test(firstLine)) {
    return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { ...filter } }] };
  }
  if (/^(?:find|search|list|show|get|pull up|fetch|display)\b/i.test(firstLine) && filterKeys.length) {
    return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { ...filter } }] };
  }
  return { kind: 'unknown' };
}

function isUsageQuestion(text: string): boolean {
  if (/\b(?:budget|spent|spending|spend|usage|quota|allowance|credits?|costs?|bill|billing)\b/i.test(text)) {
    // "leads with a big marketing budget" is a search, not a question about mine.
    return !/\b(?:leads?|prospects?|companies)\b/i.test(text) || /\b(?:my|i|me)\b/i.test(text);
  }
  return /\bhow much (?:have i|did i|i['’]?ve|i have)\s+(?:used|spent)\b|\bhow much (?:is )?left\b|\bam i over\b/i.test(text);
}

function parseRoast(text: string): Intent | undefined {
  const trigger =
    /\b(?:roast|critique|review|tear apart|grade|rate|score|give me (?:some )?feedback on|feedback on|check|improve|rip apart|what do you think of)\s+(?:this|my|the following|the|a|these)?\s*(?:cold\s+|sales\s+|outreach\s+|draft\s+|prospecting\s+)?(?:e-?mail|draft|message|pitch|copy|outreach)(?:\s+(?:draft|copy))?\b(?:\s+(?:for me|please))?|^roast\b(?:\s+(?:this|that|it|me))?/i.exec(
      text,
    );
  if (!trigger) return undefined;
  const email = parseEmailText(text.slice(trigger.index + trigger[0].length));
  if (!email.body) {
    return {
      kind: 'clarify',
      toolName: 'roastEmail',
      question: 'Paste the email right after "roast this email:" (a first line "Subject: …" becomes the subject).',
    };
  }
  return { kind: 'tool', calls: [{ toolName: 'roastEmail', input: { ...email } }] };
}
