// A rep's description of leads → the findLeads filter (core/leads/filter.ts).
//
// Mappings worth knowing:
// - Sizes: "small companies"/"SMBs" → at most 50 employees; "mid-size"/"mid-market" → 51-1000;
//   "large"/"enterprise" → at least 1000. Stated bounds are inclusive at the number said ("more than
//   1000 employees" → at least 1000, "under 50" → at most 50): reps speak in round numbers, and dropping
//   the 1000-person company over an off-by-one helps nobody. "Startups" says nothing about size here.
// - Scores: "hot" → at least 80, "warm" → at least 60, "score above N" → at least N.
// - "Who should I call/contact" → uncontacted leads scoring at least 80.
import type { LeadFilter, LeadStatus } from '../../leads/filter.ts';
import { NUMBER_PATTERN, parseNumber } from './numbers.ts';
import { Phrase } from './phrase.ts';
import { extractRoles } from './extract-roles.ts';
import { industryFilter, namesAValue, placeFilter, techFilter, valueKinds, type TermContext } from './extract-catalog-terms.ts';
import { expandShorthand } from './shorthand.ts';
import { knowledgeOf, type Knowledge } from './knowledge.ts';
import { isNegated, negatedSpans, uncertainSpans } from './negation.ts';

const N = NUMBER_PATTERN;
const SIZE_UNIT = '(?:employees|employee|people|persons|staff|heads|headcount|ftes?|workers|person|ppl)';
const LEAD_NOUN = '(?:leads?|prospects?|contacts?|people|persons|results?|companies|accounts?|names|records|ones)';

const HOT_SCORE = 80;
const WARM_SCORE = 60;
const SMALL_MAX = 50;
const MID_MIN = 51;
const MID_MAX = 1000;
const LARGE_MIN = 1000;

/** Words that carry no filter meaning; anything else left over may be a company or person to search for. */
const FILLER = new Set(
  (
    'a an the any all some every me my our us we i you your show list find get give pull fetch display search look ' +
    'for up at in from with of and or that which who whom whose are is was be there those these them this it ' +
    'leads lead prospects prospect contacts contact people person companies company accounts account firms firm ' +
    'businesses business startups startup orgs organizations organisations brands space sector industry vertical ' +
    'based located working work works employed can could would will please pls kindly want need like to see ' +
    'only just more also other new what which how many do does have has had got around near within across ' +
    'today now currently right one ones on by into about their his her its folks guys tell let know ' +
    'best top good great interesting relevant potential possible sales salesos hey hi hello thanks named called ' +
    // Words of an exclusion are never a company to search for ("from anywhere other than the US").
    'anywhere anything anyone anybody everywhere everything everyone somewhere something than except excluding but not no outside without besides minus ' +
    // The rep speaking of themselves ("I'd love a list of …") names no company.
    "i'd i’d i'm i’m i'll i’ll i've i’ve"
  ).split(' '),
);

export interface ExtractedFilter {
  filter: LeadFilter;
  /** How many distinct things were recognised (0 = nothing looked like a filter). */
  signals: number;
  /** The words read as part of a filter ("studios" of "game studios", "c-suite"), in lower case. */
  consumed: Set<string>;
}

export function extractFilters(text: string, knowledge: Knowledge = knowledgeOf(undefined)): ExtractedFilter {
  // An all-caps message says nothing through its capitals ("IN" is not India), so read it in lower case.
  const read = expandShorthand(/\p{Ll}/u.test(text) ? text : text.toLowerCase()).replace(/\bnon-(?=\p{L})/giu, 'non ');
  const p = new Phrase(read);
  const f: LeadFilter = {};
  let signals = 0;
  const t: TermContext = {
    knowledge,
    negated: negatedSpans(
      p.original,
      (fragment) => namesAValue(fragment, knowledge),
      (fragment) => valueKinds(fragment, knowledge),
    ),
  };
  // What a negation of unknown scope may cover is read as nothing: never searched for, never excluded.
  for (const span of uncertainSpans(t.negated)) p.blank(span.start, span.end);

  // "Who should I contact at Acme?" asks for the people at Acme, not for my hottest uncontacted leads.
  if (p.take(/\bwho\s+(?:should|do|can|could|shall)\s+i\s+(?:call|contact|reach out to|ring|phone|talk to|email|speak to)(?=\s+(?:at|in|from|over at)\s)/i)) {
    signals++;
  } else if (
    p.take(/\bwho\s+(?:should|do|can|could|shall)\s+(?:i|we)\s+(?:call|contact|reach out to|ring|phone|prioriti[sz]e|talk to|focus on|meet|visit)\b/i)
  ) {
    f.status = ['new'];
    f.minScore = HOT_SCORE;
    signals++;
  }

  signals += sizeFilter(p, f);
  signals += scoreFilter(p, f);
  signals += limitFilter(p, f);
  signals += ownerFilter(p, f);
  // Places before statuses: "New York" is not a "new" lead.
  signals += placeFilter(p, f, t);
  // Roles before statuses: "customer success managers" and "Directors of Customer Experience" are titles.
  const roles = extractRoles(p);
  if (roles.title) f.title = roles.title;
  if (roles.seniority) f.seniority = roles.seniority;
  signals += (roles.title ? 1 : 0) + (roles.seniority ? 1 : 0);
  signals += statusAndSort(p, f, t);

  signals += techFilter(p, f, t);
  signals += industryFilter(p, f, t);
  // Before the query: a query takes any words, so they say nothing about the request's scope.
  const consumed = consumedWords(p);
  signals += queryFilter(p, f, t);
  return { filter: f, signals, consumed };
}

