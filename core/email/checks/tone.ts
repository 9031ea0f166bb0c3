// What wastes the reader's attention: clichés and empty openers, nagging follow-ups, feature dumps, and
// repetition or keyword stuffing (a name or a tool repeated to look personal). Sources: docs/email-rubric.md.
import type { CheckResult } from '../types.ts';
import { contentWords, listItems, namedEntities } from '../text-signals.ts';
import { CLICHES, EMPTY_CLOSERS, EMPTY_OPENERS, NAGS } from '../vocabulary.ts';
import { type EmailContext, plural, quote, result } from './context.ts';
import { findProofPoints, findValueStatements } from './substance.ts';
import { findTriggers } from './relevance.ts';

function matches(text: string, patterns: RegExp[]): string[] {
  return patterns.map((re) => re.exec(text)?.[0]).filter((m): m is string => !!m);
}

export function checkCliches({ structure }: EmailContext): CheckResult {
  const first = structure.sentences[0] ?? '';
  const greeting = structure.greeting ?? '';
  const opener = matches(`${greeting}\n${first}`, EMPTY_OPENERS);
  const rest = structure.sentences.slice(1).join('\n');
  const found = [...opener, ...matches(rest, EMPTY_OPENERS), ...matches(structure.message, CLICHES), ...matches(structure.message, EMPTY_CLOSERS)];
  const unique = [...new Set(found.map((f) => f.toLowerCase()))];
  // An empty first line costs the one sentence a reader is sure to see; two stock phrases make a pattern.
  const status = opener.length || unique.length >= 2 ? 'fail' : unique.length === 1 ? 'warn' : 'pass';
  return result(
    {
      id: 'cliches',
      label: 'Clichés and empty openers',
      status,
      measured: unique.length,
      target: 'none; the first sentence is about them',
      evidence: unique.map((f) => `"${f}"`),
      weight: 0,
      advice: status === 'pass' ? 'Plain, specific language.' : 'Cut the stock phrases; start with the fact about them and say what you do in plain words.',
    },
    opener.length ? 'an empty opener' : plural(unique.length, 'cliché'),
  );
}

export function checkFollowUpNag({ subject, structure }: EmailContext): CheckResult {
  const nags = matches(structure.message, NAGS);
  const stacked = /^\s*(re:\s*){2,}/i.test(subject ?? '') ? ['"Re: Re:" subject'] : [];
  const found = [...new Set([...nags.map((n) => `"${n}"`), ...stacked])];
  // Following up works (Yesware); a follow-up that brings nothing new is what readers ignore.
  const bringsSomething =
    findProofPoints(structure.sentences).some((p) => p.strength === 'strong') || findTriggers(structure.sentences).some((t) => t.specific);
  const status = found.length === 0 ? 'pass' : bringsSomething ? 'warn' : 'fail';
  return result(
    {
      id: 'follow_up_nag',
      label: 'Follow-up nagging',
      status,
      measured: found.length ? (bringsSomething ? 'a nag with something new' : 'a nag with nothing new') : 'none',
      target: 'every follow-up brings something new',
      evidence: found,
      weight: 0,
      advice:
        status === 'pass'
          ? 'No "just following up".'
          : 'Drop "just following up"; give a new reason to reply (a fact, a result, a resource) as if it were a first email.',
    },
    'a "just following up" nag',
  );
}

const FEATURE_CUE = /\b(features?|offers?|includes?|including|comes with|provides?|supports?|integrat\w+|platform|modules?|capabilit\w+|dashboards?|specs?)\b/i;

