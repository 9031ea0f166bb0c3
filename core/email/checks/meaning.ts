// Meaning the form checks cannot see. Whether the fact about them leads somewhere (a trigger the pitch builds on,
// not a compliment or a weekend hobby), and whether the pitch is written for the reader it names (their role,
// their kind of organisation). Read from structure and word classes, not from phrases. Sources:
// docs/email-rubric.md ("Trigger tied to the pitch", "Written for this reader").
import type { CheckResult, LeadFacts } from '../types.ts';
import { contentWords, hasMeasure, namedEntities, senderNames } from '../text-signals.ts';
import { classifyAsk } from './ask.ts';
import { VAGUE_WORDS } from '../vocabulary.ts';
import { proseSentences, statementsOf } from '../structure.ts';
import { type EmailContext, quote, result } from './context.ts';
import { findTriggers, knownNames } from './relevance.ts';

// A sentence whose point is praise ("Congratulations, that's a big milestone!", "3:41 is a great time!").
const PRAISE =
  /\b(?:congrat\w*|kudos|well done|hats off|bravo|exciting|excited for you|milestone|impressive|impressed|amazing|awesome|fantastic|incredible|great (?:time|news|achievement|result|work|job)|huge (?:win|step|achievement)|love (?:what|how|your|the)|big fan|inspiring)\b/i;
// Life outside work: sport, hobbies, holidays, family. Trigger events are changes at the business.
const PERSONAL =
  /\b(?:(?:ran|run|running|finished|completed) (?:the |a |your )?(?:[\p{Lu}][\p{L}]+ )*(?:marathon|half|triathlon|ironman|ultra|10k|5k|race)|marathon|triathlon|ironman|hiked|hiking|skied|skiing|surfing|golf(?:ing)?|fishing trip|vacation|honeymoon|wedding|got married|newborn|your (?:dog|cat|kids?|son|daughter|family|hobby|garden)|puppy|alma mater|fantasy (?:football|league)|season tickets|book club|sourdough)\b/iu;
// Sentences that say what the fact means for them: a consequence, a usual pattern, a need.
const BRIDGE =
  /\b(?:usually|often|typically|tends? to|which means|that means|means|will need|need(?:s)? to|has to|have to|is where|is when|that's when|that's where|the hard part|the catch|bites|break(?:s)?|strain|bottleneck|in my experience|most (?:\w+ ){0,3}(?:don't|do not|can't|cannot|still|end up|hit|find|struggle|miss|lose|spend|run)|before (?:it|they|the|your)|ahead of)\b/i;
