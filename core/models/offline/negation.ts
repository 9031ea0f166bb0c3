// Where a rep's words are negated, so "fintech leads outside Germany" excludes Germany instead of
// searching it. Three kinds of cue open a scope:
// - a negator ("not" except in "why not …", "n't", "never", "no", "none", "nothing", "nobody", "no one", "neither", "nor"):
//   what it negates runs to the end of the clause; a negated verb of contact keeps the negation to itself
//   ("haven't contacted … in healthcare");
// - an excluding word ("except", "excluding", "other than", "but not", "outside", "without", "skip",
//   "minus", "apart from", "besides", "hide", "filter out", "leave out", "rule out", "drop", "omit",
//   "anything but", "any industry but"): the same scope;
// - a trailing marker ("Germany excluded", "France not included", "Spain left out"): the words before it,
//   back to the start of the clause or the last linking word.
// "non-fintech" negates its own word only. A clause ends at a punctuation mark, or at a linking word ("that",
// "with", "using", "and in", "but") once a value was named after the cue.
//
// Not every negation word negates a filter. The negation belongs to the word right after it (past adverbs,
// copulas, determiners and lead nouns), and it excludes only when that word is a value ("not fintech", "no
// US") or relates a lead to one ("not in", "aren't on", "don't use", "don't want … from"). Any other word keeps
// it ("can't find the SaaS leads", "haven't had my coffee", "isn't there anyone in Toronto"), as do words about
// the conversation ("no rush", "not sure", "never mind", "not just fintech"). A negated verb of leaving out
// ("don't miss", "don't skip", "don't forget") is an emphatic inclusion; a negated verb with the preposition that
// ties it to leads ("don't bother with", "don't care about") excludes.
//
// Negation is never inverted: where a negator keeps to a word whose scope cannot be told ("I don't trust the Berlin
// numbers", "not gonna lie the Berlin leads were rough"), the values up to the end of that remark (a clause mark,
// a dash, an emoji, "but", "so", a request's verb) form an uncertain span, read neither as included nor as
// excluded. Only heads after which what follows is still wanted ("can't find", "isn't there", "don't forget",
// "not just") leave the values to be searched for.

export interface NegatedSpan {
  start: number;
  end: number;
  /** A negation whose scope is not known: what it spans is neither included nor excluded. */
  uncertain?: true;
}

