// The ask, recognised by its structure rather than by a list of phrases: a question that proposes an action
// the reader can say yes to (see, send, talk, try, compare…) or a time, a question asking who owns the
// problem (a referral), an offer of a next step ("I can send the plan"), or an imperative request. Exactly one
// ask, phrased as a question or an offer, passes.
import { findLinks, isCalendarLink } from '../links.ts';
import type { CheckResult } from '../types.ts';
import { type EmailContext, quote, result } from './context.ts';

export type AskKind = 'action' | 'time' | 'interest' | 'referral' | 'offer' | 'imperative' | 'passive';

export interface Ask {
  sentence: string;
  kind: AskKind;
  /** A long meeting, a signature or a purchase: a big step for a first email. */
  highFriction: boolean;
}

// A yes/no question opens with an auxiliary or modal verb (or elides it: "Worth a look?", "Open to it?").
const YES_NO_OPENING =
  /^(?:(?:so|and|also|or|but|then|finally)[,\s]+)?(?:(?:\p{Lu}\p{Ll}+),\s+)?(would|could|can|shall|should|may|might|will|is|are|was|do|does|did|want|wanna|mind|any chance|how about|what about|worth|open|interested|up for|ok|okay|fancy|keen|happy)\b/iu;
// Something the reader could do or receive: the verb or noun of a next step.
const ACTION =
  /\b(see|seeing|look|looks|looking|talking|chatting|trying|exploring|comparing|view|chat|talk|call|calls|meet|meeting|connect|send|sent|share|show|walk|compare|try|trial|test|pilot|run|book|schedule|set (?:that |it |this |something )?up|hop|jump|review|explore|discuss|hear|hearing|learn|swap|grab|demo|intro|introduce|point|forward|reply|mock|mocked|sample|scan|estimate|audit|teardown|checklist|shortlist|breakdown|example|case study|one-pager|overview|deck|plan|analy[sz]e|analy[sz]ed|session|conversation|quote|sync|reconnect|sign|buy|purchase|start)\b/i;
const TIME =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|next week|this week|later this (week|month)|this month|\d{1,2}(:\d{2})?\s?(am|pm|cet|cest|et|pt|gmt|utc)|\d+\s*-?\s*(min|mins|minute|minutes|hour|hours)\b|(half|an) hour|morning|afternoon)\b/i;
const INTEREST = /^(?:is|are|would|could)\b.*\b(priority|on your radar|worth|useful|helpful|relevant|of interest|a problem|an issue|something you)\b/i;
// "Who owns/handles/runs X?", "Is there someone in Y I should talk to?": a referral is a light, clear ask.
const REFERRAL =
  /^(?:(?:so|and|also)[,\s]+)?(who(['’]s| is| are)?\s+(?:on your side\s+)?(own|owns|owning|handl|run|runs|running|lead|leads|leading|responsible|in charge|the best person|the right person|best placed)|who (should|would|could) i\b|who(['’]d| would| should| might) be\s+(the\s+)?(right|best|correct) person|is there (someone|anyone|a person)\b|could you (point|connect|introduce)|who on your (side|team))/i;
