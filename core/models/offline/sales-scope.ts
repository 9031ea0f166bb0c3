// Is a message about the rep's leads at all? Sales requests use a narrow vocabulary: once names, companies,
// places, industries, technologies, titles, statuses and numbers are placeholders (abstract-entities.ts),
// nearly every word left is one the phrasing corpus or the filter grammar uses. A question about the world
// ("how is the xindustry market doing", "who founded xtech", "is xtech hard to learn", "how far is xplace
// from xplace") keeps words of its own — "market", "founded", "hard", "learn", "far" — and those are what
// this module counts: common English words the sales grammar does not use ("foreign" words).
//
// Together with anchors (a lead noun, a lead's name, a status, a position in the last list) this decides
// whether a message may reach a tool: without an anchor, one foreign word is enough to keep it out; with a
// lead noun, a question about something else ("how do I export my contacts to a spreadsheet") still is.
import { INTENT_CORPUS, INTENTS, PLACEHOLDERS } from './intent-corpus.ts';
import type { Knowledge } from './knowledge.ts';

export interface ScopeReading {
  /** Common English words the sales grammar does not use, in the order written. */
  foreign: string[];
  /** Words neither English nor known (acronyms, brands, apps: "csv", "pto"), when every lead's name is known. */
  unknown: string[];
  /** Names leads as such: "leads", "prospects", "pipeline", "accounts", "contacts", a lead, a status, a position. */
  anchored: boolean;
  /** Names people or companies in general: "companies", "people", "startups", "anyone", a job title. */
  weaklyAnchored: boolean;
  /** Opens as a question (who/what/why/how…, or is/are/do/can…) or a how-to. */
  question: boolean /** A question whose own verb is a foreign word: "what should I wear …", "how do I export …". */;
  otherActivity: boolean;
}

// Words every request may contain: function words, and the words of the filter grammar, follow-ups and
// small talk that the corpus lines do not all spell out.
const GRAMMAR = `
a an the and or but nor if then than so as at by for from in into of off on onto out over to up with within without via per
i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs this that these those
who whom whose which what whats when where why how whatever whoever anyone anybody anything everyone everybody everything
someone somebody something none nobody nothing one ones other others another each every all any some both either neither
is am are was were be been being do does did done doing have has had having can could will would shall should may might must
not no never yes yeah yep ok okay sure please pls plz thanks thank thx kindly just only also too still yet again already
now today tonight tomorrow yesterday week weeks weekly month months monthly year years quarter day days daily time times
morning afternoon evening night weekend weekends recently lately ago since soon later earlier first last next previous
more most less least fewer many much few several lot lots bit very really quite pretty maybe perhaps about around near nearly
like want wanna need needs gonna gotta let lets get got gets give gimme show list find search look pull fetch display see
tell know check open bring grab return go going run running use using used uses work works working based located
lead leads prospect prospects contact contacts account accounts pipeline people person persons folks guys company companies
firm firms business businesses startup startups org orgs organisation organisations organization organizations shop shops
store stores merchant merchants brand brands team teams owner owners owned own owns assigned unassigned
industry industries sector sectors vertical verticals space country countries city cities region place places
status score scores scoring scored fit size sized employees employee staff headcount big small large mid medium enterprise
hot warm cold high low top best newest latest recent new old fresh sort sorted order ordered rank ranked highest lowest
except excluding exclude outside besides minus apart aside instead rather hide skip drop remove omit ignore filter
include including included excluded only either whether
reply replied replies responded response answered contacted qualified disqualified customer customers client clients
tech stack technology technologies tool tools software platform platforms
email emails mail message messages note notes draft drafts call calls meeting demo follow followup
hi hello hey yo cool great nice perfect awesome good bad fine lol haha asap btw tbh imo ngl idk fyi omg rn pls plz thx ty
through across between under above below after before during until till while because though although even ever else there here
make take put keep set say said think mean help try ask asked add added done way thing things stuff kind sort type bunch
budget spend spent spending cost costs money dollar dollars euro euros buck bucks credit credits token tokens quota allowance cap
limit bill billing charge charged price burn burned burnt usage left remaining ai assistant bot model queries query requests
searches enrichment enrichments question questions amount total tally blow rack racked consume consumed
anywhere everywhere somewhere nowhere possible result results row rows entry entries record records name names match matches hit hits
provide obtain retrieve compile generate produce share send pull pulled grab gather
studio studios agency agencies vendor vendors provider providers player players outfit outfits group groups maker makers lab labs
chain chains operator operators carrier carriers manufacturer manufacturers retailer retailers bank banks insurer insurers
exec execs executive executives decision maker makers suite level senior junior head heads director directors manager managers
`;