const NEGATOR =
  /\b(?:(?<!\bwhy\s+)not|never|none|nothing|nobody|no[\s-]?one|neither|nor|no(?!\s+(?:owner|matter)\b)|(?:do|does|did|are|is|was|were|have|has|had|wo|ca|should|would|could)nt|cannot)\b|n['’]t\b/gi;
const EXCLUDER =
  /\b(?:except(?:\s+for)?|excluding|exclude|other\s+than|but\s+not|outside(?:\s+of)?|without|skip(?:ping)?|minus|apart\s+from|aside\s+from|besides|leave\s+out|leaving\s+out|leave\s+off|rule\s+out|filter(?:ing)?\s+out|take\s+out|cut\s+out|weed\s+out|hide|hiding|omit(?:ting)?|drop(?:ping)?(?!\s+(?:me|us)\b)|remove|removing|ignore|ignoring|(?:any(?:thing|where|one|body)?|every(?:thing|where|one|body)|(?<!\bat\s+)all)(?:\s+(?:\p{L}[\p{L}-]*)){0,2}?\s+but(?!\s+(?:also|only|just|then|still|with|in|on|from|that|who|which)\b)(?!\s+(?:i|we|you|they|he|she|it|there|let['’]?s|i['’](?:d|m|ll|ve)|we['’](?:d|re|ll|ve)|you['’](?:d|re|ll|ve))(?![\p{L}'’])))\b/giu;
// After the value: "Germany excluded", "France not included", "Spain left out", "minus Spain" is a cue above.
const TRAILING = /\b(?:excluded|not\s+included|left\s+out|ruled\s+out|filtered\s+out|taken\s+out|omitted|removed|aside(?!\s+from))\b/gi;
// Where a trailing marker's scope starts, looking back: a clause mark, a linking word or another cue.
// "and" is no stop: "Germany and France excluded" leaves both out.
const BACK_STOP = /[,.;:!?()\n]|\s[—–]\s|\b(?:with|but|also|then|in|from|on|using|leads?|prospects?|companies|accounts)\b/gi;

// The word a negator negates, when it is about the conversation rather than the leads: then nothing is
// excluded. Verbs of leaving out, negated, include ("don't miss the energy leads").
const NOT_A_FILTER =
  /^\s*(?:(?:a|an|the|to|too|so|really|at\s+all|in\s+a)\s+)*(?:rush(?:ing)?|hurry|worr(?:y|ies|ied)(?!\s+about\b)|problems?|prob|pressure|stress|biggie|big\s+deal|deal|idea|clue|doubt|offen[cs]e|joke|joking|kidding|lie|lying|gonna\s+lie|urgent|fancy|special|sure|certain|bad|bother(?:ed)?(?!\s+(?:with|about)\b)|mind|care(?!\s+(?:about|for)\b)|matter|forget|forgetting|hesitate|miss|missing|overlook|skip|leave\s+out|exclude|ignore|remember|recall|know|understand|wait|worry(?!\s+about\b)|need\s+to\s+(?:rush|hurry|worry|be|apologi[sz]e|explain)|just|only|merely|simply|limited\s+to|restricted\s+to|yet\s+sure|picky|fussy|included|including|but)\b/i;
const CONTACT_VERB =
  '(?:(?:yet|been|ever|even|really)\\s+)*(?:contacted|reached\\s+out(?:\\s+to)?|called|emailed|touched|spoken\\s+to|talked\\s+to|replied|responded|answered|got\\s+back(?:\\s+to\\s+(?:me|us))?|heard\\s+back|reply|respond|answer|signed|bought|closed)\\b(?:\\s+(?:to\\s+)?(?:me|us|them|yet))?';
// "not contacted or replied", "not contacted, qualified or replied": the negation of a verb of contact covers the
// verbs and statuses coordinated with it.
const NEGATED_VERB = new RegExp(
  `^\\s*${CONTACT_VERB}(?:\\s*(?:,\\s*)?(?:or|nor|,)\\s*(?:${CONTACT_VERB}|(?:dis)?qualified\\b|customers?\\b|won\\b|lost\\b))*`,
  'i',
);
const NEGATED_BOUND = /^\s*(?:(?:more|less|fewer|bigger|smaller|larger|greater|higher|lower)\s+than|over|under|below|above)\b/i;
// "Besides fintech, insurance leads too": an addition, not an exclusion.
const ADDITIVE_CUE = /^(?:besides|apart\s+from|aside\s+from)$/i;
const ADDITION = /\b(?:too|also|as\s+well|in\s+addition|plus)\b/i;
const CLAUSE_END = /[,.;:!?()\n]|\s[—–]\s/g;
// A preposition ends the scope only once a value was named after the cue: "except SaaS and E-commerce in
// France" keeps France; "not in France" and "excluding companies in Germany" negate it.
const LINK = /\b(?:that|which|who|whose|with|using|use|uses|and\s+(?:in|with|using|that|who|are|only|just|also)|but|in|from|based\s+in|located\s+in)\b/gi;
const PREFIX = /\bnon[\s-]+([\p{L}][\p{L}-]*)/giu;

/**
 * The negated spans of `text`. `names(fragment)` says whether a fragment holds a value (an industry,
 * place, technology or status), so a scope can end at the next linking word after one.
 */
export function negatedSpans(text: string, names: (fragment: string) => boolean, kinds?: (fragment: string) => ReadonlySet<string>): NegatedSpan[] {
  const spans: NegatedSpan[] = [];
  for (const m of text.matchAll(PREFIX)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  const cues = [...[...text.matchAll(NEGATOR)].map((m) => ({ m, negator: true })), ...[...text.matchAll(EXCLUDER)].map((m) => ({ m, negator: false }))].sort(
    (a, b) => a.m.index! - b.m.index!,
  );
  // A cue cancelled by the negator before it ("don't forget to exclude" still excludes; "don't skip" includes).
  let cancelledUntil = -1;
  const uncertain = (from: number) => {
    const end = uncertainEnd(text, from, names);
    if (end > from && names(text.slice(from, end))) spans.push({ start: from, end, uncertain: true });
  };
  for (const { m, negator } of cues) {
    if (m.index! < cancelledUntil) continue;
    const start = m.index! + m[0].length;
    const after = text.slice(start);
    if (negator) {
      const discourse = NOT_A_FILTER.exec(after);
      if (discourse) {
        cancelledUntil = start + discourse[0].length;
        // "not gonna lie the Berlin leads were rough, show me Munich": the rest of a remark is no request,
        // unless the word is an emphatic inclusion ("don't forget the fintech leads", "not just fintech").
        if (!EMPHATIC.test(discourse[0])) uncertain(cancelledUntil);
        continue;
      }
      // "not more than 200 people", "score not below 70": the negation is the comparison's (a bound), not a value's.
      const bound = NEGATED_BOUND.exec(after);
      if (bound) {
        spans.push({ start, end: start + bound[0].length });
        continue;
      }
      // "haven't reached out to … in healthcare": the negation is the verb's; what follows is not negated.
      const verb = NEGATED_VERB.exec(after);
      if (verb) {
        spans.push({ start, end: start + verb[0].length });
        continue;
      }
      const head = governedHead(after, names);
      if (head.end >= 0) {
        // "can't find the SaaS leads", "haven't had my coffee", "isn't there anyone in Toronto": the negator
        // belongs to a word that is neither a value nor a relation to one, so it excludes nothing.
        cancelledUntil = start + head.end;
        // Whether the rest of its clause is still negated is unknown ("don't bug me about the Berlin ones"),
        // unless the head is a word whose negation leaves what follows wanted ("can't find", "isn't there"):
        // a value there is left out rather than searched for, so a negation is never inverted.
        if (!KEPT_HEAD.test(head.word)) uncertain(cancelledUntil);
        continue;
      }
    } else if (ADDITIVE_CUE.test(m[0].trim()) && ADDITION.test(after)) {
      continue;
    }
    const end = kinds ? coordinatedEnd(text, start, scopeEnd(text, start, names), names, kinds, negator) : scopeEnd(text, start, names);
    if (end > start) spans.push({ start, end });
  }
  for (const m of text.matchAll(TRAILING)) {
    // "not included" also opens a forward scope above; that one holds no value.
    let start = 0;
    BACK_STOP.lastIndex = 0;
    for (let stop = BACK_STOP.exec(text); stop && stop.index < m.index!; stop = BACK_STOP.exec(text)) {
      if (names(text.slice(stop.index + stop[0].length, m.index!))) start = stop.index + stop[0].length;
    }
    if (names(text.slice(start, m.index!))) spans.push({ start, end: m.index! });
  }
  return spans;
}

// Words a negator reaches through to find the word it governs: adverbs, copulas, determiners, lead nouns.
const SKIP = new Set(
  (
    'yet really even ever currently already actually necessarily all at be been being a an the any of those these ' +
    'one ones anyone anybody anything any1 lead leads company companies contact contacts account accounts prospect ' +
    "prospects people folks guys that who which are is me us also still both too who's who’s that's that’s who're"
  ).split(' '),
);
// Words that relate a lead to a value, so a negator before them negates the value after them: "not in", "aren't
// on", "don't use", "not based in", "don't want … from".
const RELATION = new Set(
  (
    'in inside within on at from based located headquartered hq using use uses run runs running with into part ' +
    'among working work works operating operate operates selling sell sells serving serve target targeting ' +
    'have has having want wants wanna need needs show list give include return bring interested looking'
  ).split(' '),
);
const LABELLED_AS =
  /^\s*(?:(?:that|who|whom)\s+)?(?:we|i|you|they|someone|anyone)(?:['’]ve|['’]d|\s+have|\s+had)?\s+(?:already\s+)?(?:(?:marked|tagged|flagged|labell?ed|listed|classed|classified|categori[sz]ed|filed|set|moved|put)\s+(?:them\s+|it\s+)?(?:as|to|in|under|into)\b|(?:contacted|reached\s+out\s+to|emailed|called|pinged|messaged|spoken\s+to|talked\s+to)\b)/i;
const LABELLED_ENDS =
  /^(?:\s+(?:them|yet|already|before|so\s+far|recently|lately|ever|this\s+\w+|last\s+\w+|as\s+\w+|to\s+\w+))*\s*(?:$|[,.;:!?()\n]|\s[—–-]\s|(?:in|from|at|on|with|using|who|that|which|and|or|but|please|pls|thanks)\b)/i;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * Whether a negator governs a filter, decided by the word it attaches to: a value ("not fintech", "no US"),
 * a relation to one ("not in", "don't use") or a status ("not customers"). Returns end -1 when it does,
 * else where its head word ends (relative to `after`), so nothing is excluded.
 */
// Discourse words after which what follows is still wanted: "don't forget the fintech leads", "not just fintech",
// "can't wait to see the Berlin ones", "don't hesitate to include Norway".
const EMPHATIC =
  /\b(?:forget|forgetting|miss|missing|overlook|skip|leave\s+out|exclude|ignore|remember|recall|hesitate|wait|just|only|merely|simply|limited\s+to|restricted\s+to|included|including|but)\b/i;
// Heads after which the negation stays with its verb and what follows is still wanted: "can't find the SaaS
// leads in Austin", "isn't there anyone in Toronto", "can't wait to see", "don't you have anyone in Berlin?". Any
// other head ("don't get why the Munich leads …", "don't think the Berlin ones …", "never had much luck in France")
// leaves its remark uncertain.
const KEPT_HEAD = /^(?:find|found|see|seen|locate|spot|access|open|load|there|wait|i|we|you)$/i;
// "don't bother with the ones we disqualified", "don't care about Germany": a verb and its preposition relate
// the leads to what follows, as "in" or "using" does.
const RELATION_VERB = /^(?:bother|care|worry|waste|touch|deal|mess|go)$/;
const RELATION_PREPOSITION = /^(?:with|about|for|on|after|near|into)$/;

function governedHead(after: string, names: (fragment: string) => boolean): { end: number; word: string } {
  // "no one we've marked as customer", "nobody we tagged as qualified", "no one I've already contacted": a relative
  // clause labelling leads, or saying we contacted them, relates them to the status it names, as "in" does.
  const labelled = LABELLED_AS.exec(after);
  // "no one I contacted replied" is a remark: the relative clause is the subject of another verb.
  if (labelled && (/(?:as|to|in|under|into)$/i.test(labelled[0]) || LABELLED_ENDS.test(after.slice(labelled[0].length)))) return { end: -1, word: '' };
  const words = [...after.matchAll(WORD)];
  let i = 0;
  // "US" in capitals is the country, not the pronoun: "not the US ones" excludes it.
  const capitalValue = (w: string) => w === 'US' || (/^\p{Lu}{2,}$/u.test(w) && names(w));
  const skipped = (w: string) => SKIP.has(w.toLowerCase()) && !capitalValue(w);
  while (i < words.length && skipped(words[i]![0])) i++;
  const head = words[i];
  if (!head) return { end: -1, word: '' };
  // Only the words up to the clause's end count.
  const gap = after.slice(words[i - 1] ? words[i - 1]!.index! + words[i - 1]![0].length : 0, head.index!);
  if (/[,.;:!?()\n]|\s[—–]\s/.test(gap)) return { end: -1, word: '' };
  const w1 = head[0].toLowerCase();
  if (RELATION.has(w1)) return { end: -1, word: w1 };
  const next = words[i + 1];
  const w2 = next && !/[,.;:!?()\n]/.test(after.slice(head.index! + w1.length, next.index!)) ? next[0] : undefined;
  if (names(w1) || capitalValue(head[0]) || (w2 && names(`${w1} ${w2}`) && !names(w2))) return { end: -1, word: w1 };
  if (w2 && RELATION_VERB.test(w1) && RELATION_PREPOSITION.test(w2.toLowerCase())) return { end: -1, word: w1 };
  return { end: head.index! + head[0].length, word: w1 };
}

function scopeEnd(text: string, start: number, names: (fragment: string) => boolean): number {
  CLAUSE_END.lastIndex = start;
  const clause = CLAUSE_END.exec(text);
  const end = clause ? clause.index : text.length;
  LINK.lastIndex = start;
  for (let link = LINK.exec(text); link && link.index < end; link = LINK.exec(text)) {
    if (link.index > start && names(text.slice(start, link.index))) return link.index;
  }
  return end;
}

// A scope covers a list of values of one kind coordinated after it: "excluding anyone contacted or who replied",
// "except banking, insurance and retail", "not in Germany, France or Spain". The list goes on past a linking word
// or a comma only where a coordinator joins the next part and that part names a value of a kind already in the
// scope; a part of another kind or one marked as wanted ("excluding contacted ones, and only in Berlin", "except
// fintech, and SaaS too") starts a new include. After a bare negator ("no fintech, SaaS and insurance in Berlin")
// a comma list needs "or"/"nor": with "and" the rest may be what is wanted.
const COORDINATOR_BEFORE = new RegExp(`\\b(?:or|and|nor|as\\s+well\\s+as)(?:\\s+(?:${[...SKIP].join('|')}))*\\s*$`, 'i');
const RELATIVE = /^\s*(?:(?:and|or|nor)\s+)?(?:who|that|which|whose)\b/i;
const COORDINATOR_AT = /^\s*(?:or|and|nor)\b/i;
const WANTED = /\b(?:only|just|but|also|too|plus|as\s+well(?!\s+as)|instead|rather|show|find|give|list|want|need|include|including|keep|then)\b/i;

function coordinatedEnd(
  text: string,
  start: number,
  end: number,
  names: (fragment: string) => boolean,
  kinds: (fragment: string) => ReadonlySet<string>,
  negator: boolean,
): number {
  for (;;) {
    if (end >= text.length) return end;
    const inScope = kinds(text.slice(start, end));
    if (inScope.size === 0) return end;
    const comma = text[end] === ',';
    if (!comma && /[.;:!?()\n]/.test(text[end]!)) return end;
    // A linking word continues the list only right after a coordinator ("contacted or who replied", "and who"); a
    // relation repeated after "and" is a new include ("not in Germany and in France"), after "or" one more value.
    const before = COORDINATOR_BEFORE.exec(text.slice(start, end))?.[0] ?? COORDINATOR_AT.exec(text.slice(end))?.[0];
    if (!comma && !before) return end;
    if (!comma && RELATIVE.test(text.slice(end)) === false && !/\b(?:or|nor)\b/i.test(before!)) return end;
    const from = comma ? end + 1 : end + (/^\s*\S+/.exec(text.slice(end))?.[0].length ?? 0);
    const next = scopeEnd(text, from, names);
    const part = text.slice(from, next);
    if (WANTED.test(part)) return end;
    if (comma) {
      const led = COORDINATOR_AT.test(part);
      const coordinated = led || /\b(?:or|nor|and)\b/i.test(part);
      if (!coordinated || (negator && !/\b(?:or|nor)\b/i.test(part))) return end;
      // The part must open with its value ("France or Spain", "or who replied"), not with words of its own.
      const head = /^\s*(?:(?:or|and|nor)\s+)?((?:[\p{L}'’-]+\s+){0,3}[\p{L}'’-]+)/u.exec(part);
      if (!head || ![...kinds(head[1]!)].some((k) => inScope.has(k))) return end;
    }
    const partKinds = kinds(part);
    if (partKinds.size === 0 || ![...partKinds].every((k) => inScope.has(k))) return end;
    end = next;
  }
}

// An unresolved negation reaches no further than its own remark: a dash, an emoji, "but", "so", or a request
// opening ("not to be dramatic but I need 10 SaaS VPs", "never used this before 😅 show me CTOs in Austin").
const REMARK_END =
  /[,.;:!?()\n]|\s[—–-]\s|\p{Extended_Pictographic}|\b(?:but|so|then|show|find|list|get|give|gimme|pull|need|want|wanna|let['’]?s|any|can|could|please|pls)\b/gu;

function uncertainEnd(text: string, start: number, names: (fragment: string) => boolean): number {
  REMARK_END.lastIndex = start;
  const stop = REMARK_END.exec(text);
  return Math.min(scopeEnd(text, start, names), stop ? stop.index : text.length);
}

/** Whether a value at `at` is excluded. */
export function isNegated(spans: readonly NegatedSpan[], at: number): boolean {
  return spans.some((s) => !s.uncertain && at >= s.start && at < s.end);
}

/** The spans whose negation is not known: the values in them are read neither way. */
export function uncertainSpans(spans: readonly NegatedSpan[]): NegatedSpan[] {
  return spans.filter((s) => s.uncertain && !spans.some((c) => !c.uncertain && c.start <= s.start && c.end >= s.end));
}
