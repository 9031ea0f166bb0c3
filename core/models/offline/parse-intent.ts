// The rep's words → what to do. Greetings, help, explicit commands ("roast this", "mark X as Y") and
// pasted emails are recognised directly; everything else is corrected for typos, its entities replaced by
// placeholders, and classified (intent-classifier.ts); the likeliest intents then try to fill their
// slots, and the first that can wins. Only a sales intent reaches a tool.
import type { ConversationContext, LeadRef } from './conversation-context.ts';
import { abstractForClassifier } from './abstract-entities.ts';
import { parseDigestSchedule } from './digest-schedule.ts';
import { parseEmailText } from './email-text.ts';
import { extractFilters } from './extract-filters.ts';
import type { Intent } from './intent.ts';
import { classifyIntent, unfamiliar } from './intent-classifier.ts';
import type { IntentClass } from './intent-corpus.ts';
import { knowledgeOf, type Knowledge } from './knowledge.ts';
import { parseDraft, parseEnrich, parseShowLead, parseUpdate, withLead } from './lead-actions.ts';
import { findLeadMentions } from './lead-mentions.ts';
import type { ReferenceContext } from './lead-reference.ts';
import { leadInText, noteFromNews, statusFromNews } from './lead-slots.ts';
import { parseOffer } from './offer-text.ts';
import { parsePatternRequest } from './pattern-requests.ts';
import { expandShorthand } from './shorthand.ts';
import { correctSpelling } from './spelling.ts';
import { asksAboutTheWorld } from './outside-questions.ts';
import { inSalesScope, readScope, type ScopeReading, usageOfSomethingElse } from './sales-scope.ts';