function consumedWords(p: Phrase): Set<string> {
  const words = new Set<string>();
  for (const m of p.original.matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
    if (/^\u2022+$/.test(p.rest.slice(m.index, m.index + m[0].length))) for (const w of m[0].toLowerCase().split('-')) words.add(w);
  }
  return words;
}

function sizeFilter(p: Phrase, f: LeadFilter): number {
  const num = (s: string | undefined) => (s === undefined ? undefined : parseNumber(s));
  let m =
    p.take(new RegExp(`\\bbetween\\s+(${N})\\s+(?:and|to|-)\\s+(${N})\\s*${SIZE_UNIT}`, 'i')) ??
    p.take(new RegExp(`\\b(${N})\\s*(?:-|–|to)\\s*(${N})\\s*${SIZE_UNIT}`, 'i')) ??
    p.take(new RegExp(`\\b(?:size|sized|headcount|with)\\s+(?:of\\s+)?(${N})\\s*(?:-|–|to)\\s*(${N})\\b`, 'i'));
  if (m) {
    const a = num(m[1]);
    const b = num(m[2]);
    if (a !== undefined && b !== undefined) {
      f.companySizeMin = Math.max(1, Math.min(a, b));
      f.companySizeMax = Math.max(1, a, b);
      return 1;
    }
  }
  m =
    p.take(
      new RegExp(
        `(?<!\\b(?:no|not)\\s+)\\b(?:more than|over|above|at least|greater than|bigger than|larger than|no (?:less|fewer|smaller) than|not (?:less|fewer) than|minimum(?: of)?|min\\.?|>=?)\\s*(${N})\\s*\\+?\\s*${SIZE_UNIT}`,
        'i',
      ),
    ) ??
    p.take(new RegExp(`\\b(?<=(?:companies|firms|businesses)\\s+(?:with\\s+)?)(?<!\\b(?:no|not)\\s+)(?:more than|over|above|at least)\\s*(${N})\\b`, 'i')) ??
    p.take(new RegExp(`\\b(${N})\\s*(?:\\+|or more|and up|and above|plus)\\s*${SIZE_UNIT}`, 'i')) ??
    // "company size 1000 or more", "headcount 500+": the size named before the number.
    p.take(
      new RegExp(`\\b(?:company\\s+)?(?:size|headcount|employees)\\s+(?:of\\s+)?(${N})\\s*(?:\\+|or\\s+(?:more|bigger|larger|above)|and\\s+(?:up|above))`, 'i'),
    ) ??
    p.take(new RegExp(`\\b(${N})\\s*${SIZE_UNIT}\\s+(?:or more|and up|and above|plus|or bigger|or larger)`, 'i'));
  if (m && num(m[1])) {
    f.companySizeMin = num(m[1]);
    return 1;
  }
  m =
    p.take(
      new RegExp(
        `(?<!\\b(?:no|not)\\s+)\\b(?:less than|fewer than|under|below|at most|up to|smaller than|no (?:more|bigger|larger|greater) than|not (?:more|over) than|not over|maximum(?: of)?|max\\.?|<=?)\\s*(${N})\\s*${SIZE_UNIT}`,
        'i',
      ),
    ) ??
    p.take(new RegExp(`\\b(${N})\\s*${SIZE_UNIT}\\s+(?:or\\s+(?:fewer|less|under|below)|max(?:imum)?|tops|at most)\\b`, 'i')) ??
    p.take(
      new RegExp(`\\b(?<=(?:companies|firms|startups|businesses|teams)\\s+(?:with\\s+)?)(?:less than|fewer than|under|below|at most|up to)\\s*(${N})\\b`, 'i'),
    );
  if (m && num(m[1])) {
    f.companySizeMax = num(m[1]);
    return 1;
  }
  if (p.take(/\b(?:small(?:er)?(?:\s+(?:companies|businesses|firms|startups|teams|shops))?|smbs?|smes?)\b/i)) {
    f.companySizeMax = SMALL_MAX;
    return 1;
  }
  if (p.take(/\b(?:mid[\s-]?(?:size|sized|market)|medium(?:[\s-]sized?)?)\b/i)) {
    f.companySizeMin = MID_MIN;
    f.companySizeMax = MID_MAX;
    return 1;
  }
  if (
    p.take(
      /\b(?:large|big|enterprises?|enterprise[\s-](?:level|sized?|companies|accounts))\b(?:\s+(?:companies|firms|accounts|businesses|organi[sz]ations|corporations))?/i,
    )
  ) {
    f.companySizeMin = LARGE_MIN;
    return 1;
  }
  return 0;
}