export function checkFeatureDump({ structure }: EmailContext): CheckResult {
  const bullets = structure.body.split('\n').filter((l) => /^\s*([-*\u2022]|\d+[.)])\s+/.test(l));
  const listed = structure.sentences.filter((s) => FEATURE_CUE.test(s) || /^(we|our)\b/i.test(s)).map((s) => ({ s, items: listItems(s) }));
  const items = bullets.length + listed.reduce((n, x) => n + (x.items.length >= 4 ? x.items.length : 0), 0);
  const outcomes =
    findValueStatements(structure.sentences).some((v) => v.concrete) || findProofPoints(structure.sentences).some((p) => p.strength === 'strong');
  // Rackham (SPIN Selling): features move small sales at best; an outcome the buyer needs is what persuades.
  const status = items >= 8 || (items >= 5 && !outcomes) ? 'fail' : items >= 5 ? 'warn' : 'pass';
  const evidence = [
    ...listed.filter((x) => x.items.length >= 4).map((x) => `"${quote(x.s, 120)}" (${x.items.length} items)`),
    ...(bullets.length ? [`${bullets.length} bullet points`] : []),
  ];
  return result(
    {
      id: 'feature_dump',
      label: 'Feature dump',
      status,
      measured: `${plural(items, 'feature')} listed${outcomes ? ', with an outcome' : ', no outcome'}`,
      target: 'outcomes, not a feature list',
      evidence,
      weight: 0,
      advice: status === 'pass' ? 'Talks outcomes, not specs.' : 'Replace the list with the one capability that matters to them and what it changes.',
    },
    'a feature list instead of an outcome',
  );
}

export function checkRepetition({ structure, lead }: EmailContext): CheckResult {
  const prose = structure.sentences.join(' ');
  const words = contentWords(prose);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const names = new Map<string, number>();
  for (const s of structure.sentences) for (const e of namedEntities(s)) names.set(e, (names.get(e) ?? 0) + 1);
  const first = lead?.firstName ?? structure.greeting?.replace(/^\S+\s+/, '').replace(/[,!:.\s]+$/, '');
  if (first && /^\p{Lu}\p{L}+$/u.test(first)) {
    const n = (prose.match(new RegExp(String.raw`(?<![\p{L}])${first}(?![\p{L}])`, 'gu')) ?? []).length;
    if (n) names.set(first, Math.max(names.get(first) ?? 0, n));
  }
  // Google's spam policies call repeating names and keywords to look relevant "keyword stuffing".
  // Short acronyms (UK, SEC) are topics more than names; stuffing repeats a person, a company or a product.
  const stuffedNames = [...names].filter(([e, n]) => n >= 3 && e.length > 3);
  const stuffedWords = [...counts]
    .filter(([, n]) => n >= 7 || (n >= 5 && n / Math.max(1, structure.words.length) >= 0.1))
    .filter(([w]) => !stuffedNames.some(([e]) => e.toLowerCase().includes(w)));
  const repeatedSentences = structure.sentences.filter((s, i) => structure.sentences.indexOf(s) !== i);
  const worst = Math.max(0, ...stuffedNames.map(([, n]) => n));
  const frequent = [...counts].filter(([, n]) => n >= 4).length;
  // One name three times can be natural; two names three times each is a pattern.
  const status = worst >= 4 || stuffedNames.length >= 2 || stuffedWords.length || repeatedSentences.length ? 'fail' : worst === 3 || frequent ? 'warn' : 'pass';
  return result(
    {
      id: 'repetition',
      label: 'Repetition and keyword stuffing',
      status,
      measured:
        status === 'pass'
          ? 'none'
          : [...stuffedNames.map(([e, n]) => `"${e}" ×${n}`), ...stuffedWords.map(([w, n]) => `"${w}" ×${n}`)].join(', ') || 'a repeated sentence',
      target: 'no name or keyword more than twice',
      evidence: [
        ...stuffedNames.map(([e, n]) => `"${e}" ${n} times`),
        ...stuffedWords.map(([w, n]) => `"${w}" ${n} times`),
        ...repeatedSentences.map((s) => `repeated: "${quote(s)}"`),
      ],
      weight: 0,
      advice: status === 'pass' ? 'No stuffing.' : 'Say the name once; repeating a company, a name or a tool does not make an email personal.',
    },
    'keyword stuffing',
  );
}
