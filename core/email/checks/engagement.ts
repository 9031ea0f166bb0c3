// How the email engages the reader: questions, the call to action, and "you" versus "I/we".
import { findLinks, isCalendarLink } from '../links.ts';
import type { CheckResult } from '../types.ts';
import { type EmailContext, plural, quote, result, statusOf } from './context.ts';

// Phrases that ask the reader to do something next. Interest-based asks ("open to", "worth a look") and
// meeting asks ("book a", "15 minutes") both count; the advice steers toward interest-based ones.
const CTA_PATTERNS: RegExp[] = [
  /\bwould you be open to\b/i,
  /\bopen to\b/i,
  /\bare you free\b/i,
  /\bfree (on|for) a (quick |short )?(call|chat)\b/i,
  /\bworth a (quick |short |brief )?(chat|call|conversation|look|talk)\b/i,
  /\bworth (exploring|discussing|a closer look)\b/i,
  /\b(can|could|shall) we\b/i,
  /\blet me know\b/i,
  /\bbook a\b/i,
  /\bschedule (a|an|some|time|\d+)\b/i,
  /\b(hop|jump) on a (quick |short )?call\b/i,
  /\b(just |simply )?(hit )?reply\b(?! rates?)/i,
  /\bdo you have (a few|\d+|some|time)\b/i,
  /\binterested in (a|learning|seeing|hearing|chatting|exploring|talking)\b/i,
  /\b(would|does) it make sense\b/i,
  /\bgrab (a|some) (time|call|slot|minutes|coffee)\b/i,
  /\blet['\u2019]s (chat|talk|connect|meet|set up|find)\b/i,
  /\bi['\u2019]d love to (chat|show|walk|connect|set up|hear|share)\b/i,
  /\b(mind if|can|may|should) i (send|share)\b/i,
  /\bwant me to (send|share)\b/i,
  /\bis this (a priority|on your radar|worth)\b/i,
  /\bclick here\b/i,
  /\bsign up\b/i,
  /^(any )?thoughts\?/i,
];

const MEETING_ASK = /\b(\d+\s*(min|minutes)|book a|schedule|calendar|hop on a|jump on a|call (on|this|next)|tuesday|wednesday|thursday|friday|monday)\b/i;

export function checkQuestions({ structure }: EmailContext): CheckResult {
  const questions = structure.sentences.filter((s) => s.includes('?'));
  const n = questions.length;
  // Boomerang (2016): emails with 1–3 questions were 50% more likely to get a reply than those with none.
  const status = statusOf(n > 3, n === 0);
  return result(
    {
      id: 'questions',
      label: 'Questions',
      status,
      measured: n,
      target: '1–3 questions',
      evidence: questions.map((q) => `"${quote(q)}"`),
      weight: 6,
      advice:
        n === 0
          ? 'Ask one easy question the reader can answer in a word.'
          : n > 3
            ? 'Keep the one question that matters; a list of questions feels like a survey.'
            : 'A clear question to answer.',
    },
    n === 0 ? 'no question' : `${n} questions`,
  );
}

/** Sentences that carry a call to action (one per sentence, however many phrases it holds). */
export function findCallsToAction(sentences: string[]): string[] {
  return sentences.filter(
    (s) => CTA_PATTERNS.some((re) => re.test(s.trim())) || findLinks(s).some((l) => isCalendarLink(l.text)),
  );
}

export function checkCallToAction({ structure }: EmailContext): CheckResult {
  const ctas = findCallsToAction(structure.sentences);
  const n = ctas.length;
  // One clear ask; Gong Labs (304k cold emails) found interest-based asks ("Open to a look?") beat
  // asks for a specific meeting time.
  const status = n === 1 ? 'pass' : n === 2 ? 'warn' : 'fail';
  const meeting = ctas.some((c) => MEETING_ASK.test(c));
  return result(
    {
      id: 'call_to_action',
      label: 'Call to action',
      status,
      measured: n,
      target: 'exactly 1, interest-based',
      evidence: ctas.map((c) => `"${quote(c)}"`),
      weight: 12,
      advice:
        n === 0
          ? 'End with one low-effort ask, e.g. "Worth a quick look?"'
          : n > 1
            ? 'Keep one ask and cut the rest; several asks make it easy to do nothing.'
            : meeting
              ? 'One ask, good. Gong found interest-based asks ("Open to a look?") beat asking for meeting time.'
              : 'One clear, low-effort ask.',
    },
    n === 0 ? 'no call to action' : `${n} calls to action`,
  );
}

const YOU_WORDS = /\b(you|your|yours|yourself|yourselves|you['\u2019](re|ve|ll|d))\b/gi;
const SELF_WORDS = /\b(i|me|my|mine|myself|we|our|ours|ourselves|us|i['\u2019](m|ve|ll|d)|we['\u2019](re|ve|ll|d))\b/gi;

export function countYouAndSelf(text: string): { you: number; self: number } {
  const you = text.match(YOU_WORDS)?.length ?? 0;
  // "US" in capitals is the country, not the pronoun.
  const self = (text.match(SELF_WORDS) ?? []).filter((w) => w !== 'US').length;
  return { you, self };
}

export function checkYouFocus({ structure }: EmailContext): CheckResult {
  const { you, self } = countYouAndSelf(structure.message);
  const ratio = self === 0 ? (you > 0 ? Infinity : 0) : you / self;
  // A message about the reader keeps them reading; we fail when I/we words are more than twice the you words.
  const status = you === 0 && self === 0 ? 'warn' : ratio >= 1 ? 'pass' : ratio >= 0.5 ? 'warn' : 'fail';
  return result(
    {
      id: 'you_focus',
      label: '"You" vs "I/we"',
      status,
      measured: `${you} you / ${self} I-we`,
      target: '"you" words ≥ "I/we" words',
      evidence: [`${plural(you, '"you" word')}`, `${plural(self, '"I/we" word')}`],
      weight: 8,
      advice:
        status === 'pass'
          ? 'Written about the reader.'
          : you === 0 && self === 0
            ? 'Speak to the reader directly: say what changes for "you".'
            : 'Rewrite "we do X" as "you get Y"; talk about their problem, not your company.',
    },
    `I/we-focused (${self} I-we vs ${you} you)`,
  );
}