// Forms of the same word: "replying" is "reply", "companies" is "company".
function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  for (const [suffix, keep] of [
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
    ['ly', ''],
  ] as const) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length) + keep;
      break;
    }
  }
  return w.replace(/(.)\1$/, '$1').replace(/e$/, '');
}

const SALES_INTENTS = INTENTS.filter((i) => i !== 'other');
let lexicon: Set<string> | undefined;
function salesLexicon(): Set<string> {
  if (lexicon) return lexicon;
  const words = [...GRAMMAR.split(/\s+/), ...SALES_INTENTS.flatMap((i) => INTENT_CORPUS[i]).flatMap((l) => l.toLowerCase().split(/[^a-z]+/))];
  // "Far" is the corpus's only in "so far"; alone it asks about distance.
  lexicon = new Set(words.filter((w) => w && w !== 'far').map(stem));
  return lexicon;
}

const PLACEHOLDER = new Set<string>(PLACEHOLDERS);
// "Her", "him" and positions point into the thread ("tell me more about her", "number two").
const STRONG =
  /\b(?:leads?|prospects?|pipeline|accounts?|contacts?|xperson|xcompany|xstatus|xordinal|xemail|her|him|number\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)|the\s+(?:first|second|third|fourth|fifth|last)\s+one)\b/;
// "Leads" as a verb: "the new policy leads to chaos", "she leads the Berlin team".
const LEADS_VERB = /\bleads\s+(?:the|a|an|our|his|her|their|its|to\s+(?!(?:call|contact|email|reach|target|ping|prioriti[sz]e|focus|work|follow|chase)\b))/g;
// "Lead" naming someone's role: "my lead guitarist", "the lead singer", "our lead developer" (not "lead owner").
// "My team lead", "the tech lead": "lead" after a word for a group or a craft is a role too.
const LEAD_MODIFIER =
  /\blead\s+(?!(?:owners?|users?|scorer?s?)\b)\p{L}+(?:ist|er|or|ess|ian)s?\b|\b(?:team|tech|technical|project|squad|shift|design|engineering|dev|qa|ux)\s+lead\b(?!s)/gu;