const WHEN = /^(?:\p{Lu}\p{Ll}+,\s+)?(when|what time|which day)\b.*\b(work|works|suit|suits|good|free|available|call|chat)\b/iu;
const IMPERATIVE =
  /^(?:(?:so|and|also|or|just|simply)[,\s]+)?(reply|book|grab|pick|schedule|click|sign up|call me|email me|send me|let['’]s|join|register|download|check out|visit|claim|please (?!let me know|feel free)\p{Ll}+)\b/iu;
// A direct request of the reader: "Could you tell me…", "Would you like to join…", "Can you sign…".
const REQUEST =
  /^(would|could|can|will) you (please )?(like to |mind |be (open|able|willing|up for) )?\p{L}+|^do you have (time|a minute|a moment|\d+|a few|some)\b/iu;
// Questions that make a point instead of asking for a step.
const RHETORICAL = /^(did you know|have you ever|do you (know|think|ever|struggle|find)|are you (tired|struggling|still)|what if|wouldn['’]t it)\b/i;
const REPLY_WITH_NAME =
  /\breply\b[^.?!]{0,30}\b(?:name|the right person|who)\b[^.?!]{0,40}\b(?:appreciated|welcome|helps?|great)\b|\b(?:point me to|send me the name of)\b/i;
// The sender offering a next step the reader only has to accept: "I can send the rollout plan", "If you send one
// month of invoices, I'll run the check", "Happy to share docs — just reply", "Happy to put our units on ten trucks". A proposal of an action, not a question.
const OFFER_ASK =
  /^(?:(?:i|we)(?:\s+(?:can|could|will|would)|['’](?:ll|d))\s+(?:be\s+(?:happy|glad)\s+to\s+|also\s+|gladly\s+|quickly\s+)?|(?:i['’]m\s+|i am\s+|we['’]re\s+|we are\s+)?(?:happy|glad)\s+to\s+)(?:send|share|run|show|arrange|set up|walk|put|install|lend|loan|ship|mock up|pull|introduce|connect|forward|record|draft|prepare|build|do|map|price|benchmark|audit|scan|review|loop in|get you)\b/i;
const OFFER_IN_RETURN = /^if you (?:send|share|forward|reply|give|point)\b[^.?!]{0,120},\s*(?:i|we)\s*(?:['’]ll|will|can)\s+\p{L}+/iu;
const PASSIVE = /\blet me know\b|\bfeel free to\b|\bif (this|it|any of this) (sounds|is) (interesting|relevant|of interest)\b/i;
const HIGH_FRICTION =
  /\b([3-9]\d|\d{3,})\s*-?\s*(min|mins|minute|minutes)\b|\b(an|one|1|two|2)\s*-?\s*hours?\b|\b(half|full)[- ]day\b|\bsign\b|\bget (?:you|your team|you guys) (?:started|signed|onboarded|set up)\b|\bpurchase\b|\bbuy\b|\bcontract\b|\bpo\b/i;

/** Classifies one sentence as an ask (and which kind), or undefined when it asks nothing of the reader. */
export function classifyAsk(sentence: string): Ask | undefined {
  // "And if you have a minute, could you…": the conjunction and the leading condition are not the ask's structure.
  const s = sentence
    .trim()
    .replace(/^[-*\u2022]\s+/, '')
    .replace(/^(so|and|also|or|but|then|finally)[,\s]+/i, '')
    .replace(/^if [^,?]{1,60},\s*/i, '')
    // "Since Pinewood just posted for an analyst, would it be worth…?", "When you get to benefits, could I send…?":
    // the reason or time clause is not the ask.
    .replace(
      /^(?:since|as|given|with|now that|because|when|once|whenever|before|after|as soon as) [^,?]{1,90},\s*(?=(?:would|could|can|should|shall|is|are|do|does|may|might|want|worth|open|any)\b)/i,
      '',
    );
  const question = /\?["”')\]]*$/.test(s) || /\?\s*$/.test(s);
  // "Saw you are hiring 14 staff — Acme cut overtime 18% with us; worth a look?": the ask is the last clause.
  const clauses = s.split(/\s*;\s*|\s+[\u2014\u2013]\s+|\s+-{1,2}\s+/);
  if (question && clauses.length > 1) {
    const last = classifyAsk(clauses.at(-1)!);
    if (last) return { ...last, sentence };
  }
  // "Interested?" or "Thoughts?" hands the next step back to the reader.
  if (question && /^(interested|thoughts|any thoughts|make sense|sound good|yes or no)\s*\?$/i.test(s))
    return { sentence, kind: 'passive', highFriction: false };
  const highFriction = HIGH_FRICTION.test(s);
  if (question) {
    if (REFERRAL.test(s)) return { sentence, kind: 'referral', highFriction: false };
    if (WHEN.test(s)) return { sentence, kind: 'time', highFriction };
    if (REQUEST.test(s) && !/^do you (know|think|struggle|find|ever)\b/i.test(s)) return { sentence, kind: TIME.test(s) ? 'time' : 'action', highFriction };
    const yesNo = YES_NO_OPENING.test(s);
    // An elliptical proposal: "Quick chat?", "Thursday at 10?", "Worth a 20-minute look before the 1st?"
    const elliptical = s.split(/\s+/).length <= 12 && !/^(how|what|why|where|which|who)\b/i.test(s);
    if ((yesNo || elliptical) && TIME.test(s) && ACTION.test(s)) return { sentence, kind: 'time', highFriction };
    if ((yesNo || elliptical) && ACTION.test(s)) return { sentence, kind: 'action', highFriction };
    if ((yesNo || elliptical) && TIME.test(s)) return { sentence, kind: 'time', highFriction };
    if (INTEREST.test(s)) return { sentence, kind: 'interest', highFriction: false };
    // A yes/no or short closing question with no step in it ("Curious if this is on your list?") still asks for a reply.
    if ((yesNo || elliptical) && !RHETORICAL.test(s)) return { sentence, kind: 'interest', highFriction: false };
    return undefined;
  }
  if (findLinks(s).some((l) => isCalendarLink(l.text))) return { sentence, kind: 'imperative', highFriction };
  if (OFFER_IN_RETURN.test(sentence.trim()) || OFFER_ASK.test(s)) return { sentence, kind: 'offer', highFriction };
  // "If I've got the wrong person, a one-line reply with a name would be much appreciated."
  if (REPLY_WITH_NAME.test(s)) return { sentence, kind: 'referral', highFriction: false };
  if (IMPERATIVE.test(s)) return { sentence, kind: 'imperative', highFriction };
  if (PASSIVE.test(s)) return { sentence, kind: 'passive', highFriction: false };
  return undefined;
}

// Words that open a noun phrase, not a verb phrase: "send me the deck and the pricing" is one request.
const NOT_A_VERB =
  /^(?:the|a|an|my|our|your|their|his|her|its|this|that|these|those|some|any|all|one|two|three|who|what|which|where|when|how|why|if|whether|to|for|with|at|on|in|of|by|from|me|you|us|them|it|him|\d)/i;

/**
 * How many separate requests one direct question strings together: "Could you A, B, and C?" Counted only from
 * three on, because "take a look and let me know" is one step said twice.
 */
export function coordinatedRequests(sentence: string): number {
  const m = /^(?:(?:so|and|also)[,\s]+)?(?:would|could|can|will) you (?:please )?(.+)\?\s*$/i.exec(sentence.trim());
  if (!m) return 1;
  const pieces = m[1]!
    .split(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  // A verb phrase has an object and starts in lower case: "billing, payroll and HR" are three nouns.
  const verbs = pieces.filter((p, i) => i === 0 || (!NOT_A_VERB.test(p) && /^\p{Ll}/u.test(p) && p.split(/\s+/).length >= 2)).length;
  // "take a look and let me know" is one step with a reply; two steps of work are two asks.
  const passive = pieces.filter((p) => /^(?:let me know|tell me|reply)\b/i.test(p)).length;
  return verbs - passive >= 2 ? verbs : 1;
}

// "I'd love to:", "Could we:": a line that introduces a list of things the sender wants the reader to do.
const WISH_INTRO =
  /\b(?:i['’]d (?:love|like) to|i would (?:love|like) to|we['’]d (?:love|like) to|could (?:you|we)|can (?:you|we)|would you(?: be (?:open|up for|willing))?(?: to)?|next steps?|asks?)\s*:\s*$/i;
const BULLET_LINE = /^\s*(?:[-*\u2022]|\d+[.)])\s+(.*)$/;

/**
 * Requests listed under a wish ("I'd love to:\n- set up a demo,\n- get an intro to your CFO"): each bulleted step
 * is a separate ask, though none is a sentence of its own that reads as one.
 */
export function listedRequests(paragraphs: { text: string }[]): string[] {
  const out: string[] = [];
  for (const { text } of paragraphs) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!WISH_INTRO.test(line.trim())) return;
      for (const next of lines.slice(i + 1)) {
        const item = BULLET_LINE.exec(next)?.[1]
          ?.replace(/^(?:and|or)\s+/i, '')
          .trim();
        if (item === undefined) break;
        // A step starts with a verb: "set up a demo", "get an intro"; "billing and payroll" are nouns.
        if (/^\p{Ll}/u.test(item) && !NOT_A_VERB.test(item) && item.split(/\s+/).length >= 2) out.push(item);
      }
    });
  }
  return out;
}

export function findAsks(sentences: string[]): Ask[] {
  return sentences.map(classifyAsk).filter((a): a is Ask => a !== undefined);
}

// The sender has already given something ("I've attached the checklist", "here's the breakdown").
const GIVEN = /\b(?:i|we)(?:['’]ve| have)\s+(?:attached|enclosed|included|linked|put together|shared)\b|\bhere['’]s the\b|\battached (?:is|are)\b/i;

function withProposal(ask: Ask, sentences: string[]): Ask {
  if (ask.highFriction || ask.kind !== 'time' || ACTION.test(ask.sentence)) return ask;
  const before = sentences[sentences.indexOf(ask.sentence) - 1];
  return before && HIGH_FRICTION.test(before) ? { ...ask, highFriction: true } : ask;
}

// What a first email demands of the reader beyond a reply (Gong: interest-based asks beat long meeting requests;
// Cialdini's commitment research: a small first step makes the next one likelier, a big one is refused).
// Each kind of demand counts once; two or more make the ask presumptuous, whatever its grammar.
const DOCUMENTS =
  /\b(?:deck|msa|nda|contract|questionnaire|brochure|whitepaper|catalogue|catalog|proposal|price list|pricing|agreement|case stud(?:y|ies))\b/gi;
const FRICTION: { kind: string; re: RegExp; also?: (sentence: string) => boolean }[] = [
  // Their time, in a long block: 45 minutes or more, hours, a half or full day.
  {
    kind: 'a long block of their time',
    re: /\b(?:(?:4[5-9]|[5-9]\d|\d{3,})\s*-?\s*(?:min|mins|minute|minutes)|(?:an|one|1|two|2|three|3)\s*-?\s*hours?|(?:half|full)[- ]day|on-?site (?:demo|visit|workshop|session|meeting)s?|come on-?site|(?:discovery|planning|scoping|design) workshops?)\b/i,
  },
  // Homework before anything is agreed: a questionnaire, a form or our contract for them to fill in, complete or
  // return ("before you sign the AV contract" is their own decision, not homework we set).
  {
    kind: 'homework',
    re: /\b(?:complete|fill (?:in|out)|answer|return)\b[^.?!]{0,40}\b(?:questionnaire|form|survey|assessment|worksheet|template|rfi|msa|nda|contract|agreement)s?\b|\b(?:questionnaire|form|survey|assessment|worksheet|template|msa|nda|contract|agreement)s?\b[^.?!]{0,40}\b(?:for you to|to|you can|please) (?:complete|fill|sign|return)\b/i,
  },
  // Reading sent unasked: a long document ("48-page deck"; "the 12 pages I'd change" is not one) or several attached at once.
  {
    kind: 'attachments to read',
    re: /\b(?:[1-9]\d|\d{3,})-page\b/i,
    // Counted rather than matched by one pattern, so a long paste is read in linear time.
    also: (sentence) => {
      const verb = /\b(?:attached|enclosed|attaching)\b/i.exec(sentence);
      return !!verb && new Set(sentence.slice(verb.index).toLowerCase().match(DOCUMENTS) ?? []).size >= 2;
    },
  },
  // Several of their people at once: "with your CIO, CISO, head of IAM and procurement lead". Each item starts
  // after a comma with a non-space, so a long paste cannot backtrack through every way to split it.
  {
    kind: 'several of their people',
    re: /\b(?:with|bring|invite|include|loop in)\s+(?:you,\s+)?your\s+[^.?!,]{1,30}(?:,\s*[^.?!,\s][^.?!,]{0,39}){1,8},?\s+and\s+|\b(?:with|bring|invite|include|loop in)\s+your\s+(?:whole |entire |full )?(?:leadership|executive|management|buying) (?:team|committee)\b|\beveryone['’]s (?:availability|calendars?|schedules?)\b|\ball (?:of )?(?:the |your )?(?:stakeholders|decision[- ]makers)\b/i,
  },
  // Their internal information, asked of a stranger: a budget, an architecture diagram, an org chart, financials.
  // One such request fails the ask on its own (sensitive questions draw refusals; docs/email-rubric.md).
  {
    kind: 'their internal information',
    re: /\b(?:send|share|forward|provide|email|pass along|give)\s+(?:(?:me|us)\b[^.?!]{0,120}?|(?:over\s+)?(?:your|last year['’]s|this year['’]s)\s+[^.?!]{0,60}?)\b(?:budgets?|architecture diagrams?|(?:system|network|infrastructure) (?:diagrams?|maps?)|org(?:anisation|anization|anizational|anisational)? charts?|financials|financial statements|p&l|payroll|salar(?:y|ies)|customer lists?|vendor contracts|passwords?|credentials|bank statements|tax returns|soc ?2 reports?|pen(?:etration)? test (?:results|reports?)|security (?:policies|audits?)|audit reports?|headcount plans?|(?:product |internal )?roadmaps?|revenue (?:figures|numbers|data)|sales (?:figures|data)|customer data)\b/i,
  },
];

/** The kinds of demand an email makes of the reader before they have said yes to anything. */
export function frictionOf(sentences: string[]): string[] {
  const text = sentences.join(' ');
  return FRICTION.filter((f) => f.re.test(text) || (f.also && sentences.some(f.also))).map((f) => f.kind);
}

export function checkCallToAction({ structure, isFirstTouch }: EmailContext): CheckResult {
  const found = findAsks(structure.sentences);
  const friction = frictionOf(structure.sentences);
  // "Are you free Tuesday? Or should I send a video first?" offers two ways to say yes to one ask, and so does
  // an offer right after the question it answers ("Want the three DNS records? I'll send them.").
  const asks = found.filter((a, i) => {
    if (i === 0) return true;
    if (/^or\b/i.test(a.sentence.trim())) return false;
    const prev = found[i - 1]!;
    const adjacent = structure.sentences.indexOf(a.sentence) === structure.sentences.indexOf(prev.sentence) + 1;
    if (a.kind === 'offer' && adjacent && /\?\s*$/.test(prev.sentence) && prev.kind !== 'offer') return false;
    // "Happy to put our units on ten trucks for 30 days. Interested?", "I can put trackers in two vans. Want me to set
    // that up?": a question right after an offer that is short or points back at it asks whether they accept it.
    // A longer question that proposes its own step ("Could we book 45 minutes to discuss this?") is a second ask.
    const pointsBack =
      a.kind !== 'time' &&
      /\b(?:that|them|it|this|one)\b/i.test(a.sentence) &&
      !/\b(?:call|meeting|meet|demo|chat|talk|discuss\w*|walk ?through|minutes?|hours?)\b/i.test(a.sentence);
    const acceptsOffer = /^\p{L}+(?: \p{L}+)?\s*\?$/u.test(a.sentence.trim()) || pointsBack;
    return !(prev.kind === 'offer' && adjacent && /\?\s*$/.test(a.sentence) && acceptsOffer);
  });
  // "Could you book a demo, download the whitepaper and tell me who else to loop in?" is three asks in one.
  const stacked = asks.reduce((n, a) => n + Math.max(0, coordinatedRequests(a.sentence) - 1), 0);
  const questions = asks.filter((a) => a.kind !== 'imperative' && a.kind !== 'passive');
  // Boomerang found replies peak at one to three questions; a cold questionnaire asks the reader to work.
  const allQuestions = structure.sentences.filter((s) => /\?\s*$/.test(s)).length;
  const listed = listedRequests(structure.paragraphs);
  const n = Math.max(asks.filter((a) => !listed.some((l) => a.sentence.includes(l))).length + stacked + listed.length, allQuestions > 3 ? allQuestions : 0);
  // "I think you'd find a 45-minute demo valuable. Does Wednesday work?": a bare time question asks for what the
  // sentence before it proposed, so that sentence says how big the step is.
  const only = asks[0] && withProposal(asks[0], structure.sentences);
  let status: 'pass' | 'warn' | 'fail';
  let problem: string;
  let advice: string;
  if (n === 0 && !isFirstTouch && GIVEN.test(structure.sentences.join(' '))) {
    // A last follow-up that leaves something useful and asks nothing (a respectful breakup) is a choice, not a miss.
    [status, problem, advice] = ['warn', 'no ask', 'A closing note can leave the door open with one light question, e.g. "Worth a look later this year?"'];
  } else if (n === 0) {
    [status, problem, advice] = ['fail', 'no ask', 'End with one question that proposes a next step, e.g. "Should I send the two-page teardown?"'];
  } else if (n >= 3) {
    [status, problem, advice] = ['fail', `${n} asks`, 'Keep one ask and cut the rest; several asks make it easy to do nothing.'];
  } else if (friction.length >= 2) {
    [status, problem, advice] = [
      'fail',
      `a presumptuous ask (${friction.join(', ')})`,
      'Ask for one small step first (a look, a short call, a sample); leave the long meeting, the paperwork and the attachments for after they say yes.',
    ];
  } else if (friction.includes('their internal information')) {
    [status, problem, advice] = [
      'fail',
      'asks a stranger for internal information',
      'Do not ask for budgets, diagrams or internal documents before they trust you; offer something of yours first.',
    ];
  } else if (n === 1 && only!.kind === 'passive') {
    [status, problem, advice] = ['fail', 'only a passive "let me know"', 'Replace "let me know if interested" with one question proposing a step or a time.'];
  } else if (n === 2) {
    // "Exactly one" ask: a second one splits the answer. A warn, not a fail: a strong email sometimes carries a
    // second, lighter question, and treating two like none made the learned weight of the ask smaller.
    [status, problem, advice] = ['warn', '2 asks', 'Keep the one ask that matters; two asks split the reader’s answer.'];
  } else if (questions.length === 0 && only!.kind !== 'offer') {
    [status, problem, advice] = ['warn', 'an ask that is not a question', 'Turn the request into one question the reader can answer yes to.'];
  } else if (only!.highFriction) {
    [status, problem, advice] = [
      'warn',
      'a high-effort ask',
      'Ask for something small first (a look, a short call, a sample); Gong found interest-based asks beat long meeting requests.',
    ];
  } else {
    [status, problem, advice] = ['pass', '', 'One clear, low-effort ask.'];
  }
  return result(
    {
      id: 'call_to_action',
      label: 'The ask',
      status,
      measured: n === 1 ? `1 ask (${only!.kind})` : `${n} asks`,
      target: 'exactly 1: a question proposing an action or a time, or an offer to send or show something',
      evidence: [
        ...found.map((a) => `"${quote(a.sentence)}" (${a.kind}${a.highFriction ? ', high effort' : ''})`),
        ...listed.map((l) => `"${quote(l)}" (listed request)`),
        ...(friction.length >= 2 || friction.includes('their internal information') ? friction.map((f) => `demands ${f}`) : []),
      ],
      weight: 0,
      advice,
    },
    problem,
  );
}
