// Relevance: why this email, to this person, now. A specific, checkable fact about the prospect (an event,
// a quote, a number, what the CRM knows about them) passes; their name, company or title alone does not,
// and neither does flattery. Unfilled merge tokens fail outright. Sources: docs/email-rubric.md.
import type { CheckResult, LeadFacts } from '../types.ts';
import { contentWords, hasMeasure, hasNumber, isOwnEntity, listItems, namedEntities, senderNames } from '../text-signals.ts';
import { CLICHES, EMPTY_OPENERS, SELF_DESCRIPTION, SPAM_PATTERNS, VAGUE_WORDS } from '../vocabulary.ts';
import { type EmailContext, quote, result } from './context.ts';
import { proseSentences, statementsOf } from '../structure.ts';

// {{first_name}}, {!Lead.FirstName}, {FirstName}, [First Name], %FIRSTNAME%, <<company>>; not Markdown links.
const MERGE_TOKEN =
  /\{\{[^{}\n]{1,40}\}\}|\{![^{}\n]{1,40}\}|\{[A-Za-z_][\w .]{0,30}\}|\[[A-Za-z][A-Za-z _.-]{0,30}\](?!\()|%[A-Za-z_][A-Za-z0-9_]{1,30}%|<<\s*[A-Za-z_][\w ]{0,30}>>/g;

// How a writer signals they looked: an observation verb, or a source the prospect published.
const OBSERVED =
  /\b(saw|seen|noticed|noted|read|heard|spotted|watched|listened|came across|caught your|sorry to (?:see|hear|read)|congrats|congratulations|i see|judging by|according to|(?:i|we) (?:went|walked|clicked) through|(?:i|we) (?:tried|tested|checked|audited|scanned|ran)|(?:was|been) (?:reading|looking at|going through)|(?:check|scan|audit|look|test) (?:shows|showed|found)|stood out|mentioned|said|says|wrote|posted|announced|shared|quoted|your (\w+ )?(post|talk|session|presentation|episode|remarks|testimony|quote|blog|article|podcast|interview|panel|comment|announcement|press release|tweet|webinar|piece|keynote|letter|report|filing|earnings|job (post|posting|ad)|careers page|reviews?|ratings?))\b/i;
const OBSERVATION_OPENING =
  /^(?:(?:i|we|just|and|also|recently|really)\s+){0,3}(?:saw|seen|noticed|noted|read|heard|spotted|watched|listened|came across|caught|loved|enjoyed|liked|sorry to (?:see|hear|read)|congrats|congratulations|i see)\b|\b(?:you|your \w+|he|she|they)\s+(?:mentioned|said|says|wrote|posted|announced|shared|told)\b/i;
// What happened to them: events that change what they need. A role left open for months is their hiring too
// ("The firmware role on Kinetra's careers page has been up since March").
// "Under CSRD", "Under the new rule": a regulation that now applies to them (capital letter, so no i flag).
const UNDER_RULE = /\b[Uu]nder (the )?\p{Lu}/u;
const EVENT =
  /\b(hiring|hired|hires|posted|posting|raised|funding|series [a-e]\b|launch\w*|went live|going live|go-live|live on|opened|opening|open(s|ing)? (a|an|its|their)|expan\w+|acqui\w+|merg\w+|winning|won|award\w*|joined|joining|promoted|moving|moved|migrat\w+|switch\w*|replac\w+|rolled out|registered|ipo|in effect|(?:new|revised|updated|amended|final) (?:[\p{L}-]+\s+){0,2}(rule|law|regulation|mandate|directive|standard|tariffs?|requirement|role|office|plant|line|site|tier|market)|(?:starts?|started|begins?|began|kicks? in|kicked in) (?:in|on|from) (?:\p{Lu}\p{Ll}+|\d)|appl(?:y|ies|ied|ying) (?:since|from)|takes? effect|took effect|comes? into force|came into force|enforcement|tariffs?|regulation|deadline|contract|cutover|went public|restructur\w+|layoffs?|rebrand\w*|no longer appl(?:y|ies)|(?:now|will) (?:require|requires|need|needs|apply|applies|apply to|ha(?:s|ve) to|must)|starting (?:in|on|from) \p{Lu}\p{Ll}+|(?:has|have) (?:added|introduced|changed|tightened|raised|dropped|removed|ended|scrapped)\b|(?:is|are) (?:phasing out|introducing|tightening|ending|scrapping|withdrawing)\b|(?:was|were) (?:passed|signed into law|adopted|repealed|withdrawn)\b|approved|voted|accepted into|admitted to|selected (?:for|as|by)|certified|accredit\w+|became (?:a|an|the) (?:member|partner|supplier|vendor)|(?:has|have) been (?:up|open|live|posted|listed|vacant|unfilled|advertised) (?:since|for)|(?:open|vacant|unfilled) (?:since|for (?:\d+|two|three|four|five|six|several) (?:weeks|months))|still (?:open|up|listed|unfilled|vacant) (?:after|since)|re-?posted|re-?listed|re-?advertised)\b/iu;
// A requirement someone now imposes on them: "won't renew … without MFA", "no longer accept paper invoices",
// "now can't get cargo cover without GPS tracking" (a gate on doing business, not "can't grow without AI").
const NOW_REQUIRED =
  /\b(?:now|no longer|from (?:next|this) \w+|starting \w+)\s+(?:won['’]t|will not|refuse to|decline to)\s+\p{L}+\b[^.]{0,80}?\bwithout\b|\bnow (?:can['’]t|cannot)\s+(?:get|obtain|renew|bid|bid on|ship|sell|list|operate|export|import|bill|insure|be insured|be paid)\b[^.]{0,80}?\bwithout\b|\bno longer (?:accept|renew|cover|insure|approve|allow|pay for)\b|\bnow (?:require|requires|insist on|mandate|mandates)\b/iu;
// A rule with a date by which it binds them: "The EPA's lead and copper rule gives utilities until October 2027 to …".
const RULE_WITH_DATE =
  /(?<!\bas a )\b(?:rule(?! of thumb)|law|regulation|mandate|directive|act|standard|requirement)s?\b[^.]{0,80}?\b(?:until|by|before|from|effective|starting)\s+(?:(?:early|mid|late)[- ]?)?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|(?:19|20)\d\d\b|q[1-4]\b)/i;