const TIPS_ON = /\bleads?\s+on\s+(?:a|an)\s+(?:(\p{L}+)\s+)?(\p{L}+)/gu;
// Kinds of company ("gaming studios", "marketing agencies") and of person.
const WEAK =
  /\b(?:compan(?:y|ies)|people|persons?|folks|firms?|startups?|businesses|orgs?|organi[sz]ations?|shops|stores|merchants|brands|studios?|agenc(?:y|ies)|vendors?|providers?|players|outfits|groups|makers|labs|chains|operators|carriers|manufacturers|retailers|banks|insurers|execs?|executives|decision[\s-]makers?|anyone|anybody|someone|who(?:['’]s)?\s+(?:uses|runs|works|is\s+(?:using|on|running))|xtitle)\b/;
// A question about something, not a polite request ("could you pull…", "would it be possible to get…").
const QUESTION =
  /^(?:(?:so|and|but|hey|ok|okay|quick question|question)[,:]?\s+)?(?:who|whom|whose|what|what['’]?s|whats|which|when|where|why|how|is(?!\s+it\s+possible)|are|was|were|do(?!\s+(?:you|u)\s+have)|does|did|can(?!\s+(?:you|u|ya|i|we)\b)|could(?!\s+(?:you|u|ya|i|we)\b)|should|would(?!\s+(?:you|u|ya|it\s+be\s+possible)\b)|will(?!\s+(?:you|u)\b)|has|have|any\s+(?:idea|tips|advice))\b/i;
const HOW_TO = /\b(?:how\s+(?:do|can|should|would)\s+(?:i|we|you|one)|how\s+to|what['’]?s\s+the\s+best\s+way|teach\s+me|explain|tips?\s+(?:for|on))\b/i;

// "what should I wear to …", "how can we celebrate …": the verb the question turns on.
const QUESTION_VERB = /^(?:\p{L}+[,:]?\s+)?(?:what|how|where|when)\s+(?:should|do|does|can|could|would|will|shall|must)\s+(?:i|we|you|they|one)\s+(\p{L}+)/u;

// "can't sleep, …", "won't take long — …": a negated auxiliary with no subject after it opens a statement.
const NEGATED_STATEMENT = /^(?:\p{L}+n['’]?t|cannot)\s+(?!(?:you|u|ya|i|we|they|there|it|he|she|anyone|anybody|someone)\b)/iu;

/** What the abstracted message says about its scope; `explained` are words the filter grammar read as values. */
export function readScope(abstracted: string, knowledge: Knowledge, explained: ReadonlySet<string> = new Set()): ScopeReading {
  let text = abstracted
    .toLowerCase()
    .replace(LEADS_VERB, (m) => m.replace('leads', 'xverb'))
    .replace(LEAD_MODIFIER, (m) => m.replace(/\blead\b/, 'xverb'))
    .replace(/\bso\s+far\b/g, ' ');
  const lex = salesLexicon();
  // "Any good leads on a cheap apartment": "leads on" a thing of another world are tips, not sales leads.
  text = text.replace(TIPS_ON, (m, a: string | undefined, b: string) =>
    [a, b].some((w) => w && !lex.has(stem(w)) && !PLACEHOLDER.has(w) && knowledge.common(w)) ? m.replace(/^leads?/, 'xverb') : m,
  );
  const foreign: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/[^\p{L}'’]+/u)) {
    const w = raw.replace(/^['’]+|['’]+$/g, '');
    if (w.length < 3 || w === 'xverb' || PLACEHOLDER.has(w) || lex.has(stem(w)) || lex.has(w) || explained.has(w)) continue;
    // A word that is not English is a name, a brand, an acronym or slang. Once every visible lead's name is
    // known it is no lead's, so it counts for half: "export to csv" is about something else.
    if (!knowledge.common(w.replace(/['’]s$/, ''))) {
      if (knowledge.complete && knowledge.leads.length) unknown.push(w);
      continue;
    }
    foreign.push(w);
  }
  const verb = QUESTION_VERB.exec(text)?.[1];
  return {
    foreign,
    unknown,
    otherActivity: verb !== undefined && foreign.includes(verb),
    anchored: STRONG.test(text),
    weaklyAnchored: WEAK.test(text),
    question: (QUESTION.test(text) && !NEGATED_STATEMENT.test(text)) || HOW_TO.test(text),
  };
}

/**
 * Whether a message read this way may reach a tool. Without any anchor a single foreign word keeps it out;
 * naming people or companies in general allows one, unless it is a question; naming leads allows more,
 * unless a question or how-to is about something else (two foreign words). A question turning on a foreign
 * verb ("what should I wear to a client meeting") is about that activity, whatever it names.
 */
export function inSalesScope(s: ScopeReading): boolean {
  if (s.otherActivity) return false;
  const off = s.foreign.length + s.unknown.length / 2;
  if (s.anchored) return !(s.question && off >= 2);
  if (s.weaklyAnchored) return off < 1 || (!s.question && off < 2);
  return off < 1;
}

/**
 * Whether what a budget or usage word is about is something else: "the budget for the team offsite", "spend
 * on the party", "cost per seat", "sick days left". A foreign word after "for", "on", "per" or "of", or
 * before "left" or "remaining", is that object, unless the assistant qualifies it ("AI juice left").
 */
export function usageOfSomethingElse(abstracted: string, s: ScopeReading): boolean {
  const words = abstracted
    .toLowerCase()
    .split(/[^\p{L}'’]+/u)
    .filter(Boolean);
  const other = new Set([...s.foreign, ...s.unknown]);
  return words.some((w, i) => {
    if (!other.has(w)) return false;
    // "AI juice left", "assistant fuel remaining": whatever the word, it is the assistant's, so the rep's usage.
    if (/^(?:ai|assistant|bot|salesos|gpt|llm)$/.test(words[i - 1] ?? '')) return false;
    const before = words.slice(Math.max(0, i - 3), i);
    const after = words.slice(i + 1, i + 6);
    return before.some((b) => /^(?:for|on|per|of)$/.test(b)) || after.some((a) => /^(?:left|remaining)$/.test(a));
  });
}
