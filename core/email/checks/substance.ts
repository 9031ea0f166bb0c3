// What the email offers and why the reader should believe it: a concrete value proposition (what changes,
// for whom) and a proof point (a result, with a number or a named customer). Sources: docs/email-rubric.md.
import type { CheckResult } from '../types.ts';
import { contentWords, hasMeasure, isOwnEntity, listItems, namedEntities, onlyBareFigures, RESULT_VERB, senderNames } from '../text-signals.ts';
import { SELF_DESCRIPTION, SPAM_PATTERNS, VAGUE_WORDS } from '../vocabulary.ts';
import { classifyAsk, findAsks } from './ask.ts';

const GIVING_ASK =
  /^(?:(?:so|and)[,\s]+)?(?:want|would you like|(?:should|can|could|shall|may) i (?:send|share|forward|pass along)|happy to send|i can send)\b(?:\s+(?:me to send|me to share))?\s+(?:you\s+)?(?:the|a|an|my|our|this|that|these|those)\s+\p{L}+/iu;
import { type EmailContext, quote, result } from './context.ts';
import { isObservation } from './relevance.ts';
import { proseSentences, statementsOf } from '../structure.ts';

// The sender or the product doing something: "We route…", "Our cameras inspect…", "Acme helps…".
const OFFER_SUBJECT = /\b(we|we['’](re|ve|ll)|our|us|i can|i help|i['’]ll)\b|\b(helps|lets|gives|enables)\b|\bwhat [A-Z][\w-]+ does\b/i;
// Who it is for: the reader, their team, or a class of customers.
const AUDIENCE =
  /\b(you|your|yours)\b|\b\w+s like yours\b|\bfor [\w-]+( \w+)? (teams|leaders|companies|firms|banks|brands|stores|plants|hospitals|schools|owners|founders|reps|systems|networks|practices|clinics|groups|carriers|agencies)\b|\b(?:of|at) (?:your|\p{Lu}[\p{L}-]*['’]s) (?:size|scale|stage)\b/iu;
const CUSTOMER_CUE = /\b(customers?|clients?|teams? (like|at|we work with)|companies (like|we work with)|one of our|for (one|a|his|her|their) \w+)\b/i;
// Only a generic "our clients": with the sender as subject, that is a volume of ours, not a customer's result.
const GENERIC_CUSTOMERS = /\b(?:for|to|with) (?:our|all our|many of our|\d+\+?) (?:customers|clients)\b/i;
// Regular past tense, and the irregular verbs results are told with ("kept 41% of return value as exchanges").
const PAST_TENSE =
  /\b\p{L}{3,}ed\b|\b(?:kept|made|built|brought|took|held|ran|paid|sold|spent|won|grew|met|beat|drove|freed|rebuilt|sped|shrank|struck|fought|caught|chose|gave|led)\b/u;
// Participles that describe rather than report a change ("based on a 150-seat licence").
const NOT_A_RESULT = /\b(?:based|called|named|located|headquartered|used|needed|interested|related|priced|sized|limited|licensed)\b/gi;
// Claims nobody can check: guarantees, "10,000+", "#1", "up to 10x" (FTC: an "up to" claim promises what few
// customers get), "studies show" with no study named.
const HYPE =
  /\bguarantee[ds]?\b|\bproven\b|\b\d{1,3}(,\d{3})+\+|\btrusted by\b|\b\d+\+\s+(?:companies|customers|clients|brands|teams|businesses|organi[sz]ations|logos)\b|\b\d+,?000\+|\b#1\b|\bup to \d|\b(?:studies|research|surveys?) (?:show|shows|suggest|suggests|prove|proves|find|finds)\b/i;
// A result told of a crowd with no one named ("Our clients have increased efficiency by 73.6%", "97% of our
// customers see results"): an aggregate nobody can check, unlike one customer, named or described.
const UNNAMED_CROWD =
  /\b(?:our|all|most|many|\d+%\s+of\s+(?:our|their)?)\s*(?:customers|clients|users|members|partners)\b|^(?:customers|clients|users|companies|businesses|teams|brands|firms)\b/i;
const PEERS = /\b(?:of|at) (?:your|their|\p{Lu}[\p{L}-]*['’]s) (?:size|scale)\b|\b\p{L}+ (?:your|their) size\b|\bpeers?\b/iu;
const LOGO_COUNT = /\btrusted by\b[^,.;]*|\b\d[\d,]*\+\s+\p{L}+/giu;
const ONE_CUSTOMER = /\b(?:one|a|another) (?:of (?:our|my) )?(?:customers?|clients?)\b|\bfor (?:one|a|his|her|their) \w+/i;

// What a customer runs is not what changes for them ("companies that use Salesforce"), and "get more out of it"
// is a promise any vendor could make: neither is a specific word of an offer.
const TOOLS_THEY_USE =
  /\b(?:(?:that|who|which)\s+(?:use|uses|run on|runs on|are on|is on|rely on|relies on)|using|running)\s+(?:\p{Lu}[\p{L}\p{N}.]*(?:,?\s+(?:and\s+)?)?)+/gu;
const MORE_OUT_OF = /\b(?:get|gets|getting)\s+(?:more|the most)\s+(?:value\s+)?out\s+of\s+(?:it|them|their \w+|your \w+|\p{Lu}[\p{L}\p{N}]*)/giu;

function specificWords(sentence: string): string[] {
  return contentWords(sentence.replace(TOOLS_THEY_USE, ' ').replace(MORE_OUT_OF, ' ')).filter((w) => !VAGUE_WORDS.has(w));
}

// What a figure measures, not who got it: "500% ROI" names no customer.
const METRIC = /^(?:ROI|KPIs?|NPS|CAC|LTV|ARR|MRR|CSAT|SLAs?|TCO|OEE|DSO|DPO|EBITDA|YoY|QoQ|AOV|CTR|CPC|CPA|CPL|CPM|MQLs?|SQLs?|MTTR|MTBF|RPO|RTO|P&L)$/;
// A name right after "use", "using", "run on", "built on" is a tool, not a customer ("companies that use Salesforce").
const isTool = (s: string, e: string) =>
  new RegExp(String.raw`\b(?:use|uses|using|used|run on|runs on|running|built on|on top of)\s+${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'u').test(s);

export interface ValueStatement {
  sentence: string;
  concrete: boolean;
}

// The product as the subject: "Rampwise runs practice calls…", "Onboardly collects…".
const PRODUCT_SUBJECT = /^(?:\p{Lu}[\p{L}\p{N}]+)(?:\s\p{Lu}[\p{L}\p{N}]+)?\s+(?!is\b|was\b|has\b)\p{Ll}+s\b/u;

const WRITERS_REASON =
  /\b(?:so|which is why|that['’]s why|and)\s+(?:i|we)\s+(?:thought of you|thought i['’]d|figured|wanted to reach out|am reaching out|['’]m reaching out|decided to reach out)\b|\b(?:made me think of you|you came to mind)\b/i;

/** Sentences where the sender says what they do for the reader, and whether each says it concretely. */
// What an offer says changes, without what only points elsewhere: "we solve exactly that", "on exactly that problem"
// point back at the trigger and name no outcome, and "companies like Stripe and Notion" or "300+ SaaS teams" say who,
// not what changes (docs/email-rubric.md, "After set 12").
const POINTS_BACK =
  /\b(?:exactly|precisely|just)?\s*(?:that|this|the same)(?:\s+(?:exact\s+)?(?:problem|issue|challenge|gap|pain|thing))?(?=\s*[.!,;]|\s*$|\s+(?:within|in|for)\b)/gi;
function outcomeWords(s: string): string {
  let out = s.replace(OFFER_SUBJECT, ' ').replace(LOGO_COUNT, ' ').replace(POINTS_BACK, ' ');
  if (/\b(?:like|such as|including)\s+\p{Lu}/u.test(out)) for (const e of namedEntities(out)) out = out.replace(e, ' ');
  return out;
}

export function findValueStatements(sentences: string[]): ValueStatement[] {
  return (
    sentences
      .filter((s) => (OFFER_SUBJECT.test(s) || PRODUCT_SUBJECT.test(s.trim())) && !SELF_DESCRIPTION.test(s) && !classifyAsk(s) && !/\?\s*$/.test(s))
      // The writer's reason for writing ("Halden runs Kubernetes, so I thought of you") is not an offer, and figures
      // that measure nothing ("Acme achieved 37% with our platform") name no outcome.
      .filter((s) => !WRITERS_REASON.test(s) && !onlyBareFigures(s))
      // A list of five or more features is a spec sheet, not a statement of what changes for the reader.
      .map((s) => ({ sentence: s, concrete: specificWords(outcomeWords(s)).length >= 3 && listItems(s).length < 5 }))
  );
}

export function checkValueProposition({ structure, isFirstTouch }: EmailContext): CheckResult {
  const statements = findValueStatements(statementsOf(proseSentences(structure)));
  const concrete = statements.filter((v) => v.concrete);
  const addressed = AUDIENCE.test(structure.sentences.join(' '));
  // A follow-up or a breakup stands on the pitch the first email made; a measured result a customer got says
  // what changes even when no sentence says "we do X".
  // The trigger ("I saw Halden is hiring 4 engineers") is about them, not a result, as the proof check reads it.
  const shownByProof = findProofPoints(statementsOf(proseSentences(structure)).filter((s) => !isObservation(s))).some((p) => p.strength === 'strong');
  // "Want the list?", "Should I send the teardown?": when the ask gives the reader something, the thing given is
  // what the email offers, even with no "we do X" sentence.
  const givesSomething = findAsks(structure.sentences).some((a) => GIVING_ASK.test(a.sentence.trim()));
  // "We help teams like yours drive results faster": a promise made only of stock words ("results", "efficiency",
  // "revenue", "growth") says nothing a competitor could not say, so it counts as no value proposition at all.
  // A logo count ("Trusted by 500+ companies") is a claim about the sender, not what changes for the reader.
  const stock = statements.length > 0 && statements.every((v) => specificWords(v.sentence.replace(LOGO_COUNT, ' ').replace(OFFER_SUBJECT, ' ')).length <= 1);
  const status = concrete.length && addressed ? 'pass' : (statements.length && !stock) || !isFirstTouch || shownByProof || givesSomething ? 'warn' : 'fail';
  const shown = concrete.length ? concrete : statements;
  return result(
    {
      id: 'value_proposition',
      label: 'Value proposition',
      status,
      measured: concrete.length ? 'concrete' : statements.length ? 'vague' : 'none',
      target: 'what changes, concretely, for the reader',
      evidence: shown.slice(0, 2).map((v) => `"${quote(v.sentence)}"`),
      weight: 0,
      advice:
        status === 'pass'
          ? 'Says what you do and what changes for them.'
          : statements.length
            ? 'Replace the general promise ("improve efficiency", "grow faster") with what you do and the outcome, for whom: "we route every RFI to the right engineer, so answers come in days, not weeks".'
            : 'Say in one sentence what you do and what changes for a team like theirs.',
    },
    status === 'warn' ? 'a vague value proposition' : 'no value proposition',
  );
}

export interface ProofPoint {
  sentence: string;
  strength: 'strong' | 'weak';
  why: string;
}

/** Results the sender can point to: a customer or a number, with a verb that says what changed. */
export function findProofPoints(sentences: string[], prospectWords: Set<string> = new Set(), sender: Set<string> = new Set()): ProofPoint[] {
  const out: ProofPoint[] = [];
  let previousCustomers: string[] = [];
  let previousMeasured = false;
  let previous = '';
  let headerLeft = 0;
  for (const s of sentences) {
    // "We did the nexus study for Luma Candle last year. They found 11 states …": "they" is the customer just named.
    const named = namedEntities(s).filter((e) => !prospectWords.has(e.toLowerCase()) && !isOwnEntity(s, e, sender) && !METRIC.test(e));
    // "What we did for Aerolite when they made the same move:" then bullets: each item is that customer's result.
    const underHeader = headerLeft > 0 && !/^(?:we|our|i)\b/i.test(s.trim()) && !/\?\s*$/.test(s);
    headerLeft = /:\s*$/.test(s) && named.length > 0 ? 5 : underHeader ? headerLeft - 1 : 0;
    // "… save about £140 a van a year. Hargreaves Plumbing did it last spring": a customer named as having done what
    // the sentence before measured owns that result.
    const didThat = previousMeasured && named.length > 0 && /\b(?:did (?:it|this|that|the same|exactly that)|got (?:that|the same|there))\b/i.test(s);
    // "For Kettle Cycles we switched to a weekly entry; brokerage cost per order fell from $18 to $3.40": the clause
    // after one that says whom the work was for, naming nobody else, tells that customer's result.
    const continues =
      previousCustomers.length > 0 &&
      /\b(?:[Ff]or|[Aa]t|[Ww]ith)\s+\p{Lu}/u.test(previous) &&
      named.length === 0 &&
      !/^(?:we|our|i|you|your)\b/i.test(s.trim());
    const theyAreNamed = (/^(?:they|their)\b/i.test(s.trim()) && previousCustomers.length > 0) || underHeader || continues;
    previousCustomers = named;
    const measuredBefore = previous;
    previousMeasured = hasMeasure(s) && (RESULT_VERB.test(s) || /\b(?:save|earn|gain)\b/i.test(s));
    previous = s;
    if (didThat) {
      out.push({ sentence: `${measuredBefore} ${s}`, strength: 'strong', why: 'a result with a number and a customer' });
      continue;
    }
    // A spec sheet's figures ("600 dpi, 12 ips, 512 MB RAM, …") measure the product, not a result.
    if (classifyAsk(s) || /\?\s*$/.test(s) || listItems(s).length >= 5) continue;
    // The sender's own awards, funding or product names are not a customer ("just closed our $40M Series B").
    const entities = namedEntities(s).filter((e) => !prospectWords.has(e.toLowerCase()) && !isOwnEntity(s, e, sender) && !isTool(s, e) && !METRIC.test(e));
    const number = hasMeasure(s);
    // Beyond the usual verbs, a past-tense verb next to a number and a name reports what happened ("Acme trimmed 12%").
    // A level reached is a result too: "we got their CAC in Germany to EUR 24 against a EUR 41 target".
    const reached = /\b(?:got|brought|took|pushed|drove|kept)\b[^.;]{1,60}?\b(?:to|under|below|down to|up to)\s+(?:[$€£]|[A-Z]{3}\s?)?\d/.test(s);
    const past = PAST_TENSE.test(s.replace(NOT_A_RESULT, ''));
    // A before/after pair is a result too: "missing by 23% before, and by under 6% two quarters later".
    const beforeAfter = /\d[^.;?]{0,40}\bbefore\b[^.;?]{0,60}\d[^.;?]{0,40}\b(?:later|after(?:wards)?|now|today)\b/i.test(s);
    const result_ = RESULT_VERB.test(s) || reached || beforeAfter || (past && number && entities.length > 0);
    // "Acme achieved 37% with our platform, and Zenith saw 2.4x": a figure with nothing measured is no result.
    if (onlyBareFigures(s)) {
      if (entities.length > 0 || CUSTOMER_CUE.test(s)) out.push({ sentence: s, strength: 'weak', why: 'a number that measures nothing' });
      continue;
    }
    const customer = entities.length > 0 || CUSTOMER_CUE.test(s) || theyAreNamed;
    const self = SELF_DESCRIPTION.test(s) || (/^(we|our|i)\b/i.test(s) && !entities.length && !CUSTOMER_CUE.test(s) && !(number && PEERS.test(s)));
    if (self) continue;
    const hype = HYPE.test(s) || SPAM_PATTERNS.some((p) => p.re.test(s));
    const ourVolume = /^(?:we|our|i)\b|\bwe (?:processed|handled|served|shipped|sent|delivered|support)\b/i.test(s) && GENERIC_CUSTOMERS.test(s);
    const crowd = entities.length === 0 && !theyAreNamed && UNNAMED_CROWD.test(s) && !ONE_CUSTOMER.test(s);
    if (result_ && number && customer && !hype && !ourVolume && !crowd)
      out.push({ sentence: s, strength: 'strong', why: 'a result with a number and a customer' });
    else if (result_ && (number || customer))
      out.push({
        sentence: s,
        strength: 'weak',
        why:
          hype || crowd
            ? 'a claim nobody can check'
            : number && !customer && PEERS.test(s)
              ? 'a benchmark of their peers'
              : number
                ? 'a number without a customer'
                : 'a customer without a number',
      });
    else if (/\b(customers?|clients?) (like|include)\b|\bwork(s|ed)? with\b/i.test(s) && entities.length)
      out.push({ sentence: s, strength: 'weak', why: 'a customer named without a result' });
    // A number about another party, even without a result verb we know, is evidence of some kind.
    else if (number && customer) out.push({ sentence: s, strength: 'weak', why: 'a number without a clear result' });
    // "Plants your size paid 9% above the best rate": a finding measured across their peers is evidence, if unnamed.
    else if (number && PEERS.test(s)) out.push({ sentence: s, strength: 'weak', why: 'a benchmark of their peers' });
    // "We ran the first TLPT cycle for Nordbank Digital and their supervisor accepted the report": a named
    // customer and what happened, without a number.
    else if (past && entities.length > 0 && /\b(?:for|with|at|helped|their|they)\b/i.test(s))
      out.push({ sentence: s, strength: 'weak', why: 'a customer without a number' });
  }
  return out;
}

export function checkProofPoint({ structure, lead }: EmailContext): CheckResult {
  const prospect = new Set([lead?.company, lead?.firstName].filter((x): x is string => !!x).map((x) => x.toLowerCase()));
  // The trigger ("Saw Acme is hiring 3 SDRs") talks about the prospect, not about a result we produced.
  const proofs = findProofPoints(
    statementsOf(proseSentences(structure)).filter((s) => !isObservation(s)),
    prospect,
    senderNames(structure.signOff),
  );
  const strong = proofs.filter((p) => p.strength === 'strong');
  const status = strong.length ? 'pass' : proofs.length ? 'warn' : 'fail';
  return result(
    {
      id: 'proof_point',
      label: 'Proof point',
      status,
      measured: strong.length ? 'a measured result' : proofs.length ? proofs[0]!.why : 'none',
      target: 'a result with a number, for a named customer',
      evidence: (strong.length ? strong : proofs).slice(0, 2).map((p) => `"${quote(p.sentence)}"`),
      weight: 0,
      advice:
        status === 'pass'
          ? 'Backs the claim with a result they can check.'
          : 'Add one result a peer got, with a number: "Pryce Builders cut RFI turnaround from 9 days to 3".',
    },
    status === 'warn' ? 'a weak proof point' : 'no proof point',
  );
}
