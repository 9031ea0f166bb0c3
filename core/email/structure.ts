// Splits an email body into what the checks look at: the greeting, the message prose (paragraphs and
// sentences) and the sign-off block, which is not part of the message a prospect reads for its content.
import { replaceLinks } from './links.ts';

export interface Paragraph {
  text: string;
  sentences: string[];
}

export interface EmailStructure {
  /** The body with line endings normalised and trailing space trimmed. */
  body: string;
  greeting?: string;
  /** Lines of the valediction block ("Best,\nAlex"), if one was recognised. */
  signOff: string[];
  /** Greeting plus prose: what word counts, spam and shouting checks read. */
  message: string;
  paragraphs: Paragraph[];
  sentences: string[];
  /** Words of `message` (tokens holding a letter or digit). */
  words: string[];
  /** Sentences that are items of a bulleted list of five or more: a spec sheet's lines, not statements. */
  specItems: string[];
}

const GREETING_WORD = String.raw`(?:hi|hey|hello|dear|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening))`;
// "Hi Sam," alone on a line, or "Hi Sam, saw that..." where the greeting runs into the first sentence.
const GREETING_ALONE = new RegExp(String.raw`^${GREETING_WORD}\b(?:\s+[\p{L}'.-]+){0,3}\s*[,!:\u2014-]?\s*$`, 'iu');
// A spaced hyphen or an en dash ends the greeting too: "Hi Erin - your latest 10-Q discloses …".
const GREETING_LEAD = new RegExp(String.raw`^(${GREETING_WORD}\b(?:\s+[\p{L}'.][\p{L}'.-]*){0,3}\s*(?:[,:\u2014\u2013]|\s-(?=\s)))\s*(\S.*)$`, 'iu');
const VALEDICTION =
  /^(?:best(?:\s+regards|\s+wishes)?|all\s+the\s+best|thanks(?:\s+again)?|thank\s+you|many\s+thanks|cheers|regards|kind\s+regards|warm\s+regards|warmly|sincerely|talk\s+soon|speak\s+soon|take\s+care|yours(?:\s+truly)?|--)\s*[,!.]?(?:\s+[\p{L}'.-]+){0,3}$/iu;

const QUOTED_LINE = /^\s*>/;

// Never the end of a sentence ("Dr. Lee", "e.g. Acme").
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'e.g', 'i.e', 'approx', 'dept', 'no']);
// Often the end of a sentence ("... at Acme Inc. We help"): a boundary only when a capital follows.
const SOFT_ABBREVIATIONS = new Set([
  'inc',
  'ltd',
  'co',
  'corp',
  'llc',
  'etc',
  'est',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

export function analyseEmail(rawBody: string): EmailStructure {
  const body = rawBody
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
  // A quoted earlier message ("> On Tue, Chris wrote:") is not what this email says: its trigger or pitch must not
  // count for the nag on top of it.
  const lines = body.split('\n').filter((l) => !QUOTED_LINE.test(l));

  let greeting: string | undefined;
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0) {
    const line = lines[first]!.trim();
    const lead = GREETING_LEAD.exec(line);
    if (GREETING_ALONE.test(line)) {
      greeting = line;
      lines[first] = '';
    } else if (lead) {
      greeting = lead[1]!;
      lines[first] = lead[2]!;
    }
  }

  const signOffStart = findSignOff(lines);
  const signOff =
    signOffStart === undefined
      ? []
      : lines
          .slice(signOffStart)
          .map((l) => l.trim())
          .filter(Boolean);
  const proseLines = signOffStart === undefined ? lines : lines.slice(0, signOffStart);
  const prose = proseLines.join('\n').trim();

  const bulletItems: string[] = [];
  const paragraphs = prose
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text) => ({ text, sentences: splitParagraph(text, bulletItems) }));
  // Five bullets or more are a list of specs or features (as five items in one sentence are): their figures
  // measure the product, so the substance checks do not read them as results or facts about the reader.
  const bulletLines = proseLines.filter((l) => BULLET.test(l.trim())).length;
  const message = [greeting, prose].filter(Boolean).join('\n\n');

  return {
    body,
    greeting,
    signOff,
    message,
    paragraphs,
    sentences: paragraphs.flatMap((p) => p.sentences),
    words: wordsOf(message),
    specItems: bulletLines >= 5 ? bulletItems : [],
  };
}

/** The sign-off must sit in the last few lines and be followed only by a short name/title block. */
function findSignOff(lines: string[]): number | undefined {
  const nonEmpty = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l !== '');
  const tail = nonEmpty.slice(-6);
  for (const { l, i } of tail) {
    if (!VALEDICTION.test(l)) continue;
    const after = nonEmpty.filter((x) => x.i > i);
    if (after.length <= 4 && after.every((x) => x.l.split(/\s+/).length <= 8 && !/[?]$/.test(x.l))) return i;
  }
  return undefined;
}

const BULLET = /^([-*\u2022]|\d+[.)])\s+/;