const POLITE_PREFIX =
  /^(?:(?:hey|hi|hello|yo|ok(?:ay)?|so|um+|alright|right|great|thanks|thank you)\b[,!.]?\s+(?:there[,!.]?\s+)?(?:salesos[,!.:]?\s*)?|@?salesos[,:!]?\s+|<@[\w.-]+>\s*|please\s+|pls\s+|plz\s+|kindly\s+|(?:could|can|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|kindly\s+|quickly\s+|maybe\s+)?|(?:could|can|may)\s+i\s+(?:please\s+)?(?:get\s+you\s+to\s+)?|i(?:['’]d| would) (?:like|love) (?:you |for you )?to\s+|i\s+(?:want|need|wanna)\s+(?:you\s+)?to\s+|i\s+(?:want|need)\s+(?=to\s+see|\d|a\s+list)|let['’]?s\s+|go ahead and\s+|(?:heads[\s-]up|fyi|btw|quick update|update)[,:!—–-]+\s*|help me\s+(?=\w)|try to\s+|quickly\s+|just\s+|now\s+|then\s+|and\s+)/i;
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
  /^(?:thanks?(?: you)?(?: so much| a lot)?|(?:muchas )?gracias|merci(?: beaucoup)?|danke(?: schön| schoen)?|obrigad[oa]|grazie(?: mille)?|thx|ty|cheers|great|awesome|perfect|nice|cool|ok(?:ay)?|got it|sounds good|that['’]?s (?:great|perfect|all)|amazing|brilliant|super)[\s!.,]*$/i;

export type ParseContext = ReferenceContext & Partial<Pick<ConversationContext, 'lastSearch'>> & { knowledge?: Knowledge };

/** Intents below this probability are not tried. */
const MIN_PROBABILITY = 0.05;

export function parseIntent(rawText: string, ctx: ParseContext): Intent {
  const raw = rawText.trim();
  if (!raw) return { kind: 'help' };
  if (GREETING.test(raw)) return { kind: 'greeting' };
  if (THANKS.test(raw)) return { kind: 'thanks' };
  const text = normaliseRequest(raw);
  if (!text) return { kind: 'greeting' };
  if (THANKS.test(text)) return { kind: 'thanks' };
  if (HELP.test(text) && !/\b(?:find|lead|leads|enrich|draft|roast|budget|digest)\b/i.test(text)) return { kind: 'help' };

  // The email to roast keeps its own punctuation; only the polite opening goes.
  const roast = parseRoast(stripPrefix(raw)) ?? pastedEmail(raw) ?? inlineEmail(raw);
  if (roast) return roast;

  // The offer text keeps its own punctuation (proof points carry numbers and commas).
  const offer = parseOffer(stripPrefix(raw));
  if (offer) return offer;
  // Questions about outcomes (patterns, lookalikes, rescoring) are recognised by their own phrasings.
  const patterns = parsePatternRequest(normaliseRequest(raw));
  if (patterns) return patterns;

  // Actions no tool performs ("phone Jane Doe", "remind me to call Daniel at 4", "send a LinkedIn connection
  // request to …", "delete every lead"): a lead named in them is no request to open or write to it.
  if (OUTSIDE_ACTION.test(text)) return { kind: 'out_of_scope' };

  const knowledge = ctx.knowledge ?? knowledgeOf(undefined);
  const corrected = correctSpelling(expandShorthand(text), knowledge);
  const firstLine = corrected.split('\n')[0]!;
  if (/\bdigests?\b|\b(?:daily|weekly|morning)\s+(?:summary|summaries|report|recap|briefing|update email)\b/i.test(firstLine)) {
    return digestIntent(firstLine);
  }
  if (
    /^(?:show\s+(?:me\s+)?)?(?:more|next(?:\s+page)?|the next (?:page|ones?|batch)|more (?:leads|results|of (?:those|them))|keep going|load more|next \d+)$/i.test(
      firstLine,
    )
  ) {
    const last = ctx.lastSearch;
    if (last?.nextCursor) return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { ...last.input, cursor: last.nextCursor } }] };
    if (last) return { kind: 'clarify', toolName: 'findLeads', question: 'That was everything the last search found. Try a broader search.' };
  }

  const refined = ctx.lastSearch ? refineLastSearch(firstLine, ctx.lastSearch.input, knowledge) : undefined;
  if (refined) return refined;

  // "anyone called Becker?", "find a lead named Jane": a search by name; "called" names, it is no news of a call.
  const named = NAMED_SEARCH.exec(firstLine);
  if (named) return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { query: named[1]!.trim() } }] };

  const known: LeadRef[] = [...(ctx.lastList ?? []), ...(ctx.focusLead ? [ctx.focusLead] : [])];
  const mentions = ctx.knowledge ? findLeadMentions(firstLine, knowledge, known) : [];
  const abstracted = abstractForClassifier(firstLine, knowledge, mentions);
  // The rep's own words first (a note keeps its spelling); the corrected ones when those say nothing.
  const asWritten = explicitCommand(text, ctx);
  const explicit = asWritten?.kind === 'tool' || corrected === text ? asWritten : (explicitCommand(corrected, ctx) ?? asWritten);
  // Words of a world the sales grammar does not speak of ("how far is xplace from xplace", "who founded
  // xtech"), with no lead named: whatever values it names, it is no search for leads.
  const read = extractFilters(firstLine, knowledge);
  // "Hi, sorry for the late msg, it's been a long day. Could you dig up directors in Paris?": small talk, then
  // the request in a sentence of its own. That sentence is what is classified and read for scope; values
  // still come from the whole line ("maybe 'head of revenue'? find those in SaaS").
  // Only when the whole line reads as out of scope: "do we have anyone at brightwave already? search for it"
  // asks in its first sentence.
  const whole = readScope(abstracted, knowledge, read.consumed);
  const ask = inSalesScope(whole) ? undefined : requestSentence(firstLine);
  const asked = ask === undefined ? abstracted : abstractForClassifier(ask, knowledge, ctx.knowledge ? findLeadMentions(ask, knowledge, known) : []);
  const scope = ask === undefined ? whole : readScope(asked, knowledge, read.consumed);
  if (unfamiliar(asked)) {
    const searchable = inSalesScope(scope);
    return explicit ?? (searchable ? findIntent(firstLine, knowledge) : undefined) ?? { kind: searchable ? 'unknown' : 'out_of_scope' };
  }
  const ranking = classifyIntent(asked);
  const top = ranking[0]!;
  // A request (not a question) the classifier is sure asks for leads keeps a word or two of its own
  // ("I'd love a shortlist of edtech startups in Sweden").
  // "why do so many xindustry use xtech?": asking the reason for how the world is, not for leads.
  // "the CTO I met at the meetup was so rude": an anecdote about someone met, asking for nothing.
  // "I met Jane Doe at SaaStr last year, she was lovely": an impression of a lead, no news to log.
  const impression = ANECDOTE.test(firstLine) && IMPRESSION.test(firstLine) && !SALES_NEWS.test(firstLine) && !ASKS_FOR_SOMETHING.test(firstLine);
  const anecdote =
    (!scope.anchored && !scope.question && ANECDOTE.test(firstLine) && !ASKS_FOR_SOMETHING.test(firstLine)) ||
    impression ||
    isRemark(firstLine, abstracted, scope) ||
    mainClauseElsewhere(firstLine, knowledge);
  const searchable =
    !anecdote &&
    !(WHY.test(firstLine) && !scope.anchored) &&
    (inSalesScope(scope) || (!scope.question && top.intent === 'find' && top.probability >= 0.99 && scope.foreign.length <= 2));
  if (impression) return { kind: 'out_of_scope' };
  if (explicit?.kind === 'tool' && top.intent !== 'other') return explicit;
  // A remark or an anecdote asks for nothing: no tool, and no question back about an email to roast.
  if (anecdote) return explicit ?? { kind: 'out_of_scope' };
  if (top.probability >= 0.5) {
    if (top.intent === 'other') return { kind: 'out_of_scope' };
    // Small talk around a request that names lead filters ("except for lunch I'm free, so let's go through
    // fintech leads on AWS") is not the message's point: the sales intents below are tried first.
    const namesFilters = scope.anchored && Object.keys(read.filter).some((key) => key !== 'query');
    if ((top.intent === 'greeting' || top.intent === 'thanks' || top.intent === 'help') && !namesFilters) return { kind: top.intent };
  }
  if (isOutsideQuestion(firstLine, abstracted, knowledge, namesValues(read.filter)) && !explicit) return { kind: 'out_of_scope' };
  for (const { intent, probability } of ranking.slice(0, 4)) {
    if (probability < MIN_PROBABILITY) break;
    if (['other', 'greeting', 'thanks', 'help'].includes(intent)) continue;
    if (!searchable && (intent === 'find' || (intent === 'get' && !explicit))) continue;
    const filled = fill(intent, { text, corrected, firstLine, ctx, knowledge, abstracted, scope });
    if (filled) return filled;
  }
  // A message that reads most like chit-chat or an outside question searches only when it asks for leads
  // in so many words ("translate … into German" is not a search for Germany).
  const chitChat =
    ['other', 'greeting', 'thanks', 'help'].includes(top.intent) || isOutsideQuestion(firstLine, abstracted, knowledge, namesValues(read.filter));
  if (chitChat && !/\b(?:leads?|prospects?|contacts?|pipeline|accounts)\b/i.test(firstLine)) return explicit ?? { kind: 'out_of_scope' };
  if (!searchable) return explicit ?? { kind: 'out_of_scope' };
  return explicit ?? findIntent(firstLine, knowledge) ?? (top.intent === 'other' ? { kind: 'out_of_scope' } : { kind: 'unknown' });
}

// An imperative whose verb is an action outside SalesOS's tools: calling, texting, reminders, calendar
// invites, social-network requests, deleting, sending an email already written ("send that email to Lukas"). "call notes for Jane", "call with Jane went well" are news.
const ANECDOTE =
  /\b(?:i|we)\s+(?:met|saw|spoke\s+(?:to|with)|talked\s+(?:to|with)|chatted\s+with|ran\s+into|bumped\s+into|had\s+(?:lunch|coffee|dinner|drinks)\s+with)\b/i;
