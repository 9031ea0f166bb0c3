// Questions about the world, not about the rep's leads, recognised by their shape rather than by topic:
// whatever places, industries, titles or technologies they name, these ask for knowledge no tool holds.
// - a definition: "what's a lead magnet?", "what is lead scoring?" (a term asked about, nothing of ours);
// - what something is for: "what's Gong actually used for?", "what does Datadog do?";
// - a norm or benchmark: "what's a decent open rate for cold emails?", "a realistic quota for a new AE?";
// - how others behave: "how do banks in Switzerland make money?", "how does HubSpot price seats?";
// - how a market is doing or what it is like: "how is the insurance industry in Canada doing right now?", "how big is
//   the insurance industry in the UK?";
// - how others in general work, or what makes something what it is: "how do most companies score leads?", "what
//   makes a lead qualified?";
// - advice on selling: "what's the best way to find decision makers at a bank?", "how do I get more leads?";
// - a count of things in the world or a question of language: "how many hospitals are there in the UK?", "how do
//   you say 'qualified lead' in German?";
// - creative writing: "write a haiku about pipeline".
// A question that names the rep's own data ("my", "we", a lead, a company of ours, a position in the last
// list, a pronoun pointing into the thread) is none of these: "what's the best fintech lead we have in London?" is a search.

const OWN_DATA = /\b(?:i|me|my|mine|we|us|our|ours|xperson|xcompany|xordinal|xemail|him|her|his|hers|their|them|its|they)\b/;

// "what's a warm lead", "what is an SQL", "what's lead scoring", "what is fintech": a term and nothing else.
const DEFINITION_WITH_ARTICLE = /^what(?:['’]?s|\s+is)\s+(?:an?)\s+(?:[\p{L}'’-]+\s*){1,4}$/u;
const DEFINITION_BARE = /^what(?:['’]?s|\s+is)\s+((?:[\p{L}'’-]+\s*){1,3})$/u;
// Bare "what's X" that asks about the rep's state or the thread, not a term.
const NOT_A_TERM =
  /^(?:the|this|that|these|those|it|there|up|new|next|left|hot|happening|going|pending|due|wrong|good|all|everything|remaining|possible|on|in|out|more|else|latest|newest|best|top|cooking)\b/;
// A recommendation asked for ("what's a good fintech lead in Berlin", "what's a hot lead to call") names
// values or a purpose: it is a search. "what's a warm lead" names none: it asks what the words mean.
const RECOMMENDATION = /\b(?:xplace|xindustry|xtech|xnum)\b|\bto\s+(?:call|contact|email|ping|target|try|reach)\b/;

// "what's X used for", "what is X good for", "what do people use X for", "what does X do".
const PURPOSE = /\b(?:used|use|good|useful|for)\s+(?:for|about)?\s*$|^what\s+(?:does|do)\s+.+\s+do$|\bwhat\s+(?:is|are)\s+.+\s+for$/;

// "a decent open rate", "the typical sales cycle", "a realistic quota", "the going rate for …".
const NORM =
  /\b(?:good|decent|realistic|typical|average|avg|normal|reasonable|healthy|ideal|standard|acceptable|solid|benchmark|going|usual|fair)\s+(?:[\p{L}-]+\s+){0,2}?(?:rates?|sizes?|length|cycles?|quotas?|numbers?|amounts?|prices?|pricing|salary|salaries|pay|targets?|ratios?|time|frequency|budgets?|percentages?|conversions?|cadence|timelines?|commissions?|comp|compensation|ote|ramp|benchmarks?)\b/u;