const isEvent = (s: string) => EVENT.test(s) || NOW_REQUIRED.test(s) || RULE_WITH_DATE.test(s);
// The writer looking at their product or records: "I recorded a teardown of …", "I ran your pricing page through …".
const RESEARCH =
  /^i\s+(?:recorded|reviewed|audited|tested|tried|timed|counted|checked|scanned|mapped|analy[sz]ed|benchmarked|compared|measured|clicked through|went through|walked through|looked (?:at|through)|ran|signed up|put together a (?:teardown|audit|review|walkthrough))\b/i;
const FORM_NUMBER = /\b(?:10-[kq]|8-k|s-1|20-f)\b/gi;
// Words that say when: a real event has a date.
const WHEN =
  /\b(last|this|next) (week|weekend|night|morning|month|quarter|year|spring|summer|autumn|fall|winter)\b|\b(yesterday|today|recently|just)\b|\b(?:on|last|this|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:in|since|from|by|until) (?:early |mid-?|late )?(january|february|march|april|may|june|july|august|september|october|november|december)\b|\bby (year[- ]end|q[1-4])\b|\bq[1-4]\b/i;
// The sender speaking. "US" in capitals is the country, not "us".
const OFFER = /\b(?:[Ww]e|[Oo]ur|us|I|[Mm]y|[Mm]e)\b/;
// Something the prospect published, reporting what it says: "Your open UX researcher role mentions interviewing
// radiologists", "Your phase II study on ClinicalTrials.gov lists 12 sites", "On last week's earnings call your CFO
// named cloud hosting …". A job ad, a registry listing, a filing or a call is checkable, so what it says is the detail.
const THEIR_DOCUMENT =
  /\byour\s+(?:[\p{L}\p{N}-]+\s+){0,4}(?:role|position|opening|vacancy|job (?:ad|post|posting|description)|listing|careers page|filing|10-[kq]|8-k|s-1|proxy(?: statement)?|annual report|prospectus|earnings call|investor call|study|trial|tender|rfp|registration|permit application)\s+(?:(?:on|in|at)\s+[\p{L}\p{N}.]+\s+)?(?:lists|listed|mentions|mentioned|names|named|notes|noted|says|said|states|stated|cites|cited|describes|described|asks for|calls for|requires|required|shows|showed|flags|flagged|targets|targeted|discloses|disclosed|reports|reported|reveals|revealed)\b|\b(?:your\s+(?:ceo|cfo|coo|cto|cio|ciso|founder|chair\w*|president|head of \p{L}+|vp \p{L}+)|you)\s+(?:named|flagged|called out|cited|noted|described|listed|mentioned|said|told (?:analysts|investors|shareholders)|blamed|attributed|pointed to|singled out|highlighted|admitted|disclosed|put (?:[\p{L}\p{N}'’-]+\s+){1,6}down to)\b/iu;
const THREAD_RECAP =
  /\b(?:written|wrote|emailed|reached out|been in touch)\b[^.]{0,40}\b(?:times|twice|before)\b[^.]{0,10}\babout\b|\bmy (?:last |earlier |previous |first )?(?:email|note|message) (?:about|on) your\b/i;
// The same record named anywhere in the sentence with what it says about them: "The job ad for your SRE role
// mentions on-call across three time zones", "ClinicalTrials.gov's listing for your trial shows 14 sites".
// Their own published words count as much as a filing (docs/email-rubric.md, "After set 12"): a job ad, a talk or a
// session, a post, and what is published about them — their reviews, a recall notice, an incident report.
const THEIR_WORDS =
  'job (?:ads?|posts?|postings?|descriptions?|listings?)|ads|roles|careers page|listing|registry|register|filing|10-[kq]|8-k|annual report|prospectus|earnings call|investor call|investor day|tender|rfp|(?:app store|play store|g2|glassdoor|trustpilot|google|yelp|amazon|\\d-star|one-star|two-star)\\s+(?:reviews?|ratings?)|reviews|talk|session|keynote|presentation|panel|webinar|podcast|episode|interview|post|article|blog post|newsletter|press release|recall(?: notice)?|incident report|status page|warning letter';
const PUBLIC_RECORD = new RegExp(`\\b(?:${THEIR_WORDS})\\b`, 'i');
// What a record is about, after the record itself: "your DistribuTECH session on the March ice storm", "the recall
// notice on the Greenvale yogurt line", "the FDA warning letter to Corvel Labs".
const RECORD_ABOUT = new RegExp(`\\b(?:${THEIR_WORDS})\\s+(?:on|about|over|to|for)\\s+`, 'i');
// Plural records say it without the -s: "both of Halvorsen's open roles ask for …", "the reviews mention …".
const RECORD_SAYS =
  /\b(?:lists?|listed|mentions?|mentioned|complain(?:s|ed)? (?:about|of)|names|named|notes|noted|says|said|states|stated|cites?|cited|describes?|described|shows?|showed|flags?|flagged|calls? for|asks? for|requires?|required|discloses?|disclosed|reports|reported|ranks|ranked|puts|finds|found)\b/i;
// A named publisher's latest findings about their market ("CargoNet's latest report puts the I-10 corridor at the top
// for trailer theft, and most of Ridgeway Freight's drop yards are on it") is a record too, when the sentence also
// places them in it: "your", or a second party's possessive ("Ridgeway Freight's drop yards").
const MARKET_RECORD =
  /^(?:\p{Lu}[\p{L}\p{N}&.-]*\s+){0,3}\p{Lu}[\p{L}\p{N}&.-]*['’]s\s+(?:latest|new|newest|recent|annual|quarterly|\d{4})\s+(?:[\p{L}-]+\s+)?(?:report|survey|study|index|ranking|data|figures|census)\b/u;
const placesThem = (s: string) => /\byour?\b/i.test(s) || /\S\s+(?:of\s+)?(?:\p{Lu}[\p{L}\p{N}&.-]*\s+){0,2}\p{Lu}[\p{L}\p{N}&.-]*['’]s\s+\p{Ll}/u.test(s);
// "Halvard disclosed in its latest 10-Q …", "City of Maple Grove's RFP … requires …": the record is the company's
// own when "its/their" or a name's possessive owns it.
// A few words may stand between the owner and the record: "Gridly's recent 1-star Play Store reviews".
const ITS_RECORD = new RegExp(`\\b(?:its|their|\\p{Lu}[\\p{L}\\p{N}&.-]*['’]s)\\s+(?:[\\p{L}\\p{N}-]+\\s+){0,4}?(?:${THEIR_WORDS})\\b`, 'iu');
// A record about a name that is not the sender's is theirs: "the recall notice on the Greenvale yogurt line".
// The name must come right after "on/about" (a leading "the" aside): "the recall notice on the Greenvale yogurt line",
// not "a webinar on the future of learning next Thursday".
const aboutAName = (s: string) => {
  const about = RECORD_ABOUT.exec(s);
  return !!about && /^(?:the\s+)?\p{Lu}/u.test(s.slice(about.index + about[0].length));
};
// The sender's own webinar or post ("Join our webinar on the future of frontline learning") is not theirs.
const OUR_RECORD = new RegExp(`\\b(?:our|my)\\s+(?:[\\p{L}\\p{N}-]+\\s+){0,3}?(?:${THEIR_WORDS})\\b`, 'iu');
const namesRecord = (s: string) =>
  THEIR_DOCUMENT.test(s) ||
  (PUBLIC_RECORD.test(s) &&
    !OUR_RECORD.test(s.replace(/["“][^"”]{3,}["”]/g, ' ')) &&
    (RECORD_SAYS.test(s) || RECORD_ABOUT.test(s)) &&
    (/\byour?\b/i.test(s) || ITS_RECORD.test(s) || aboutAName(s))) ||
  (MARKET_RECORD.test(s.trim()) && RECORD_SAYS.test(s) && placesThem(s));
// What the record says must be specific too: "Your careers page says you're growing fast" quotes nothing checkable.
const theirRecord = (s: string) => {
  if (!namesRecord(s)) return false;
  const verb = RECORD_SAYS.exec(s) ?? RECORD_ABOUT.exec(s);
  const said = verb ? s.slice(verb.index + verb[0].length) : s;
  return hasNumber(said) || contentWords(said).filter((w) => !VAGUE_WORDS.has(w) && !/^you/.test(w)).length >= 3;
};
const ANYONE_LIKE_YOU = /^(?:on|in|at)\s+your\s+(?:size|stage|scale|level|position|role|industry|space|sector|shoes|growth stage)\b/i;
// Vague time ("recently", "just") says when without saying anything checkable.
const VAGUE_WHEN = /\b(?:recently|just)\b/gi;
const ANOTHER_PARTYS_RESULT =
  /^(?!(?:I|We|You|They|He|She)\s)(?:\p{Lu}[\p{L}'’&.-]*\s+){1,3}(?:cut|reduced|grew|increased|improved|went from|saw|lifted|doubled|halved|saved|boosted|raised (?:its|their) \w+ (?:rate|score)|shortened|lowered)\b[^.]*\d/u;
const QUOTED = /["“][^"”]{3,}["”]/;
const QUOTED_ALL = /["“][^"”]{3,}["”]/g;
// The reason given before the point: "With 9 new AEs starting this month, would…", "Since you moved to X, …".
// "As CFO, you…" is their role, not news; the premise must carry its own detail (a number, a date, or a named
// party doing something: "the Dayton plant adding a second shift").
const LEADING_REASON = /^(?:with|since|now that|given|after)\s+([^,?]{6,120}),/i;
// It must be about them (their name or "your"), not an industry average ("with cart abandonment at 70%").
const premiseHasDetail = (reason: string) => {
  const named = namedEntities(reason).length > 0;
  if (!named && !/\byour\b/i.test(reason)) return false;
  return hasNumber(reason) || WHEN.test(reason) || (named && /\b\p{Ll}{3,}ing\b/u.test(reason));
};
// Speculation about them is not a fact about them ("Your team could probably use…").
const SPECULATION = /\b(?:could|would|might|may|probably|likely|must|should|maybe|perhaps|if)\b/i;
// What they use is a static fact, whatever the names: "Kontoflow uses AWS, Kubernetes and PostgreSQL".
const STATIC_FACT = /\b(?:uses?|using|runs? on|built on|(?:is|are) on|relies on|rely on|stack|powered by)\b/i;
// A measured gain is a claim of results, whoever it names: "see 62% more pipeline", "3x faster".
const MEASURED_GAIN =
  /\b(?:see|sees|saw|get|gets|got)\s+(?:up to\s+|an? (?:average|extra) (?:of\s+)?)?\d[\d.,]*\s?(?:%|x\b|percent)|\d(?:%|x| percent) (?:more|less|fewer|lower|higher|faster|cheaper)\b/i;
// A population, a study or an average as the subject is an industry statistic, not a fact about them: "Studies
// show that businesses lose 42% …", "Most lenders still …", "Over 10,000 companies trust …".
const GENERAL_POPULATION =
  /^(?:(?:studies|research|surveys?|data|reports?|analysts?|experts?)\s+(?:show|shows|suggest|suggests|say|says|find|finds|found|prove|proves)\b|(?:on average|most|many|the average|(?:over|more than|nearly|almost)\s+[\d,.]+\+?)\b|(?:businesses|companies|firms|organi[sz]ations|teams|brands|retailers|lenders|manufacturers|marketers|leaders|executives|buyers|customers)\s+\p{Ll}+)/iu;
const PRODUCT_LIST = /^(?:\p{Lu}[\p{L}\p{N}]+)(?:\s\p{Lu}[\p{L}\p{N}]+)?\s+(?:offers|provides|includes|supports|features|comes with|delivers|combines)\b/u;
const FLATTERY =
  /\b(great insights|love what you|impressed|doing great things|amazing work|great work|big fan|under (a lot of|huge) pressure|busy (time|season)|probably busy)\b/i;

// "[link]", "[calendar link]": where the rep will paste a link, not a field a mail merge left empty.
const LINK_PLACEHOLDER = /^\[(?:[\w ]{0,20}\s)?(?:link|url|attachment|video|pdf)\]$/i;

export function findMergeTokens(text: string): string[] {
  return (text.match(MERGE_TOKEN) ?? []).filter((t) => !LINK_PLACEHOLDER.test(t));
}

export interface Trigger {
  sentence: string;
  specific: boolean;
}

/** Sentences that say something happened to, or was said by, the prospect; specific ones carry a detail. */
export function findTriggers(sentences: string[], sender: Set<string> = new Set(), known: Set<string> = new Set()): Trigger[] {
  const out: Trigger[] = [];
  // Names the sender gives as its own customers ("Our platform is trusted by Siemens, Unilever and …"): what they
  // did is proof, not a fact about the prospect.
  const customers = new Set(sentences.filter((s) => /^(?:we|our)\b/i.test(s.trim())).flatMap((s) => namedEntities(s)));
  // Names the email capitalises somewhere other than a sentence's first word.
  // Names known from the subject line or the lead count too.
  const capitalisedElsewhere = new Set([...known, ...sentences.flatMap((s) => namedEntities(s.trim().replace(/^\S+\s*/, ''))).flatMap((e) => e.split(' '))]);
  sentences.forEach((s, i) => {
    // News about the sender ("FinLoop was named a Top 50 Fintech") is not news about the prospect.
    const names = namedEntities(s);
    if (names.length && isOwnEntity(s, names[0]!, sender) && !/\byour?\b/i.test(s)) return;
    // A rule now imposed on them, or what a record of theirs says, stays theirs even when it shares a name with the
    // sender's customer story ("Most carriers now won't renew … without MFA", then "We rolled MFA out to …"; "City of
    // Maple Grove's RFP … requires …", then "We replaced the billing system for the City of Elk River").
    if (names.length && customers.has(names[0]!) && !/\byour?\b/i.test(s) && !NOW_REQUIRED.test(s) && !theirRecord(s)) return;
    // A question can carry the fact ("How are your teachers finding the switch to IM this year?").
    const askedAboutThem = /\?\s*$/.test(s) && /\byour\b/i.test(s) && EVENT.test(s) && WHEN.test(s);
    if ((/\?\s*$/.test(s) && !askedAboutThem) || /^(we|our)\b/i.test(s.trim())) return;
    // "Smile Republic cut time-to-hire from 24 days to 9": a named party's result is proof, not a fact about them.
    if (ANOTHER_PARTYS_RESULT.test(s.trim())) return;
    // "Acme Corp achieved 37% with our platform", "Fairhaven went live on our platform last year", "Rayburn Tool moved
    // to Finstack last year": another party's story with the sender's product is a customer story (proof), not them.
    // Words in quotes are theirs, not the sender's: "each ad mentions 'reducing alert fatigue on our Kafka pipelines'".
    if (/\b(?:with|using|on|through|thanks to)\s+(?:our|us)\b/i.test(s.replace(QUOTED_ALL, ' ')) && !/\byour?\b/i.test(s)) return;
    const unquoted = s.replace(QUOTED_ALL, ' ');
    if (names.length > 1 && !/\byour?\b/i.test(s) && names.slice(1).some((e) => isOwnEntity(unquoted, e, sender))) return;
    // "Cadence Analytics was founded in 2012 and has 420 employees": facts about the sender, not the reader.
    if (SELF_DESCRIPTION.test(s)) return;
    // "Sensilo offers tri-axial sensors with a 0–10 kHz range, IP68 rating, …": a product in the present tense with
    // a spec sheet's list, no date and no "your", is the sender's catalogue, not news about them.
    if (PRODUCT_LIST.test(s.trim()) && listItems(s).length >= 5 && !WHEN.test(s) && !/\byour?\b/i.test(s)) return;
    // What the sender did ("I've had our team put together a contract") is not news about the prospect,
    // unless it is looking at them ("I went through your checkout").
    // First-hand research is looking too: "I signed up for Brewbox last week to see your welcome flow" (something
    // the sender did, in the past, to their product, with a date).
    // So is a look the writer recorded at something of theirs, measured: "I recorded a 4-minute teardown of
    // Quotient's free-trial signup (11 fields before anyone sees the product".
    const theirThing =
      /\byour\s+\p{L}+/iu.test(s) ||
      namedEntities(s).some((e) => !isOwnEntity(s, e, sender) && new RegExp(`${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['’]s\\s+\\p{L}`, 'u').test(s));
    const research =
      /^i\s+\p{Ll}+ed\b/iu.test(s.trim()) &&
      !SPECULATION.test(s) &&
      ((/\byour\s+\p{L}+/iu.test(s) && WHEN.test(s)) || (RESEARCH.test(s.trim()) && theirThing && hasMeasure(s)));
    if (/^(?:i|i['’](?:ve|m|ll|d)|i (?:have|am|will))\b/i.test(s.trim()) && !OBSERVED.test(s) && !research) return;
    // The reason the writer gives for writing, when it is about them: a premise is a stated fact ("With the Dayton
    // plant adding a second shift, …"); so is an opening sentence with them as its subject ("Your booking page
    // only sends a confirmation email"), unless it guesses.
    const reason = LEADING_REASON.exec(s.trim())?.[1];
    const premise = !!reason && !OFFER.test(reason) && !SPECULATION.test(reason) && premiseHasDetail(reason);
    // "Quick heads-up: greenleaf.io has no DMARC record": a label before a colon is not the subject; their web
    // address as the subject is them too, and so is where the writer looked ("On your UK site, the Meta Pixel loads
    // before the cookie banner").
    const stated = s.trim().replace(/^[^:]{1,25}:\s+/, '');
    const theirFact =
      i < 2 &&
      /^(?:(?:on|in|at)\s+)?(?:(?:your|you|you['’]re)\s+\p{L}+|[a-z0-9-]+\.(?:com|io|co|ai|app|net|org|de|uk|co\.uk|eu|dev)\b)/iu.test(stated) &&
      !SPECULATION.test(s) &&
      !OFFER.test(s);
    // "At your stage, most finance teams close in 12+ days", "In your role, …": anyone at that stage, not what the
    // writer found about them, unless something happened or was seen.
    if (ANYONE_LIKE_YOU.test(stated) && !OBSERVED.test(s) && !EVENT.test(s)) return;
    // A request ("Please block 90 minutes with your CIO") is what the sender wants, not a fact about them.
    if (/^(?:[^,]{0,60},\s*)?please\b/i.test(s.trim())) return;
    // A population as the subject ("Many companies have added AI tools this year") is an industry trend, not them,
    // unless it is a rule that now applies to them: "Most carriers now won't renew a law firm's cyber policy
    // without MFA" says what their insurers require, as "Cyber carriers have added a question set" does.
    if (GENERAL_POPULATION.test(s.trim()) && !/\byour?\b/i.test(s) && !NOW_REQUIRED.test(s)) return;
    const document = theirRecord(s);
    // A follow-up's recap of what the first email said about them ("since my email about your new Reno site").
    const recalled = THREAD_RECAP.test(s) && /\byour\b/i.test(s);
    const cue = OBSERVED.test(s) || isEvent(s) || UNDER_RULE.test(s) || premise || theirFact || research || document || recalled;
    // A number word measures as well as digits do ("four of your target accounts").
    const measured = hasMeasure(s) || QUOTED.test(s);
    // The opening lines may state a measured fact about them without a cue word ("…containers arrive 10–14 days late").
    // Small talk and stock phrases are never the fact ("Hope Q3 is going great!").
    if ([...EMPTY_OPENERS, ...CLICHES].some((re) => re.test(s))) return;
    // Manufactured pressure ("Pricing goes up on the 1st") is the sender's deadline, not a fact about them.
    if (SPAM_PATTERNS.some((p) => p.pressure && p.re.test(s))) return;
    // An opening figure counts when it is about them ("your", or a name), not an industry average.
    // A result sentence with names ("Companies using Salesforce see 62% more pipeline") is a claim, not their fact.
    // The sender's own names are not them ("Over 10,000 companies trust ScaleUp"), nor is a word capitalised only
    // because it opens the sentence ("Studies show…") unless the email capitalises it elsewhere too.
    const theirNames = namedEntities(s).filter(
      // A possessive is a name wherever it stands ("Kontoflow's release notes …").
      (e, k) =>
        !isOwnEntity(s, e, sender) &&
        !(k === 0 && !e.includes(' ') && s.trim().startsWith(e) && !capitalisedElsewhere.has(e) && !/^\S+['’]s\b/u.test(s.trim())),
    );
    // What the writer just said they looked at is whose figure follows: "Was reading your Google reviews. Six of the
    // ten one-star reviews this year are about …".
    const observedBefore = i > 0 && OBSERVED.test(sentences[i - 1]!) && /\byour?\b/i.test(sentences[i - 1]!);
    const aboutThem = /\byou(?:r|rs)?\b/i.test(s) || observedBefore || (theirNames.length > 0 && !MEASURED_GAIN.test(s) && !GENERAL_POPULATION.test(s.trim()));
    if (!cue && !(i < 2 && measured && !OFFER.test(s) && aboutThem)) return;
    const named = namedEntities(s).length >= 2 && !(STATIC_FACT.test(s) && !EVENT.test(s));
    // A follow-up's recap of the thread ("I've written a couple of times about forecast accuracy at Brightline")
    // names what the first email said about them: the topic at their company is the detail.
    const recap = THREAD_RECAP.test(s) && theirNames.length > 0;
    // A filing's form number ("10-K", "8-K") names the record, it measures nothing.
    const detail = hasNumber(s.replace(FORM_NUMBER, ' ')) || QUOTED.test(s) || WHEN.test(s.replace(VAGUE_WHEN, '')) || named || document || recap;
    out.push({ sentence: s, specific: detail && !FLATTERY.test(s) });
  });
  return out;
}

/** A sentence that reports what the writer saw or read about the prospect (not a result of ours). */
export function isObservation(sentence: string): boolean {
  // The cue opens the sentence ("Saw that…", "I noticed…") or reports their words ("your CFO said");
  // "Linden saw 27% fewer returns" is a result, not an observation.
  return OBSERVATION_OPENING.test(sentence.trim()) && !/\b(we|our|us)\b/i.test(sentence);
}

function mentions(text: string, fact: string | undefined): boolean {
  const f = fact?.trim();
  if (!f || f.length < 2) return false;
  const escaped = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])${escaped}(?![\p{L}\p{N}])`, 'iu').test(text);
}

/** CRM facts the text uses beyond name and company: recent activity and notes first, then stack, industry, title, city. */
export function findLeadFacts(text: string, lead: LeadFacts | undefined): { fact: string; live: boolean }[] {
  if (!lead) return [];
  const found: { fact: string; live: boolean }[] = [];
  const words = new Set(contentWords(text));
  for (const item of [...(lead.recentActivity ?? []), ...(lead.notes ?? [])]) {
    // A note or an activity is used when two of its distinctive words appear (not the company name).
    const distinctive = [...new Set(contentWords(item))].filter((w) => w.length > 3 && w !== lead.company?.toLowerCase());
    if (distinctive.filter((w) => words.has(w)).length >= 2) found.push({ fact: `recent: ${item}`, live: true });
  }
  for (const tech of lead.techStack ?? []) if (mentions(text, tech)) found.push({ fact: `tech: ${tech}`, live: false });
  if (mentions(text, lead.industry)) found.push({ fact: `industry: ${lead.industry}`, live: false });
  if (mentions(text, lead.title)) found.push({ fact: `title: ${lead.title}`, live: false });
  if (mentions(text, lead.city)) found.push({ fact: `city: ${lead.city}`, live: false });
  return found;
}

/** Names the email's context gives: the lead's company, and capitalised words of the subject after its first. */
export function knownNames(subject: string | undefined, lead: LeadFacts | undefined): Set<string> {
  const fromSubject = namedEntities((subject ?? '').trim().replace(/^\S+\s*/, '')).flatMap((e) => e.split(' '));
  return new Set([...fromSubject, ...(lead?.company?.split(/\s+/) ?? [])]);
}

export function checkRelevance({ subject, structure, lead, isFirstTouch }: EmailContext): CheckResult {
  const base = { id: 'relevance' as const, label: 'Relevance to this prospect', target: 'a specific fact about them, tied to the pitch', weight: 0 };
  const tokens = findMergeTokens([subject ?? '', structure.body].join('\n'));
  if (tokens.length) {
    return result(
      {
        ...base,
        status: 'fail',
        measured: `${tokens.length} unfilled merge token${tokens.length === 1 ? '' : 's'}`,
        evidence: tokens,
        advice: 'Fill in or remove every merge token before sending; an unfilled token tells them it is a blast.',
      },
      'unfilled merge tokens',
    );
  }
  const triggers = findTriggers(statementsOf(proseSentences(structure)), senderNames(structure.signOff), knownNames(subject, lead));
  const facts = findLeadFacts(structure.sentences.join(' '), lead);
  const specific = triggers.filter((t) => t.specific);
  const live = facts.filter((f) => f.live);
  // A follow-up stands on the thread: the first email said why them; this one need only bring something new.
  const status = specific.length || live.length ? 'pass' : triggers.length || facts.length || !isFirstTouch ? 'warn' : 'fail';
  const evidence = [...specific, ...(specific.length ? [] : triggers)]
    .slice(0, 2)
    .map((t) => `"${quote(t.sentence)}"`)
    .concat(facts.map((f) => f.fact));
  return result(
    {
      ...base,
      status,
      measured:
        status === 'pass'
          ? 'a specific fact about them'
          : status === 'warn'
            ? 'a general fact or an observation without detail'
            : 'none beyond name and company',
      evidence,
      advice:
        status === 'pass'
          ? 'Opens with something true and specific about them.'
          : 'Open with one specific, checkable fact about them (what they launched, posted, said or are hiring for, with a detail) and connect it to your point; a name, a company or a compliment is not relevance.',
    },
    status === 'warn' ? 'relevance without a specific detail' : 'nothing specific about the prospect',
  );
}