function splitParagraph(paragraph: string, bulletItems: string[] = []): string[] {
  const sentences: string[] = [];
  let pending: string[] = [];
  // Bulleted lines stand alone; other line breaks inside a paragraph are soft wraps.
  for (const line of paragraph.split('\n').map((l) => l.trim())) {
    if (BULLET.test(line)) {
      if (pending.length) sentences.push(...splitSentences(pending.join(' ')));
      pending = [];
      const items = splitSentences(line.replace(BULLET, ''));
      sentences.push(...items);
      bulletItems.push(...items);
    } else {
      pending.push(line);
    }
  }
  if (pending.length) sentences.push(...splitSentences(pending.join(' ')));
  return sentences.filter((s) => wordsOf(s).length > 0);
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?\u2026]+["')\]]*(?=\s|$)/g)) {
    const end = (m.index ?? 0) + m[0].length;
    const before = text.slice(start, m.index ?? 0);
    const lastToken = (/(\S+)$/.exec(before)?.[1] ?? '').toLowerCase().replace(/^[("'[]+/, '');
    const next = text.slice(end).trimStart();
    if (m[0].startsWith('.') && !m[0].includes('?') && !m[0].includes('!')) {
      // A lone capital is not skipped: "Series B." ends sentences in sales email far more often than initials.
      if (ABBREVIATIONS.has(lastToken) || /^[a-z]\.[a-z]$/.test(lastToken)) continue;
      if (SOFT_ABBREVIATIONS.has(lastToken) && !/^\p{Lu}/u.test(next)) continue;
      if (/^\p{Ll}/u.test(next)) continue;
    }
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * Sentences split further at semicolons and spaced dashes, where one-line emails join the trigger, the proof
 * and the ask ("Saw you are hiring 14 staff — Acme cut overtime 18% with us; worth a look?"). Pieces under
 * four words stay with the sentence.
 */
export function clausesOf(sentences: string[]): string[] {
  return sentences.flatMap((sentence) => {
    const parts = sentence.split(/\s*;\s+|\s+[\u2014\u2013]\s+|\s+--?\s+/);
    return parts.length > 1 && parts.every((p) => wordsOf(p).length >= 4) ? parts : [sentence];
  });
}

/**
 * What a question states on its way to asking: the reason it opens with ("With 9 new AEs starting this month, …")
 * and what a relative clause says of the thing offered ("a scorecard that cut ramp by 3 weeks at Tessel"). A
 * one-sentence email carries its trigger and its proof that way.
 */
export function questionPremises(sentence: string): string[] {
  const s = sentence.trim();
  if (!/\?["”')\]]*\s*$/.test(s)) return [];
  const out: string[] = [];
  const reason = /^(?:(?:so|and)[,\s]+)?((?:with|since|now that|given|after)\s+[^,?]{6,120},)/i.exec(s)?.[1];
  if (reason) out.push(reason);
  for (const m of s.matchAll(/\b(?:that|which)\s+(\p{Ll}+\b[^?,;]{6,120}?)(?=\s+(?:be|is|was|would|could|might)\b|[?,;]|$)/gu)) out.push(m[1]!);
  return out;
}

/** The sentences the substance checks read: the prose without a spec sheet's bullet items. */
export function proseSentences(structure: EmailStructure): string[] {
  return structure.sentences.filter((s) => !structure.specItems.includes(s));
}

/** Clauses plus what questions state: the units the substance checks read. */
export function statementsOf(sentences: string[]): string[] {
  return clausesOf(sentences).flatMap((c) => [c, ...questionPremises(c)]);
}

export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
}

/** Words for readability: links become one short word, surrounding punctuation goes. */
export function readableWords(text: string): string[] {
  return wordsOf(replaceLinks(text)).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
}

// "my note last week", "my last email", "as promised", "since I wrote": the sender has written before.
const EARLIER_EMAIL =
  /\b(?:my|our)\s+(?:last|previous|earlier|prior|first|recent)?\s*(?:note|email|e-mail|message|mail)\s+(?:last|this|on|from|a few|two|three|about|regarding)\b|\b(?:since|after|in|to|on)\s+my\s+(?:note|email|e-mail|message)\b|\bmy\s+(?:last|previous|earlier|prior)\s+(?:note|email|e-mail|message)\b|\b(?:since|when)\s+i\s+(?:last\s+)?(?:wrote|emailed|reached out)\b|\bi\s+wrote\s+(?:in|on|last|a few|twice|before|earlier)\b|\bi['’]ve\s+(?:written|emailed|reached out|been in touch)\s+(?:a couple of times|a few times|twice|three times|before|\w+ times)\b|\bthis is my last (?:note|email)\b|\bas promised\b|\bfollowing up on\b/i;

/** Whether the message refers to an earlier email of the sender's (so it is a follow-up, not a first touch). */
export function refersToEarlierEmail(body: string): boolean {
  // A quoted message below ("> On Tue, Chris wrote:") is the thread this email continues.
  return EARLIER_EMAIL.test(body) || body.split(/\r?\n/).some((l) => QUOTED_LINE.test(l));
}
