// Where a rep's words are negated, so "fintech leads outside Germany" excludes Germany instead of
// searching it. A cue ("not", "n't", "no", "except", "excluding", "other than", "but not", "outside",
// "without", "skip", "non-") opens a scope that runs to the end of the clause: a punctuation mark, or a
// linking word ("that", "with", "using", "and in", "but") once a value was named after the cue.
// "non-fintech" negates its own word only.

export interface NegatedSpan {
  start: number;
  end: number;
}

const CUE =
  /\b(?:not|never|none|no(?!\s+(?:owner|one)\b)|except(?:\s+for)?|excluding|exclude|other\s+than|but\s+not|outside(?:\s+of)?|without|skip(?:ping)?|minus|apart\s+from|aside\s+from|besides|leave\s+out|leaving\s+out|ignore|ignoring|(?:do|does|did|are|is|have|has|wo|ca)nt)\b|n['’]t\b/gi;
const CLAUSE_END = /[,.;:!?()\n]|\s[—–]\s/g;
// A preposition ends the scope only once a value was named after the cue: "except SaaS and E-commerce in
// France" keeps France; "not in France" and "excluding companies in Germany" negate it.
const LINK = /\b(?:that|which|who|whose|with|using|use|uses|and\s+(?:in|with|using|that|who|are)|but|in|from|based\s+in|located\s+in)\b/gi;
const NEGATED_VERB =
  /^\s*(?:(?:yet|been|ever|even|really)\s+)*(?:contacted|reached\s+out(?:\s+to)?|called|emailed|touched|spoken\s+to|talked\s+to|replied|responded|answered|got\s+back(?:\s+to\s+(?:me|us))?|heard\s+back|reply|respond|answer|signed|bought|closed)\b(?:\s+(?:to\s+)?(?:me|us|them|yet))?/i;
const PREFIX = /\bnon[\s-]+([\p{L}][\p{L}-]*)/giu;

/**
 * The negated spans of `text`. `names(fragment)` says whether a fragment holds a value (an industry,
 * place, technology or status), so a scope can end at the next linking word after one.
 */
export function negatedSpans(text: string, names: (fragment: string) => boolean): NegatedSpan[] {
  const spans: NegatedSpan[] = [];
  for (const m of text.matchAll(PREFIX)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  for (const cue of text.matchAll(CUE)) {
    const start = cue.index! + cue[0].length;
    // "haven't reached out to … in healthcare": the negation is the verb's; what follows is not negated.
    const verb = NEGATED_VERB.exec(text.slice(start));
    if (verb) {
      spans.push({ start, end: start + verb[0].length });
      continue;
    }
    CLAUSE_END.lastIndex = start;
    const clause = CLAUSE_END.exec(text);
    let end = clause ? clause.index : text.length;
    LINK.lastIndex = start;
    for (let link = LINK.exec(text); link && link.index < end; link = LINK.exec(text)) {
      if (link.index > start && names(text.slice(start, link.index))) {
        end = link.index;
        break;
      }
    }
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

export function isNegated(spans: readonly NegatedSpan[], at: number): boolean {
  return spans.some((s) => at >= s.start && at < s.end);
}