const IMPRESSION =
  /\b(?:she|he|they|it|that)(?:['’]s|\s+(?:was|is|were|are|seemed|seems|looked|looks))\s+(?:(?:so|really|very|super|such|quite|pretty|incredibly|just)\s+)*(?:a\s+|an\s+)?(?:lovely|nice|great|sweet|kind|friendly|funny|charming|smart|brilliant|rude|arrogant|cool|awesome|pleasant|delightful|fun|interesting|delight|character|hilarious|impressive|intense|chatty|quiet|sharp|warm|cold|weird|odd|nervous|tired|polite|boring|legend|gem|star|sweetheart)\b/i;
// What a lead said or did that a rep logs: an impression alongside it is still news.
const SALES_NEWS =
  /\b(?:demo|pricing|price|quote|contract|signed|interested|budget|repl(?:y|ied)|wrote|call\s+back|follow(?:[\s-]?up)?|meeting|proposal|trial|bought|deal|wants?|asked|needs?|intro|decision)\b/i;
const ASKS_FOR_SOMETHING =
  /\b(?:show|find|list|get|give|gimme|pull|search|look|fetch|enrich|draft|write|mark|note|log|any(?:one|body)?|who|which|are\s+there|similar|like\s+(?:him|her|them|that))\b|\?/i;
// "I just landed a huge customer, so happy!", "these fintech prospects are exhausting honestly", "my team lead
// is out sick today": a statement by the rep about their day or their leads, with a verb and a word of its
// own, that asks for nothing and names no lead (news about a lead is an update). One clause only: "I'm not
// a fan of cold lists but ok — VPs in banking" goes on to ask.
const REMARK_SUBJECT =
  /^(?:(?:so|well|honestly|ugh|man|omg|wow|yay|lol|phew|finally|oh|ah)[,!.]*\s+)*(?:i|we|i['’](?:ve|m|d)|we['’](?:ve|re|d)|my|our|the|these|those|they|they['’]re|today|today['’]s)\b/i;
const REMARK_VERB =
  /\b(?:is|are|was|were|am|been|being|feel|feels|felt|seem|seems|keep|keeps|kept|\p{L}+ed|closed|won|lost|got|had|made|hit|did)\b|['’](?:re|m|s|ve)\b/iu;
const REMARK_PAST =
  /^(?:(?:so|well|honestly|ugh|man|omg|wow|yay|lol|phew|finally|oh|ah)[,!.]*\s+)*(?:(?:i|we)\s+(?:(?:just|finally|already|really|totally)\s+)?(?:had|was|were|got|made|did|won|lost|closed|landed|booked|\p{L}+ed)|(?:i['’]m|i\s+am|we['’]re|we\s+are)\s+(?:(?:just|finally|really|so)\s+)?\p{L}+ing)\b/iu;
const WANTS =
  /\b(?:need|needs|want|wants|wanna|would\s+like|['’]d\s+(?:like|love)|looking|look|interested|after|care|focus(?:ing)?|target(?:ing)?|prospecting|prospect\s+(?:in|for|into)|search(?:ing)?|hunting|hoping|curious|prefer|keen|see|check|pull|find|list|trying|working\s+on|going\s+after|chasing|should|must|has\s+to|have\s+to|needs\s+to|asked\s+for|asking\s+for|requested|wanted)\b/i;

// "need coffee before I look at any more leads": the leads are in a clause about when; the main clause asks
// for something else (a word of its own, no lead, no value, no request).
const SUBORDINATE = /^(.+?)\s+(?:before|after|until|till|once|while|because|since)\s+(?:i|we|you)\b/i;

function mainClauseElsewhere(line: string, knowledge: Knowledge): boolean {
  const main = SUBORDINATE.exec(line)?.[1];
  if (!main || ASKS_FOR_SOMETHING.test(main) || /\b(?:leads?|prospects?|contacts?|pipeline|accounts?)\b/i.test(main)) return false;
  const abstracted = abstractForClassifier(main, knowledge, findLeadMentions(main, knowledge, []));
  if (/\bx(?:person|company|place|industry|tech|title|status|ordinal)\b/.test(abstracted)) return false;
  return readScope(abstracted, knowledge).foreign.length > 0;
}

// "The new guy leads the Berlin team": "leads" as the verb of a statement about someone.
const LEADS_AS_VERB = /\bleads\s+(?:the|a|an|our|his|her|their|its|my)\b/i;

// "I hate chasing leads on a Friday", "lead gen is exhausting lol", "I love working with healthcare clients": how
// the rep feels about an activity of the job, not a request (even when it names leads or a value).
const FEELING =
  /^(?:(?:so|well|honestly|ugh|man|omg|wow|lol|phew|oh|ah)[,!.]*\s+)*(?:(?:i|we)\s+(?:(?:really|just|so|kinda|absolutely|totally|honestly)\s+)?(?:hate|dread|loathe|detest|love|enjoy|can['’]?t\s+stand)\s+(?:(?:cold|warm)[\s-])?\p{L}+ing\b|(?:i|we)(?:['’]m|['’]re|\s+am|\s+are)\s+(?:so\s+|really\s+)?(?:tired|sick|bored)\s+of\s+\p{L}+ing\b|(?:lead\s+gen(?:eration)?|prospecting|cold[\s-](?:calling|emailing|outreach)|outreach|chasing\s+leads)\s+(?:is|are|gets|feels)\s+(?:so\s+|really\s+|kinda\s+|such\s+a\s+)?(?:exhausting|tiring|draining|boring|hard|brutal|painful|fun|grind|slog|nightmare|pain|annoying|tough)\b)/iu;

const PERSONAL_SUBJECT =
  /^(?:(?:so|well|honestly|lol|btw|fun fact|random)[,!.:]*\s+)*(?:my|our)\s+(?:best\s+|old\s+|little\s+|big\s+)?(?:friends?|wife|husband|partner|brother|sister|mom|mum|dad|mother|father|cousin|uncle|aunt|neighbou?rs?|roommate|flatmate|son|daughter|kids?|boyfriend|girlfriend|buddy|pal|family|parents|dog|cat)(?=\s+\p{L})/iu;

function isRemark(line: string, abstracted: string, scope: ScopeReading): boolean {
  if (
    FEELING.test(line) &&
    !scope.question &&
    !/\b(?:show|find|list|give|gimme|pull|search|fetch|enrich|draft|write|mark|note|log)\b|\?|\s[—–-]\s*\S|[:;]\s+\S|[.!?]\s+\S/i.test(line) &&
    !/\b(?:xperson|xcompany|xordinal|xemail)\b/.test(abstracted)
  ) {
    return true;
  }
  // "my friend works at a fintech in Berlin and loves it": news of someone in the rep's life, asking for nothing.
  if (
    PERSONAL_SUBJECT.test(line) &&
    !scope.question &&
    !ASKS_FOR_SOMETHING.test(line) &&
    !WANTS.test(line) &&
    !/\b(?:xperson|xcompany|xordinal|xemail)\b/.test(abstracted)
  ) {
    return true;
  }
  const leadsAsVerb = LEADS_AS_VERB.test(line) && !scope.anchored;
  if (scope.question || !REMARK_SUBJECT.test(line) || !(REMARK_VERB.test(line) || leadsAsVerb)) return false;
  // A word of its own, or something the rep did ("I had a great call with a prospect today").
  if (!scope.foreign.length && !REMARK_PAST.test(line) && !leadsAsVerb) return false;
  // One clause: "I never remember the syntax haha. VPs at healthcare cos" goes on to ask, and so does "we never had
  // much luck in France, so healthcare leads in Spain please".
  if (ASKS_FOR_SOMETHING.test(line) || WANTS.test(line) || /\s[—–-]\s*\S|[:;]\s+\S|[.!?]\s+\S/.test(line)) return false;
  if (/,\s*(?:so|but|and|anyway|now)?\b[^,]*\b(?:leads?|prospects?|contacts?|accounts)\b/i.test(line)) return false;
  return !/\b(?:xperson|xcompany|xordinal|xemail|him|her|them|it)\b/.test(abstracted);
}

const REQUEST_START =
  /^(?:find|show|list|get|give|gimme|pull|dig\s+up|fetch|grab|search|look\s+(?:up|for)|bring\s+up|enrich|draft|write|mark|update|roast|who|which|any)\b/i;

const VERIFYING_QUESTION =
  /(?:\b(?:is|was|isn['’]?t|wasn['’]?t)\s+(?:that|this|it)\s+(?:really\s+)?(?:true|right|correct|accurate|a\s+fact|so|legit|real)|\b(?:is\s+it\s+true|can\s+(?:that|this|it)\s+be\s+(?:true|right)|true\s+or\s+(?:false|not)|fact[\s-]check|am\s+i\s+right)\b)[?!.\s]*$/i;

// A clause after a comma, colon or dash that opens with a want ("I need", "let's try", "we want") or a request verb.
const WANTS_CLAUSE =
  /(?:[,;:]|\s[—–-])\s+(?:(?:so|but|and|then|anyway|ok(?:ay)?|now)[,]?\s+)*(?:(i\s+(?:really\s+|just\s+|urgently\s+)?(?:need|want)|we\s+(?:really\s+|just\s+)?(?:need|want)|i['’]d\s+(?:like|love)|let['’]?s\s+(?:try|do|go\s+(?:for|with)|look\s+(?:at|for))|try)\b|(?=(?:can|could|would)\s+(?:you|u)\s+))/gi;
const HEDGE =
  /^(?:(?:hmm+|um+|uh+|so|ok)[,.]?\s+)?(?:(?:i['’]m\s+)?not\s+(?:sure|certain)|no\s+(?:idea|clue)|unsure|i\s+(?:don['’]?t|do\s+not)\s+know|(?:i\s+)?can['’]?t\s+remember|i\s+forget)\b[^,;:–—]*[,;:–—]\s*(?:but\s+)?/i;
const WHO_TO_MEET =
  /[,;:–—-]\s*((?:so\s+|and\s+)?who\s+(?:should|could|can|do|shall)\s+(?:i|we)\s+(?:meet|see|visit|contact|call|email|reach\s+out\s+to|talk\s+to|target|prioriti[sz]e)\b[^,;]*)$/i;

/** A later sentence of the line that is a request, when the line opens with something else. */
function requestSentence(line: string): string | undefined {
  const sentences = line.split(/(?<=[.!?])\s+(?=\S)/);
  if (REQUEST_START.test(stripPrefix(sentences[0]!))) return undefined;
  for (const sentence of sentences.slice(1)) {
    const request = stripPrefix(sentence);
    if (REQUEST_START.test(request)) return request;
  }
  // "I can't stress this enough, I need ecommerce directors in NYC", "the clinics campaign didn't work out, so
  // let's try insurance: heads of claims in the US": a preamble, then a clause that asks for something.
  for (const clause of line.matchAll(WANTS_CLAUSE)) {
    const rest = line.slice(clause.index + clause[0].length).trim();
    if (rest && REQUEST_START.test(stripPrefix(rest))) return stripPrefix(rest);
    if (rest && clause[1]) return rest;
  }
  // "I'm prepping for a trip to Munich, who should I meet there?": a question for leads after a comma.
  const who = WHO_TO_MEET.exec(line)?.[1];
  if (who) return who;
  // "hmm not certain about the exact title, something like head of operations, in logistics": a hedge, then
  // what is asked for.
  const hedge = HEDGE.exec(line);
  return hedge ? line.slice(hedge[0].length).trim() || undefined : undefined;
}

const WHY = /^(?:(?:so|and|but|hmm|ok|okay)[,:]?\s+)?why\b/i;

const OUTSIDE_ACTION =
  /^(?:(?:phone|call|ring|dial|text|sms|whatsapp|facetime)\s+(?!(?:with|went|was|is|notes?|log|logged|about|recap|summary|from|of|today|yesterday|went|done|over)\b)|remind\s+me\b|send\s+(?:(?:that|this|it|these|those)(?:\s+(?:e-?mails?|messages?|drafts?|notes?|ones?))?|(?:the|my|your)\s+drafts?)(?=\s+(?:out|off|over|to|now|right|already|for\s+me)\b|\s*[?!.]*$)|set\s+(?:up\s+)?(?:a|an|my)\s+(?:reminder|alarm|timer)\b|send\s+(?:[\p{L}'’]+\s+){0,3}?(?:linkedin|connection|inmail|text|sms|whatsapp|calendar|invite|invitation|gift|flowers)\b|connect\s+(?:with|to)\b.*\blinkedin\b|(?:schedule|book|arrange|organi[sz]e|set\s+up)\s+(?:a|an|the|my)?\s*(?:(?:weekly|daily|monthly|quick|short|recurring|regular|\d+[\s-]?min(?:ute)?s?)\s+)?(?:zoom|teams|google\s+meet|meet|meeting|call|lunch|coffee|dinner|appointment|slot|calendar\s+(?:invite|slot)|1:1|one[\s-]on[\s-]one|sync|catch[\s-]?up|stand[\s-]?up|check[\s-]?in|session)(?![\p{L}\d])|(?:delete|erase|wipe|purge|destroy)\b|(?:merge|de-?dupe|de-?duplicate|combine)\s|(?:share|forward)\s+(?:(?!with\s+me\b|to\s+me\b)[\p{L}'’]+\s+){0,4}?(?:with|to)\s+(?!me\b|us\b)|(?:print|download|upload|tweet)\b|post\s+(?:[\p{L}'’]+\s+){0,5}?(?:on|to)\s+(?:linkedin|twitter|x|slack|facebook|instagram|reddit)\b|(?:buy|purchase)\s|(?:rename|re-?assign|assign|transfer|hand\s+(?:over|off))\s|(?:add|put)\s+.+?\s+(?:to|in|on|into)\s+(?:my|the|our)\s+(?:calendar|agenda|diary|schedule)\b|(?:create|add|make)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:lead|contact|prospect|account|record)\b(?!\s+(?:notes?|owners?|status))|(?:turn|convert|make|create|build|draw|generate|put|export)\b.*\b(?:charts?|graphs?|plots?|dashboards?|slides?|decks?|presentations?|spreadsheets?|excel|csv|pdf|powerpoint)\b)/iu;

const NAMED_SEARCH =
  /\b(?:some(?:one|body)|any(?:one|body)|(?:a|any|the)\s+(?:lead|prospect|contact|person|guy|woman|man|company|account)|leads|prospects|contacts|people|companies|accounts)\s+(?:called|named)\s+((?:\p{Lu}[\p{L}'’-]*|\p{Ll}[\p{L}'’-]*)(?:\s+\p{Lu}[\p{L}'’-]*)?)\s*[?!.]*$/u;

/** Requests spelled out with their command verb: "mark X as Y", "draft an email to X", "enrich X". */
function explicitCommand(text: string, ctx: ParseContext): Intent | undefined {
  for (const parse of [parseUpdate, parseDraft, parseEnrich]) {
    const intent = parse(text, ctx);
    if (intent) return intent;
  }
  return undefined;
}

interface Slots {
  /** As written (notes keep the rep's spelling). */
  text: string;
  corrected: string;
  firstLine: string;
  ctx: ParseContext;
  knowledge: Knowledge;
  abstracted: string;
  scope: ScopeReading;
}

function fill(intent: IntentClass, s: Slots): Intent | undefined {
  const { corrected, firstLine, ctx } = s;
  switch (intent) {
    case 'find':
      return findIntent(firstLine, s.knowledge);
    case 'get': {
      // "who do we have at Medivera?" asks for the people there, not for one lead's card.
      const atCompany = /\b(?:who|anyone|anybody|people|contacts?)\b[^?]*\b(?:at|from|over at|in)\s+([\p{L}\p{N}&.' -]+?)\s*[?!.]*$/iu.exec(firstLine);
      const company = atCompany ? s.knowledge.company(atCompany[1]!.trim()) : undefined;
      if (company) return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { query: company } }] };
      const shown = parseShowLead(corrected, ctx);
      if (shown) return shown;
      // "the last one told me no thanks": news implying a status, asking nothing, is an update of that lead.
      if (statusFromNews(firstLine) && !ASKS_ABOUT_LEAD.test(firstLine)) {
        const update = fill('update', s);
        if (update) return update;
      }
      const r = leadInText(firstLine, ctx);
      return r.kind === 'none' ? undefined : withLead(r, 'getLead', 'show', (lead) => ({ lead }));
    }
    case 'enrich': {
      const r = leadInText(firstLine, ctx);
      if (r.kind === 'none') return undefined;
      const force = /\b(?:again|redo|re-?do|re-?run|refresh|stale|force|fresh|anew|re-?enrich|outdated|old)\b/i.test(firstLine);
      return withLead(r, 'enrichLead', 'enrich', (lead) => (force ? { lead, force: true } : { lead }));
    }
    case 'draft': {
      // News ("Lukas answered my LinkedIn message") is no request to write: a draft names its act.
      if (!DRAFT_ACT.test(firstLine)) return undefined;
      const r = leadInText(firstLine, ctx);
      return r.kind === 'none' ? undefined : withLead(r, 'draftEmail', 'write to', (lead) => ({ lead }));
    }
    case 'update': {
      const r = leadInText(firstLine, ctx);
      if (r.kind === 'none') return undefined;
      // "my colleague says Jane Doe is a placeholder name, is that true?": a claim put to us to check is a question,
      // not news to log on the lead.
      if (VERIFYING_QUESTION.test(firstLine)) return undefined;
      const status = statusFromNews(firstLine);
      const note = noteFromNews(s.text);
      if (!status && !note) return undefined;
      return withLead(r, 'updateLead', 'update', (lead) => ({ lead, ...(status ? { status } : {}), ...(note ? { note: note.slice(0, 2000) } : {}) }));
    }
    case 'roast':
      return parseRoast(`roast this email:\n${corrected.split('\n').slice(1).join('\n')}`);
    case 'usage':
      // "how many vacation days do new hires get" has a usage question's shape but none of its words.
      if (!USAGE_WORD.test(corrected) || usageOfSomethingElse(s.abstracted, s.scope)) return undefined;
      // Usage is the rep's own ("what have I spent"); "how much does a Tesla cost" prices something else.
      if (/\bhow\s+much\s+(?:does|do|did|is|are|would|will|to)\b/i.test(firstLine) && !/\b(?:i|me|my|we|us|our|you|u)\b/i.test(firstLine)) return undefined;
      return { kind: 'tool', calls: [{ toolName: 'myUsage', input: {} }] };
    case 'digest':
      // "remind me to stretch every monday at 9" has a schedule's words but is a personal reminder.
      if (PERSONAL_REMINDER.test(firstLine) && !DIGEST_NOUN.test(firstLine)) return { kind: 'out_of_scope' };
      // A day or a time alone is not a schedule change ("is the office closed on Monday?"): the digest is
      // named, or "it" is moved.
      if (!DIGEST_NOUN.test(firstLine) && !/\b(?:send|move|switch|shift|push|change|deliver|pause|resume|stop|start)\s+(?:it|that|them)\b/i.test(firstLine))
        return undefined;
      return digestIntent(firstLine);
    case 'help':
      return { kind: 'help' };
    case 'greeting':
      return { kind: 'greeting' };
    case 'thanks':
      return { kind: 'thanks' };
    case 'other':
      return { kind: 'out_of_scope' };
  }
}

const ASKS_ABOUT_LEAD = /\?|\b(?:show|open|pull|details?|profile|record|info|who|what|which|tell\s+me|look\s+up|check)\b/i;

const DRAFT_ACT =
  /\b(?:draft|drafts|write|compose|e-?mail|mail|send|pen|reach\s+out|follow[\s-]?up|ping|intro|introduce|pitch|outreach|cold|opener|note\s+(?:to|for)|dm|inmail|sequence|template|copy)\b|^(?:message|msg|text)\b|\b(?:message|msg|something|a\s+few\s+lines|lines)\s+(?:to|for)\b/i;

const USAGE_WORD =
  /\b(?:spen[dt]|spending|budget|cost|costs|costing|usage|used|use|using|tokens?|dollars?|money|bucks|euros?|limit|left|remaining|quota|credits?|bill|billing|charged?|paid|pay|allowance|cap|burn(?:ed|t)?|expensive|pricey|price|costly|cut\s+off|run(?:ning)?\s+out|ran\s+out|max(?:ed)?\s+out|throttled)\b|[$€£]/i;
const PERSONAL_REMINDER = /\b(?:remind(?:er)?s?|alarm|timer|wake me|calendar|appointment|meeting)\b/i;
const DIGEST_NOUN = /\b(?:digests?|summar(?:y|ies)|reports?|recaps?|briefings?|round-?ups?|overviews?|updates?|e-?mails?)\b/i;

function digestIntent(line: string): Intent {
  const schedule = parseDigestSchedule(line);
  if (Object.keys(schedule).length) return { kind: 'tool', calls: [{ toolName: 'setDigestSchedule', input: { ...schedule } }] };
  return {
    kind: 'clarify',
    toolName: 'setDigestSchedule',
    question: 'When should your digest go out? E.g. "send my digest Mondays at 9", "daily digest at 8:30am", or "pause my digest".',
  };
}

// Questions about the world that name a product or a title: "Kubernetes vs AWS ECS — which should we pick?",
// "who's the CEO of Salesforce?" (unless it is a company among the user's leads: then it is about a lead).
function namesValues(filter: Record<string, unknown>): boolean {
  return Object.keys(filter).some((k) => k !== 'query');
}

function isOutsideQuestion(line: string, abstracted: string, knowledge: Knowledge, values: boolean): boolean {
  // What a word means, or whether something is normal, is a question for a person, even about leads.
  if (MEANING.test(line) || (OPINION_TAG.test(line) && !IMPERATIVE.test(line)) || ACRONYM_QUESTION.test(line)) return true;
  if (asksAboutTheWorld(abstracted, values)) return true;
  if (/\b(?:leads?|prospects?|contacts?|pipeline|accounts)\b/i.test(line)) return false;
  if (/\b(?:vs\.?|versus)\s/i.test(line)) return true;
  // Things that are not leads: "any good podcasts on fintech?", "hotels in Munich", "who won the league".
  if (
    /\b(?:podcasts?|books?|restaurants?|cafes?|bars|hotels?|flights?|trains?|movies?|films?|songs?|playlists?|recipes?|articles?|courses?|apartments?|weather|forecast)\b/i.test(
      line,
    )
  )
    return true;
  if (/^(?:who|which team)\s+(?:won|wins|is winning|scored)\b/i.test(line)) return true;
  // Code and spreadsheets: "write a SQL query that counts customers by country".
  if (/\b(?:write|give me|help me (?:with|write)|fix|debug|explain)\b.*\b(?:sql|regex|regexp|script|function|code|query|formula|macro|api call)\b/i.test(line))
    return true;
  const founder =
    /^who\s+(?:founded|started|owns|runs|created|invented|bought)\s+([\p{L}\p{N}&.' -]+?)(?:\s+(?:these days|nowadays|now|today|currently))?\s*(?:[?!.,]|$)/iu.exec(
      line,
    );
  if (founder && !knowledge.company(founder[1]!.trim())) return true;
  const office =
    /^who(?:['’]s|\s+is|\s+are)\s+(?:the\s+)?(?:ceo|cto|cfo|coo|cmo|founder|founders|owner|president|chair\w*|head)\s+(?:of|at)\s+([\p{L}\p{N}&.' -]+?)(?:\s+(?:these days|now|today|currently))?(?:[?!.,]|$)/iu.exec(
      line,
    );
  return Boolean(office && !knowledge.company(office[1]!.trim()));
}

// "what does 'qualified' mean", "what does MQL stand for", "the meaning of churn", "define ICP".
const MEANING =
  /\bwhat\s+(?:does|do|did)\s+.+?\s+(?:mean|stand\s+for)\b|\bwhat\s+(?:is|are)\s+meant\b|\b(?:meaning|definition)\s+of\b|^(?:please\s+)?define\b/i;
// "what's MEDDIC", "what is BANT exactly": a term in capitals asked about is a term, not a value.
const ACRONYM_QUESTION =
  /^(?:(?:so|and|ok|hey)[,:]?\s+)?what(?:['’]?s|\s+is|\s+are)\s+(?:an?\s+)?\p{Lu}{3,}s?(?=\s+(?:and|exactly|again|about)\b|\s*[?!.,]|$)/u;
// "show me CTOs in Norway, is that ok?": a request asking leave, not an opinion.
const IMPERATIVE = /^(?:(?:please|pls|ok|okay|hey)[,:]?\s+)?(?:show|find|list|get|give|gimme|pull|search|look\s+up|fetch)\b/i;
// A trailing request for an opinion: "…, is that normal?", "… — is this realistic?".
const OPINION_TAG =
  /[,;:–—-]\s*(?:is|isn['’]?t|was|would|does)\s+(?:that|this|it)\s+(?:be\s+)?(?:normal|ok|okay|fair|realistic|reasonable|common|typical|standard|usual|sane|crazy|weird|too\s+(?:much|many|high|low)|a\s+lot|enough|doable)\s*\?*\s*$/i;

const ASKS_FOR_LEADS =
  /\b(?:find|search|list|show|get|give|gimme|pull|fetch|display|look(?:ing)? for|leads?|prospects?|contacts?|people|companies|cos|firms|shops|merchants|users|accounts|pipeline|any(?:one|body)?|everything|everyone|are there|who(?:['’]s|\s+(?:are|is|has|have|should|replied|responded|works?|uses?|in))?|which|ones)\b/i;

function findIntent(line: string, knowledge: Knowledge): Intent | undefined {
  const { filter } = extractFilters(line, knowledge);
  const keys = Object.keys(filter);
  // A bare capitalised word ("Mars") is not enough to search; the rep must be asking for leads.
  if (keys.some((k) => k !== 'query') || (keys.length && ASKS_FOR_LEADS.test(line)) || /\b(?:leads?|prospects?|contacts?|pipeline)\b/i.test(line)) {
    return { kind: 'tool', calls: [{ toolName: 'findLeads', input: { ...filter } }] };
  }
  return undefined;
}

// "just the top 3 of those", "only the ones in Berlin", "narrow them down to fintech": the last search again,
// with what the message adds (or overrides). Only when the words point back at the results.
const POINTS_BACK =
  /\b(?:of|from|among|out of)\s+(?:those|these|them|th(?:at|is|e) (?:list|search|results?))\b|^(?:now\s+)?(?:only|just)\s+(?:the\s+)?(?:ones?\b|those\b|these\b|top\b|first\b|\d+\b)|\bnarrow\s+(?:it|that|them|those|these|the (?:list|search|results?))\s+down\b|^(?:and\s+)?(?:of\s+)?(?:those|these)\b|\b(?:filter|limit)\s+(?:it|that|them|those|these)\b/i;

// A follow-up that only changes the last search: "same thing but drop the ones on HubSpot", "(now) without Boston",
// "same but in Munich", "only the CTOs", "(and just) the qualified ones". The polite prefix ("now", "and", "just")
// is already gone. A message naming what it searches ("show me …", "… leads in …") is a new search instead.
const REFINES =
  /^(?:(?:the\s+)?same(?:\s+(?:thing|search|list|query|ones?|again))?(?:[\s,]+(?:but|except|only|minus|without|in|for|with|and)\b)|(?:but\s+|also\s+)?(?:without|minus|excluding|except(?:\s+for)?|drop|remove|exclude|skip|leave\s+out|take\s+out|filter\s+out|ditch|lose|get\s+rid\s+of)\s|(?:but\s+)?(?:only|just)\s+the\s+\p{L}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*)?$|(?:only\s+)?the\s+(?:\p{L}[\p{L}-]*\s+){1,3}ones(?:\s+(?:in|on|at|from|with)\b.*)?$)/iu;
// A new request in full: a search verb or a lead noun of its own. Unless it says "same", it replaces the last search.
const NEW_SEARCH = /^(?:show|find|list|get|give|gimme|pull|search|fetch|look\s+for)\b|\b(?:leads|prospects|contacts|companies)\b/i;

const ACTS_ON_LEADS = /\b(?:enrich|draft|write|e-?mail|mark|update|set|note|roast|tell|details?|profile|qualify|disqualify)\b/i;

/** The message only adds, removes or narrows filters of the last search (see REFINES). */
export function refinesLastSearch(line: string): boolean {
  if (POINTS_BACK.test(line)) return true;
  return REFINES.test(line) && (/^(?:the\s+)?same\b/i.test(line) || !NEW_SEARCH.test(line));
}

// A place named anew replaces the earlier place ("same but in Munich" after Berlin), rather than intersecting with it.
const PLACE_KEYS = ['city', 'country'] as const;

function refineLastSearch(line: string, last: Record<string, unknown>, knowledge: Knowledge): Intent | undefined {
  if (!refinesLastSearch(line) || ACTS_ON_LEADS.test(line)) return undefined;
  const { filter } = extractFilters(line, knowledge);
  const { query: _query, ...added } = filter as Record<string, unknown>;
  const top = /\b(?:top|first|best)\s+(\d{1,3})\b|^(?:now\s+)?(?:only|just)\s+(\d{1,3})\b/i.exec(line);
  if (top) added.limit = Number(top[1] ?? top[2]);
  if (!Object.keys(added).length) return undefined;
  const { cursor: _cursor, ...previous } = last;
  if (PLACE_KEYS.some((k) => k in added)) for (const k of PLACE_KEYS) if (!(k in added)) delete previous[k];
  const input: Record<string, unknown> = { ...previous, ...added };
  // "which of them haven't replied" after "contacted or replied leads": an exclusion takes its value out of
  // the earlier list (and an inclusion out of an earlier exclusion); a list left empty goes.
  for (const [include, exclude] of [
    ['status', 'excludeStatus'],
    ['industry', 'excludeIndustry'],
    ['country', 'excludeCountry'],
    ['city', 'excludeCity'],
    ['tech', 'excludeTech'],
  ] as const) {
    const drop = (key: string, values: unknown) => {
      if (!Array.isArray(values) || !Array.isArray(input[key]) || key in added) return;
      const left = (input[key] as unknown[]).filter((v) => !values.includes(v));
      if (left.length) input[key] = left;
      else delete input[key];
    };
    drop(include, added[exclude]);
    drop(exclude, added[include]);
  }
  return { kind: 'tool', calls: [{ toolName: 'findLeads', input }] };
}

/** An email pasted with a short question or nothing before it ("thoughts?\nSubject: …\n\nHi Emma, …"). */
function pastedEmail(raw: string): Intent | undefined {
  const lines = raw.split('\n');
  if (lines.length < 3) return undefined;
  const subjectAt = lines.findIndex((l) => /^\s*subject\s*:/i.test(l));
  const greetingAt = lines.findIndex((l) => /^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\b[^\n]{0,40}[,!:]?\s*$/i.test(l));
  const start = subjectAt >= 0 && subjectAt <= 2 ? subjectAt : greetingAt >= 0 && greetingAt <= 2 ? greetingAt : -1;
  if (start < 0) return undefined;
  // "draft an email to Jane" with an example below is a draft request, and "add a note:" a note, not a roast.
  if (start > 0 && /\b(?:draft|write|compose|note|log|remember)\b/i.test(lines.slice(0, start).join(' '))) return undefined;
  const email = parseEmailText(lines.slice(start).join('\n'));
  return email.body ? { kind: 'tool', calls: [{ toolName: 'roastEmail', input: { ...email } }] } : undefined;
}

// A request for an opinion on "this" ("what do you think of this?", "would this get a reply?", "is this any
// good:") followed, on the same line, by a pasted message that opens with a greeting and a name.
const OPINION_CUE =
  /\b(?:what\s+do\s+(?:you|u|ya)\s+think|thoughts|feedback|opinion|(?:would|will|could|does|do\s+you\s+think)\s+(?:this|it)\s+(?:work|land|fly|convert|get\s+(?:a\s+|any\s+)?(?:repl(?:y|ies)|responses?|answers?|opens?))|is\s+(?:this|it)\s+(?:any\s+)?(?:good|ok(?:ay)?|decent|bad|fine|too\s+\p{L}+)|how\s+(?:does|do|is)\s+(?:this|it)\s+(?:sound|read|look|come\s+across)|rate\s+(?:this|it)|be\s+(?:brutally\s+|totally\s+|very\s+)?(?:honest|brutal)|how\s+(?:bad|good)\s+is\s+(?:this|it)|is\s+(?:this|it|my)\s+(?:(?:cold\s+|sales\s+|outreach\s+)?(?:e-?mail|message|draft|pitch|opener|copy|note|intro)\s+)(?:any\s+)?(?:good|ok(?:ay)?|decent|bad|fine)|what\s+would\s+(?:you|u)\s+(?:change|improve|fix|tweak|cut|rewrite|edit)|how\s+(?:would|could|can)\s+(?:you|u|i)\s+improve|any\s+(?:edits|suggestions|improvements)|make\s+(?:this|it)\s+better)\b/iu;
const GREETING_OPENER = /(?:^|[\s:?!>"'“‘(])["'“‘]?((?:hi|hey|hello|yo|dear|hiya|good\s+(?:morning|afternoon))\s+\p{L}[\p{L}'’-]*[,!:]*\s[\s\S]+)$/iu;

function inlineEmail(raw: string): Intent | undefined {
  const cue = OPINION_CUE.exec(raw);
  if (!cue) return undefined;
  const after = raw.slice(cue.index + cue[0].length);
  const opener = GREETING_OPENER.exec(after);
  if (!opener) return undefined;
  const pasted = opener[1]!.replace(/["'”’]\s*[?!.]*\s*$/, '').trim();
  // A message, not a greeting in passing: a few sentences' worth of words.
  if (pasted.split(/\s+/).length < 8) return undefined;
  const email = parseEmailText(pasted);
  return email.body ? { kind: 'tool', calls: [{ toolName: 'roastEmail', input: { ...email } }] } : undefined;
}

const NOT_AN_EMAIL =
  /^\s*(?:my|our|this|the|his|her|their)?\s*(?:[\p{L}-]+\s+)?(?:profile|resume|résumé|cv|website|site|landing\s+page|deck|slides|bio|headline|photo|picture|outfit|code|haircut|playlist|logo|post|tweet)\b/iu;

function parseRoast(text: string): Intent | undefined {
  const trigger =
    /\b(?:roast|critique|review|tear apart|grade|rate|score|give me (?:some )?feedback on|feedback on|check|improve|rip apart|what do you think of)\s+(?:this|my|the following|the|a|these)?\s*(?:cold\s+|sales\s+|outreach\s+|draft\s+|prospecting\s+)?(?:e-?mail|draft|message|pitch|copy|outreach|opener|opening(?:\s+line)?|intro|subject(?:\s+line)?|cta)(?:\s+(?:draft|copy))?\b(?:\s+(?:for me|please))?|^roast\b(?:\s+(?:this|that|it|me))?/i.exec(
      text,
    );
  if (!trigger) return undefined;
  // "roast my LinkedIn profile", "roast my outfit": a short thing named that no email is.
  const rest = text.slice(trigger.index + trigger[0].length);
  if (/^roast\b/i.test(trigger[0]) && !rest.includes('\n') && rest.trim().split(/\s+/).length <= 6 && NOT_AN_EMAIL.test(rest)) return { kind: 'out_of_scope' };
  const email = parseEmailText(rest);
  if (!email.body) {
    return {
      kind: 'clarify',
      toolName: 'roastEmail',
      question: 'Paste the email right after "roast this email:" (a first line "Subject: …" becomes the subject).',
    };
  }
  return { kind: 'tool', calls: [{ toolName: 'roastEmail', input: { ...email } }] };
}