const QUESTION_OPENER = /^(?:what|what['’]?s|whats|how|is|are|does|do|which|roughly|approximately)\b/;

// "how do banks in Switzerland make money", "how does HubSpot price seats": the subject is not the rep.
const HOW_OTHERS = /^how\s+(?:do|does|did|can|could|would|will|should)\s+(?!(?:i|we|you|u|ya)\b)\S/;
// "how is the insurance industry in Canada doing", "how's the SaaS market looking".
const HOW_DOING = /^how(?:['’]?s|\s+is|\s+are|\s+was|\s+were)\s+.+\b(?:doing|going|looking|performing|faring|coping|holding\s+up|trending|shaping\s+up)\b/;
// Advice on how to sell, whatever it names: "what's the best way to find decision makers at a bank?", "tips
// for selling to healthcare", "how should I approach a CFO", "how can I improve my reply rates", "what
// should I say to a CFO who …", "how many leads should I contact per day?".
const ADVICE =
  /\b(?:(?:what['’]?s|what\s+is)\s+the\s+best\s+way|best\s+ways?\s+to|(?:any|some|give\s+me|got\s+any)\s+(?:tips|advice|pointers)|tips?\s+(?:for|on)|advice\s+(?:for|on)|how\s+should\s+(?:i|we)|how\s+(?:would|should|do|can|could)\s+(?:you|i|we|one)\s+(?:pitch|sell|position|market|frame|present|introduce)|how\s+(?:can|do|could|would)\s+(?:i|we)\s+(?:improve|increase|boost|grow|handle|deal|convince|persuade|approach|win|close|book|avoid|stop|write|structure|prepare|prep|overcome|respond|answer|negotiate|motivate|become|learn|hit|beat|get\s+(?:better|good|more\s+(?:replies|meetings|responses|deals)))|how\s+to\s+(?:improve|increase|boost|grow|handle|deal|convince|approach|win|close|book|avoid|write|structure|prepare|overcome|respond|negotiate|hit|beat))\b|^(?:what(?!.*\b(?:leads?|prospects?|contacts?|accounts?|companies|people|ones|xtitle|xstatus)\b)|how\s+(?:many|much|often|long|frequently))\b.*\bshould\s+(?:i|we)\b(?!.*\b(?:xperson|xordinal|him|her)\b)|^what\s+(?:should|do|would|could)\s+(?:i|we)\s+(?:say|tell|do|ask|answer|reply|respond|offer|bring|wear)\b(?!.*\b(?:xperson|xordinal|him|her)\b)|^should\s+(?:i|we)\b(?!.*\b(?:xperson|xcompany|xordinal|him|her|them|it)\b)/;
// "which cities in Germany have the most startups?", "what countries are best for fintech?": places,
// industries or markets compared, with no lead of ours among them.
const WHICH_PLACES = /^(?:which|what)\s+(?:cities|countries|industries|sectors|regions|markets|verticals|states)\b/;
// "is Denmark expensive for business travel?", "is HubSpot worth it?": a yes/no question about a value.
const IS_VALUE = /^(?:is|are|was|were|isn['’]?t|aren['’]?t)\s+(?:the\s+)?(?:xplace|xtech|xindustry)\b/;
// "what do you know about the logistics industry?", "tell me about Berlin": knowledge of a value, not leads.
const ABOUT_A_VALUE =
  /^(?:what\s+do\s+you\s+know\s+about|tell\s+me\s+(?:more\s+|a\s+bit\s+|something\s+)?about|explain)\s+(?:the\s+)?(?:xindustry|xplace|xtech)(?:\s+(?:industry|sector|market|space|scene|ecosystem|landscape))?$/;
// "how do I get more leads?": a how-to naming no value is advice; "how do I see banking leads in Frankfurt?"
// names what to search.
const HOW_TO_GET = /^how\s+(?:do|can|could|would|should)\s+(?:i|we)\s+(?:get|find|generate|source|attract|land|win)\b/;
// "write a haiku about pipeline", "tell me a joke about CRMs": creative writing is no sales email.
const CREATIVE =
  /\b(?:write|compose|make\s+up|come\s+up\s+with|give\s+me|tell\s+me)\s+(?:me\s+)?(?:a|an|some|another)?\s*(?:[\p{L}-]+\s+)?(?:poem|haiku|song|jokes?|story|stories|limerick|rap|riddle|essay|speech|toast|slogan|tagline|tweet|blog\s+post|linkedin\s+post|article|pun)\b/u;
// "is it better to have more leads or better leads?", "would it be smarter to call first?": a choice between
// ways of working, asked in general.
const WHICH_IS_BETTER = /^(?:is\s+it|would\s+it\s+be|isn['’]?t\s+it)\s+(?:\p{L}+\s+)?(?:better|best|smarter|wiser|more\s+effective)\s+to\b/u;
// "roughly how many leads should an SDR work per week?": a norm for someone in general, not the rep.
const HOW_MANY_SHOULD_ONE =
  /^(?:roughly\s+|approximately\s+|about\s+|so\s+)?how\s+(?:many|much|often|long)\b.*\bshould\s+(?:an?|each|every|one|the\s+(?:average|typical)|a\s+(?:typical|good|new))\s+/;
// "… what's the textbook definition?": a meaning asked for, whoever used the word.
const DEFINITION_ASKED = /\b(?:textbook|dictionary|official|proper|formal|standard)\s+definition\b|\bwhat['’]?s\s+the\s+definition\s+of\b/;
const LEAD_NOUN = /\b(?:leads?|prospects?|contacts?|pipeline|accounts?)\b/;
// "how big is the insurance industry in the UK?", "is the fintech market in Berlin saturated?", "what's the SaaS
// space like?": a question whose subject is a market, not leads.
const MARKET_SUBJECT =
  /\b(?:is|are|was|were|['’]s|will|has|have|does|do)\s+(?:the\s+)?(?:(?:global|whole|entire|local|overall|xplace|xindustry|xtech|\p{L}+tech)\s+)*(?:industry|market|sector|economy|space|scene|ecosystem|landscape)\b/u;
// "how do most companies score leads?", "how do successful teams qualify prospects?": how others in general
// work, whatever they work on.
const HOW_OTHERS_GENERALLY =
  /^how\s+(?:do|does|did|would|should|can|could)\s+(?:most|many|other|some|all|typical|successful|top|the\s+best|good|great|big|large|small|the\s+big|the\s+top)\s+(?:\p{L}+\s+)?(?:companies|teams|reps|sdrs|bdrs|aes|people|orgs|organi[sz]ations|startups|businesses|firms|salespeople|sellers|managers|vendors|folks)\b/u;
// "what makes a lead qualified?", "what counts as a hot lead?", "when is a deal considered closed?": criteria asked
// for in general, not leads meeting them.
const CRITERIA =
  /\bwhat\s+(?:makes|counts\s+as|qualifies\s+as|defines|turns)\s+(?:a|an|someone|something|somebody)\b|^when\s+(?:is|does|do|are)\s+(?:a|an)\s+(?:[\p{L}-]+\s+){1,3}(?:considered|deemed|counted|called|count|become)\b/u;
// "how many hospitals are there in the UK?": a count of things in the world, not of leads, companies or people.
const HOW_MANY_EXIST =
  /^how\s+many\s+(?:\p{L}+\s+)?(?!(?:leads?|prospects?|contacts?|accounts?|customers?|clients?|compan(?:y|ies)|firms?|businesses|startups?|people|persons?|folks|ones|xtitle|xstatus|xperson|xcompany)\b)\p{L}+\s+(?:are\s+there|exist|are\s+out\s+there)\b/u;
// "how do you say 'qualified lead' in German?", "how do I pronounce Nguyen?": language, not leads.
const LANGUAGE = /^how\s+(?:do|would|should|can|could)\s+(?:you|i|we|one)\s+(?:say|spell|pronounce|translate)\b|^translate\b/;
// A question asked alone, then a remark ("What is Gong used for? My VP keeps bringing it up"): the remark asks for
// nothing, so the question is the message.
const ASKS_FOR = /\b(?:show|find|list|get|give|gimme|pull|search|fetch|draft|write|enrich|mark|log|note|need|want|looking|send|any|which|who)\b|\?/;

/**
 * Whether the message (its first line, placeholders in; see abstract-entities.ts) asks about the world.
 * `abstracted` is lower case with names, companies, places and values as placeholders; `namesValues` says
 * whether the filter grammar read a value in it.
 */
export function asksAboutTheWorld(abstracted: string, namesValues = false): boolean {
  const sentences = abstracted.split(/(?<=\?)\s+(?=\S)/);
  if (sentences.length > 1 && asksAboutTheWorld(sentences[0]!, namesValues) && !sentences.slice(1).some((x) => ASKS_FOR.test(x.toLowerCase()))) return true;
  const t = abstracted
    .toLowerCase()
    .replace(/^(?:(?:so|and|ok|okay|hey|hmm|quick question|random question|curious)[,:]?\s+)+/, '')
    .replace(/\b(?:actually|exactly|really|even|anyway|again|generally|usually|these days|nowadays|right now|today)\b/g, ' ')
    .replace(/[?!.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (CREATIVE.test(t) || ADVICE.test(t)) return true;
  if (!/\b(?:xperson|xcompany|xordinal|xemail)\b/.test(t) && (WHICH_IS_BETTER.test(t) || HOW_MANY_SHOULD_ONE.test(t) || DEFINITION_ASKED.test(t))) {
    return true;
  }
  if (HOW_TO_GET.test(t) && !namesValues && !/\b(?:xperson|xcompany|xordinal)\b/.test(t)) return true;
  // How others behave or a market is doing, asked about a subject that is not the rep ("how do fintech
  // startups find their first customers"): "their" is the subject's, so only the rep's own words count.
  const rep = /\b(?:i|me|my|we|us|our|xperson|xcompany|xordinal|xemail)\b/.test(t);
  if (LANGUAGE.test(t)) return true;
  if (!rep && (HOW_OTHERS_GENERALLY.test(t) || CRITERIA.test(t) || HOW_MANY_EXIST.test(t))) return true;
  const ours = rep || LEAD_NOUN.test(t);
  if (!ours && QUESTION_OPENER.test(t) && MARKET_SUBJECT.test(t)) return true;
  if (!ours && (HOW_OTHERS.test(t) || HOW_DOING.test(t) || WHICH_PLACES.test(t) || ABOUT_A_VALUE.test(t) || IS_VALUE.test(t))) return true;
  if (OWN_DATA.test(t)) return false;
  if (DEFINITION_WITH_ARTICLE.test(t) && !RECOMMENDATION.test(t)) return true;
  const bare = DEFINITION_BARE.exec(t);
  if (bare && !NOT_A_TERM.test(bare[1]!) && !/\b(?:leads|prospects|contacts)\b/.test(t)) return true;
  if (QUESTION_OPENER.test(t) && (PURPOSE.test(t) || NORM.test(t))) return true;
  return false;
}