function scoreFilter(p: Phrase, f: LeadFilter): number {
  const m =
    p.take(
      new RegExp(
        `\\b(?:fit\\s+)?scor(?:e|es|ed|ing)\\s+(?:of\\s+|is\\s+|must be\\s+|should be\\s+)?(?:above|over|at least|greater than|higher than|more than|>=?|of|(?:not|no)\\s+(?:below|under|less\\s+than|lower\\s+than))?\\s*(${N})(?![A-Za-z])(?:\\s*\\+|\\s+or\\s+(?:more|higher|above|better))?`,
        'i',
      ),
    ) ??
    p.take(new RegExp(`\\b(?:minimum|min\\.?)\\s+(?:fit\\s+)?score\\s+(?:of\\s+)?(${N})`, 'i')) ??
    p.take(new RegExp(`\\b(${N})\\s*\\+?\\s*(?:fit\\s+)?score\\b`, 'i')) ??
    p.take(new RegExp(`\\b(?:with\\s+)?(?:a\\s+)?score\\s*(?:>=?|≥)\\s*(${N})`, 'i'));
  if (m) {
    const n = parseNumber(m[1]!);
    if (n !== undefined && n >= 0 && n <= 100) {
      f.minScore = n;
      return 1;
    }
  }
  // "the highest-scoring leads" ranks them; "hot leads" sets a bar.
  if (p.take(/\b(?:highest|best|top)[\s-]scor(?:ing|ed)\b/i)) {
    f.sort = 'score';
    return 1;
  }
  if (p.take(/\b(?:hot(?:test)?|high[\s-]intent)\b/i)) {
    f.minScore = HOT_SCORE;
    return 1;
  }
  if (p.take(/\bwarm(?:est)?\b/i)) {
    f.minScore = WARM_SCORE;
    return 1;
  }
  return 0;
}

function limitFilter(p: Phrase, f: LeadFilter): number {
  const m =
    p.take(new RegExp(`\\b(?:top|first|best|next|another)\\s+(${N})\\b`, 'i')) ??
    p.take(new RegExp(`\\b(${N})(?=\\s+(?:more\\s+|other\\s+|new\\s+)?(?:[\\w\u2022-]+\\s+){0,3}?${LEAD_NOUN}\\b)`, 'i')) ??
    p.take(new RegExp(`\\b(?:show|give|list|find|get|pull|fetch|display)\\s+(?:me\\s+|us\\s+)?(?:the\\s+)?(${N})\\b`, 'i')) ??
    p.take(new RegExp(`\\b(?:limit(?:\\s+(?:it|results))?(?:\\s+to|\\s*[:=])?|only|just|max(?:imum)?(?:\\s+of)?)\\s+(${N})\\b`, 'i')) ??
    p.take(new RegExp(`\\b(${N})\\s+of\\s+(?:them|['’]?em|those|these)\\b`, 'i')) ??
    p.take(new RegExp(`\\b(?:need|want|gimme|give me)\\s+(?:like\\s+|about\\s+|around\\s+|maybe\\s+)?(${N})\\b(?!\\s*(?:%|k\\b|${SIZE_UNIT}))`, 'i')) ??
    p.take(new RegExp(`\\b(${N})\\s+(?:max|tops|at most|results?)\\b`, 'i')) ??
    p.take(/\b(a few|a couple(?: of)?|a handful(?: of)?|several|a dozen)\b/i);
  if (!m) return 0;
  const n = parseNumber(m[1]!);
  if (n === undefined || n < 1) return 0;
  f.limit = Math.min(n, 100);
  // "best 3": the best-scoring ones, which a later "newest" may still override.
  if (/^best\b/i.test(m[0])) f.sort = 'score';
  return 1;
}