// The pitch saying what the trigger brings them, in a clause of its own: "…for 40 venture-backed SaaS companies,
// which is what your new board will start asking for".
const TIE_CLAUSE =
  /\b(?:which|that)\s+(?:is|are)\s+(?:exactly\s+)?what\s+(?:your|you)\b[^.?!]{0,40}\b(?:will|['’]ll|is going to|are going to|is about to|are about to)\s+(?:start\s+|soon\s+)?(?:ask\w*|expect\w*|want\w*|need\w*|requir\w+|demand\w*|look\w* for)\b/i;
// The writer saying the pitch has nothing to do with the trigger: "On a different note, we're an office furniture
// supplier", "Unrelated to your talk, …", "Different topic: …", "Shifting gears, …".
const CHANGE_OF_TOPIC =
  /^(?:on (?:a |an )?(?:different|other|separate|unrelated|another|totally different|completely different) (?:note|topic|subject)|(?:totally |completely )?unrelated(?:ly)?(?: to [^,]{1,40})?,|(?:a |on a )?(?:totally |completely )?(?:different|separate|unrelated) (?:topic|subject)\s*[,:—-]|(?:switching|shifting|changing) (?:gears|topics|the subject))/i;
// The pitch pointing back at the trigger: "we remediated the same finding for Corva Health".
const SAME_AS_TRIGGER = /\b(?:the|that|this)\s+(?:same|exact|very same|exact same)\s+\p{L}{3,}/iu;
// Bad news at their business (layoffs, a closure, a breach, a recall, a lawsuit), and a writer who greets it as good
// news ("Perfect time to rebuild!"): the event creates a need, but not one a celebration answers.
const BAD_NEWS =
  /\b(?:laid off|lay-?offs?|let go|job cuts|cut \d+% of (?:its |their )?(?:staff|jobs|workforce|employees)|downsiz\w+|(?:closed|closing|shut(?:ting)? down) (?:its|their|the) \w+|closures?|bankruptcy|chapter 11|insolven\w+|(?:data )?breach|recall(?:ed|s)?|lawsuit|sued|(?:was|were|got) fined|outage|ransomware|hacked|missed (?:its|their) (?:guidance|numbers|targets)|fire at|fire (?:in|at|that)|flood(?:ed|ing)?|bankrupt\w*|walkout|went into administration|filed for (?:bankruptcy|chapter 11|insolvency))\b/i;
const CELEBRATION = /\b(?:perfect|great|ideal|best|exciting|golden) (?:time|moment|opportunity|chance|timing)\b|\b(?:what an? )?opportunity\b|!/i;
// Too common to tie two sentences together.
const LINK_STOP = new Set(
  'week weeks month months year years today yesterday last next first second third new just recently saw noticed read post posted linkedin announced congratulations congrats exciting milestone big great huge team teams company companies business'.split(
    ' ',
  ),
);

const stem = (w: string) =>
  w
    .replace(/['’]s$/, '')
    .replace(/(?:ing|ed|es|s|ment|ments|ation|ations|er|ers)$/, '')
    .slice(0, 6);

function topicWords(sentence: string, names: Set<string>): Set<string> {
  return new Set(
    contentWords(sentence)
      // "a 12-radiologist diary study" is about radiologists: a compound's parts are topic words too.
      .flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]))
      .filter((w) => w.length > 2 && !LINK_STOP.has(w) && !VAGUE_WORDS.has(w) && !names.has(w))
      .map(stem),
  );
}

// The sender talking about itself: "We're a logistics technology company…", "…, and we partner with…".
const SELF_TALK =
  /^(?:(?:so|and|but|speaking of [\w ]+),?\s+)?(?:we|we['’](?:re|ve|d|ll)|our|i['’]d love|i would love|i['’]m reaching out|i wanted)\b|[,;:]\s*(?:and|so)\s+(?:we|our)\b|^\p{Lu}[\p{L}-]+ (?:is|are) (?:a|an|the) [^.]{0,40}\b(?:platform|company|firm|agency|provider|solution|tool)\b/iu;
const GUESS = /^(?:i['’]m guessing|i['’]d guess|i imagine|i suspect|i bet|my guess is|chances are|odds are)\b/i;
const ABOUT_THEM = /\b(?:you|your|you['’](?:re|ll|ve)|they|their|them|most|many|teams? (?:at|like|in)|companies at)\b/i;

/** A sentence about what the fact means for them, not praise and not the sender's self-description. */
function isNeed(s: string, triggers: Set<string>): boolean {
  const t = s.trim();
  if (PRAISE.test(t) && !BRIDGE.test(t)) return false;
  if (triggers.has(s)) return !SELF_TALK.test(t) && !/\b(?:we|our)\b/i.test(t);
  if (GUESS.test(t) || BRIDGE.test(t)) return !SELF_TALK.test(t) || GUESS.test(t);
  if (SELF_TALK.test(t) || /^(?:i|i['’](?:m|ve|d|ll))\b/i.test(t)) return false;
  // About them, not us: "we" only as the observer ("Most finance teams we meet…", "One thing we keep seeing…").
  if (/\b(?:we|we['’]\w+|our|us)\b/i.test(t.replace(/\bwe (?:meet|see|saw|work with|talk to|speak with|keep seeing|hear|often see)\b/gi, ''))) return false;
  return ABOUT_THEM.test(t) && (hasMeasure(t) || contentWords(t).filter((w) => !VAGUE_WORDS.has(w)).length >= 4);
}

export function checkTriggerLink({ structure, subject, lead }: EmailContext): CheckResult {
  const base = { id: 'trigger_link' as const, label: 'Trigger tied to the pitch', target: 'the fact about them leads to the problem you solve', weight: 0 };
  const sentences = statementsOf(proseSentences(structure));
  const triggers = findTriggers(sentences, senderNames(structure.signOff), knownNames(subject, lead));
  if (!triggers.length) {
    return result({ ...base, status: 'pass', measured: 'no trigger to tie', evidence: [], advice: 'No trigger to connect; relevance covers what is missing.' });
  }
  // Names (theirs, places, the sender's) are not a topic: "Peakline" in the trigger and in the ask ties nothing.
  // A word capitalised only because it opens a sentence ("Hospital builds are…") is a topic, not a name.
  const names = new Set(sentences.flatMap((s) => namedEntities(s.trim().replace(/^\S+\s*/, ''))).flatMap((e) => e.toLowerCase().split(/\s+/)));
  const triggerSet = new Set(triggers.filter((t) => t.specific).map((t) => t.sentence));
  const topics = new Map<string, Set<string>>();
  const topicOf = (s: string) => topics.get(s) ?? topics.set(s, topicWords(s, names)).get(s)!;
  const personal = triggers.find((t) => PERSONAL.test(t.sentence));
  // Tied: after the trigger, before the pitch, a sentence says what it means for them — a consequence or a usual
  // pattern ("Most finance teams at that stage still close in 12+ days"), a guess at their problem ("I'm guessing
  // rate-setting now lives in one spreadsheet"), a second fact about them ("Your announcement said the platform
  // team will double") — or the pitch picks up the trigger's topic. Praise and the sender describing itself do not.
  const tied = triggers.some((t) => {
    const i = sentences.indexOf(t.sentence);
    if (BRIDGE.test(t.sentence)) return true;
    const after = sentences.slice(i + 1).filter((s) => !classifyAsk(s) && !/\?\s*$/.test(s));
    if (after.slice(0, 3).some((s) => TIE_CLAUSE.test(s) || SAME_AS_TRIGGER.test(s))) return true;
    // "…on your careers page: we placed 11 engineers…": what precedes the colon is read on its own.
    const parts = after.slice(0, 3).flatMap((s) => s.split(/:\s+(?=(?:we|our|i)\b)/i));
    if (parts.some((s) => isNeed(s, triggerSet))) return true;
    // The trigger's topic: its own words, and those of the sentence that elaborates it (a praise sentence right
    // after it, or one that is neither praise nor the sender talking about itself: "Instant payments are great
    // until the first scam").
    const elaboration = after[0] && (PRAISE.test(after[0]) || !SELF_TALK.test(after[0].trim())) ? [after[0]] : [];
    const own = topicOf(t.sentence);
    const topic = new Set([t.sentence, ...elaboration].flatMap((s) => [...topicOf(s)]));
    // The elaboration ties when it stays on the trigger's topic ("…the Eastgate hospital contract. Hospital builds
    // are heavy on RFIs"); what follows ties when it picks up either.
    if (after.some((s) => !PRAISE.test(s) && [...topicOf(s)].some((w) => (elaboration.includes(s) ? own : topic).has(w)))) return true;
    // The ask may pick the trigger up itself: "…load before anyone touches the cookie banner. … Who owns the cookie
    // banner on your side?" (two of the trigger's own topic words, so one shared word is not a tie).
    const asked = sentences.slice(i + 1).filter((s) => classifyAsk(s) || /\?\s*$/.test(s));
    return asked.some((s) => [...topicOf(s)].filter((w) => own.has(w)).length >= 2);
  });
  const praised = triggers.some((t) => {
    const i = sentences.indexOf(t.sentence);
    return PRAISE.test(t.sentence) || PRAISE.test(sentences[i + 1] ?? '');
  });
  const unrelated = sentences.find((s) => CHANGE_OF_TOPIC.test(s.trim()));
  const celebrated = triggers.find((t) => {
    const i = sentences.indexOf(t.sentence);
    return BAD_NEWS.test(t.sentence) && (CELEBRATION.test(t.sentence) || CELEBRATION.test(sentences[i + 1] ?? ''));
  });
  // A general fact about them (what they sell, what they use, an event with no detail) that the email then never
  // uses is decoration, not a reason: personalisation by name-dropping.
  const decoration = !tied && !triggers.some((t) => t.specific);
  const status = personal || unrelated || celebrated ? 'fail' : tied ? 'pass' : praised || decoration ? 'fail' : 'warn';
  const shown = personal ?? triggers[0]!;
  return result(
    {
      ...base,
      status,
      measured: personal
        ? 'a personal trigger'
        : celebrated
          ? 'bad news greeted as an opening'
          : unrelated
            ? 'a pitch the email calls unrelated'
            : tied
              ? 'tied to the pitch'
              : praised
                ? 'a compliment that leads nowhere'
                : decoration
                  ? 'a general fact that leads nowhere'
                  : 'not tied to the pitch',
      evidence: [`"${quote(shown.sentence)}"`, ...(unrelated && !personal ? [`"${quote(unrelated)}"`] : [])],
      advice:
        status === 'pass'
          ? 'The fact about them leads to the problem you solve.'
          : personal
            ? 'Open with a change at their business (a launch, a hire, a new rule), not their weekend: a hobby says nothing about what they need.'
            : celebrated
              ? 'Bad news at their business is no reason to celebrate: say what it means for them (the work left with fewer people, the cost of recovering) and how you help with that, or leave it out.'
              : 'Say what the fact means for them (the problem it creates, the deadline it sets) and tie your offer to that; a compliment about it is not a reason to reply.',
    },
    personal
      ? 'a personal trigger instead of a business one'
      : celebrated
        ? 'bad news greeted as an opening'
        : unrelated
          ? 'a trigger the pitch turns away from'
          : praised
            ? 'a compliment in place of a reason'
            : decoration
              ? 'a general fact about them that leads nowhere'
              : 'a trigger not tied to the pitch',
  );
}

// Who the reader is: their role as the email names it ("As CFO of Redstone", "As Head of Brand Marketing") or as
// the CRM has it, and the domain that role owns.
const DOMAINS: Record<string, RegExp> = {
  finance:
    /\b(?:cfo|finance|financial|controller|accounting|accounts payable|treasury|cash|budget|spend|invoices?|margin|audit|close|payroll|costs?|savings|roi|dso|working capital|p&l)\b/i,
  marketing: /\b(?:cmo|marketing|brand|campaigns?|demand gen|content|seo|advertising|ad spend|creative|audience|awareness|social media|launch)\b/i,
  engineering:
    /\b(?:cto|cio|ciso|engineering|engineers?|developers?|devops|sre|platform|infrastructure|latency|p99|microservices?|kubernetes|deploy\w*|api|apis|telemetry|traces?|observability|instrumentation|cardinality|petabyte|ebpf|opentelemetry|uptime|incident|codebase|security)\b/i,
  sales: /\b(?:cro|sales|revenue|pipeline|quota|reps?|account executives?|aes?|sdrs?|bdrs?|deals?|bookings|forecast)\b/i,
  people: /\b(?:chro|hr|people|talent|recruit\w*|hiring|onboarding|benefits|employees?|retention|culture|learning)\b/i,
  operations: /\b(?:coo|operations|supply chain|logistics|warehouses?|plant|fleet|shipping|inventory|procurement|manufacturing|fulfil\w*)\b/i,
  compliance: /\b(?:compliance|legal|counsel|risk|regulat\w+|supervisor|register|privacy|gdpr|dora|aml|kyc)\b/i,
};
// The role's own words: what decides which domain it owns.
const ROLE_DOMAIN: [RegExp, string][] = [
  [/\b(?:cfo|finance|controller|treasur\w*|accounting)\b/i, 'finance'],
  [/\b(?:cmo|marketing|brand)\b/i, 'marketing'],
  [/\b(?:cto|cio|ciso|engineering|devops|platform|infrastructure|security)\b/i, 'engineering'],
  [/\bIT\b/, 'engineering'],
  [/\b(?:cro|sales|revenue)\b/i, 'sales'],
  [/\b(?:chro|hr|people|talent|recruiting)\b/i, 'people'],
  [/\b(?:coo|operations|supply chain|logistics)\b/i, 'operations'],
  [/\b(?:compliance|legal|general counsel|risk)\b/i, 'compliance'],
];
const NAMED_ROLE =
  /\b(?:as|you['’]re|you are)\s+(?:the\s+|a\s+|an\s+)?((?:(?:chief|head|vp|vice president|director|manager|lead)\s+(?:of\s+)?[\p{L}& ]{2,40}?|c[a-z]o|[A-Z]{3,4}))(?=\s+(?:of|at|for)\b|[,.;]|\s+(?:you|i)\b)/iu;
// Organisations with no owners to pay, no sales to close: a pitch about shareholders or quota misreads them.
const NON_PROFIT =
  /\b(?:shelter|charity|charitable|non-?profit|not-for-profit|food bank|foundation|church|parish|school district|public library|museum|municipality|city council|ministry|ngo)\b/i;
const PROFIT_ONLY =
  /\b(?:shareholders?|shareholder value|investors?|stock price|sales team|sales targets?|quota|bookings|close more (?:customers|deals)|revenue)\b/i;

function domainsIn(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [d, re] of Object.entries(DOMAINS)) {
    const n = (text.match(new RegExp(re.source, 'gi')) ?? []).length;
    if (n) counts.set(d, n);
  }
  return counts;
}

function readerRole(text: string, lead: LeadFacts | undefined): string | undefined {
  return lead?.title?.trim() || NAMED_ROLE.exec(text)?.[1]?.trim();
}

export function checkAudienceFit({ structure, lead }: EmailContext): CheckResult {
  const base = { id: 'audience_fit' as const, label: 'Written for this reader', target: 'the pitch is about what their role owns', weight: 0 };
  const text = proseSentences(structure).join(' ');
  const evidence: string[] = [];
  let problem: string | undefined;
  const org = NON_PROFIT.exec(`${text} ${lead?.industry ?? ''}`)?.[0];
  const profit = PROFIT_ONLY.exec(text)?.[0];
  if (org && profit) {
    problem = `a pitch about "${profit}" to a ${org}`;
    evidence.push(`"${org}"`, `"${profit}"`);
  }
  const role = readerRole(text, lead);
  // "Head of Sales & Marketing" owns both: a pitch in either's words is for them.
  const roleDomains = role ? ROLE_DOMAIN.filter(([re]) => re.test(role)).map(([, d]) => d) : [];
  const roleDomain = roleDomains.join(' and ');
  if (!problem && role && roleDomains.length) {
    // The pitch, without the words that name the role itself.
    const counts = domainsIn(text.replace(role, ' '));
    const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (!roleDomains.some((d) => counts.has(d)) && top && n >= 2) {
      problem = `a ${top} pitch to a reader in ${roleDomain} (${role})`;
      evidence.push(`"${quote(role, 60)}"`);
    }
  }
  const status = problem ? 'fail' : 'pass';
  return result(
    {
      ...base,
      status,
      measured: problem ?? (roleDomain ? `about what ${roleDomain} owns` : 'no mismatch found'),
      evidence,
      advice: problem
        ? 'Pitch what this reader owns (a CFO: cost, cash, risk; a marketer: pipeline, brand), or write to the person who owns the problem; a pitch in another function’s words reads as a blast.'
        : 'Speaks to what the reader owns.',
    },
    problem ? 'a pitch written for someone else' : undefined,
  );
}