function ownerFilter(p: Phrase, f: LeadFilter): number {
  if (
    p.take(
      /\b(?:my\s+team(?:'s|’s|s)?|our\s+team(?:'s|’s|s)?|the\s+team(?:'s|’s)|team)(?=\s+(?:[\w\u2022-]+\s+){0,3}?(?:leads|prospects|contacts|accounts|pipeline|list|book|customers|clients)\b)/i,
    ) ||
    p.take(
      /\b(?:owned by|assigned to|belonging to|(?:that|which|who)?\s*belongs?\s+to|held by|handled by|managed by|worked by|covered by|looked after by)\s+(?:my|our|the)\s+team\b/i,
    ) ||
    // "the new leads on my team", "replied prospects across our team": the team after the lead noun.
    p.take(
      /(?<=\b(?:leads?|prospects?|contacts?|accounts?|ones|pipeline)\b[^,.;:!?\n]{0,40}?)\b(?:on|in|of|from|across|for|within)\s+(?:my|our|the)\s+team\b/i,
    ) ||
    // "team's leads except …": the possessive alone, before its lead noun.
    p.take(/^\s*team(?:'s|’s)(?=\s+(?:[\w-]+\s+){0,3}?(?:leads|prospects|contacts|accounts|pipeline)\b)/i) ||
    p.take(/\b(?:the|my|our)\s+team\s+(?:has|have|owns|own|is working|works|is on)\b/i)
  ) {
    f.owner = 'team';
    return 1;
  }
  if (
    p.take(
      /\b(?:unassigned|unowned|without an? owner|no owner|nobody(?:'s|’s|\s+owns)|no\s*one(?:'s|’s|\s+owns)|not (?:owned|assigned) (?:by|to) any(?:one|body)|(?:aren['’]?t|isn['’]?t|are\s+not|is\s+not)\s+(?:owned|assigned)(?:\s+(?:by|to)\s+any(?:one|body))?|owned by no\s*(?:one|body)|not assigned)\b/i,
    )
  ) {
    f.owner = 'unassigned';
    return 1;
  }
  // Before "my": "everyone's, not just mine" is anyone's.
  if (
    p.take(
      /\b(?:anyone(?:'s|’s)|everyone(?:'s|’s)|all\s+(?:the\s+)?leads\s+i\s+can\s+see|any owner|(?:regardless of|no matter|irrespective of)\s+(?:who\s+owns\s+(?:them|it)|(?:the\s+)?owner(?:ship)?)|whoever owns (?:them|it)|(?:doesn['’]?t|does not|don['’]?t|do not)\s+(?:matter|care)\s+who\s+owns\s+(?:them|it)|not\s+(?:just|only)\s+(?:mine|my\s+own|my\s+leads|me))\b/i,
    )
  ) {
    f.owner = 'any';
    return 1;
  }
  // "my" only counts when it owns the leads ("my uncontacted leads"), not "my digest".
  if (
    p.take(
      /\b(?:my|mine|i own|assigned to me|owned by me)\b(?=(?:\s+[\w\u2022'’-]+){0,3}?\s+(?:leads|prospects|contacts|accounts|pipeline|book|list|customers|clients)\b|\s*[?.!]*$)/i,
    ) ||
    // "what am I working on in healthcare?": the leads the rep works are theirs.
    p.take(/\b(?:what|who|which\s+(?:leads|ones|accounts))\s+(?:am\s+i|are\s+mine)\s+(?:currently\s+)?(?:working(?:\s+on)?|handling|chasing)\b/i) ||
    p.take(/\b(?:assigned to me|owned by me|that i own|i own)\b/i)
  ) {
    f.owner = 'me';
    return 1;
  }
  return 0;
}

function statusAndSort(p: Phrase, f: LeadFilter, t: TermContext): number {
  let signals = 0;
  if (
    p.take(
      // "best scores first", "by fit score", "ranked by fit", "best fit first", "highest scores on top".
      /\b(?:(?:best|top|highest|strongest|hottest)[\s-](?:fit[\s-])?(?:(?:scor(?:e|es|ed|ing)|rated|ranked|ones?|leads?|matches|fits?|prospects?)\s+){0,2}(?:first|on\s+top|at\s+the\s+top)|(?:(?:sorted|sort(?:ed)?|ordered|order|ranked|rank)\s+)?by\s+(?:(?:fit|lead)\s+)?score|(?:sorted|ordered|ranked)\s+by\s+fit)\b/i,
    )
  ) {
    f.sort = 'score';
    signals++;
  }
  if (
    p.take(
      /\b(?:newest|latest|most recent(?:ly added)?|(?:added|created|imported)\s+(?:the\s+)?most\s+recently|recently (?:added|imported|created)|recent|just added|added (?:recently|this week|today|lately)|new(?:ly)? (?:added|imported))\b/i,
    )
  ) {
    f.sort = 'recent';
    signals++;
  }
  const statuses = new Set<LeadStatus>(f.status ?? []);
  const excluded = new Set<LeadStatus>();
  const add = (re: RegExp, s: LeadStatus) => {
    for (const m of p.takeAll(re)) (isNegated(t.negated, m.index) ? excluded : statuses).add(s);
  };
  add(
    /\b(?:un[\s-]?contacted|not (?:yet )?(?:been )?contacted|(?:haven|hasn)['’]?t (?:yet )?(?:been )?(?:contacted|reached out to|called|emailed|touched)|(?:have|has) not (?:yet )?(?:been )?(?:contacted|reached out to)|never (?:been )?contacted|not (?:yet )?reached out to|untouched|fresh|brand[\s-]new|new(?![\s-]?(?:york|delhi|zealand|business)))\b(?:\s+yet)?/i,
    'new',
  );
  add(/\bdis[\s-]?qualified\b|\bdq['’]?d\b/i, 'disqualified');
  add(/\b(?:already\s+)?(?:contacted|reached out to|in progress|in touch with|touched)\b/i, 'contacted');
  add(/\b(?:replied|responded|answered|got back(?: to (?:me|us))?|replies|responses|reply|respond)\b/i, 'replied');
  add(/\b(?:qualified|sqls?|mqls?)\b/i, 'qualified');
  add(/\b(?:customers?|clients?|closed[\s-]won|won deals?)\b/i, 'customer');
  for (const s of statuses) excluded.delete(s);
  if ((statuses.size && !f.status) || excluded.size) signals++;
  if (statuses.size) f.status = [...statuses];
  if (excluded.size) f.excludeStatus = [...excluded];
  return signals;
}

// A company name ends at a linking word or a sentence adverb ("anybody at zahlwerk yet", "… already?").
const QUERY_STOP = /^(?:in|with|that|who|which|and|or|using|on|based|located|from|at|please|sorted|by|for|whose|where|yet|already|though|anymore|again)$/i;

function queryFilter(p: Phrase, f: LeadFilter, t: TermContext): number {
  // "leads at Acme", "people from Globex Corp", "named Jane Doe", "search for acme"
  const cue =
    /\b(?:at(?!\s+(?:all|least|most|once|first|last|the\s+moment)\b)|from|with(?:in)?\s+(?:the\s+)?company|work(?:s|ing)?\s+(?:at|for)|employed\s+(?:at|by)|named|called|matching|mentioning|containing|search(?:ing)?\s+for|look(?:ing)?\s+for|find|search|company)\s+([^\u2022?!,;:]+)/i;
  const m = p.test(cue) ? new RegExp(cue.source, 'i').exec(p.rest) : null;
  if (m) {
    const words = m[1]!.trim().split(/\s+/);
    const kept: string[] = [];
    for (const w of words) {
      if (QUERY_STOP.test(w) || /\u2022/.test(w)) break;
      kept.push(w);
    }
    while (kept.length && FILLER.has(kept.at(-1)!.toLowerCase())) kept.pop();
    while (kept.length && FILLER.has(kept[0]!.toLowerCase())) kept.shift();
    const query = kept
      .join(' ')
      .replace(/['’]s$/, '')
      .trim();
    if (query.length >= 2 && kept.some((w) => !FILLER.has(w.toLowerCase()))) {
      f.query = query.slice(0, 200);
      p.blank(m.index, m.index + m[0].length);
      return 1;
    }
  }
  // Otherwise: capitalised words nobody else claimed ("find Jane Doe", "any leads at Initech?").
  // A name the rep wants left out ("but skip Acme") is no name to search for: there is no company exclusion.
  const leftovers = p.tokens().filter((w) => !FILLER.has(w.word.toLowerCase()) && /^\p{Lu}/u.test(w.word) && w.start > 0 && !isNegated(t.negated, w.start));
  if (leftovers.length && leftovers.length <= 4) {
    f.query = leftovers.map((t) => t.word).join(' ');
    return 1;
  }
  return 0;
}
