// Whether the email speaks to the reader: "you" versus "I/we". (The ask has its own check: ask.ts.)
import type { CheckResult } from '../types.ts';
import { type EmailContext, plural, result } from './context.ts';

const YOU_WORDS = /\b(you|your|yours|yourself|yourselves|you['\u2019](re|ve|ll|d))\b/gi;
const SELF_WORDS = /\b(i|me|my|mine|myself|we|our|ours|ourselves|us|i['\u2019](m|ve|ll|d)|we['\u2019](re|ve|ll|d))\b/gi;

export function countYouAndSelf(text: string): { you: number; self: number } {
  // Words in quotes are someone else's ("each ad mentions 'alert fatigue on our Kafka pipelines'"), not the writer's.
  const self = countSelf(text.replace(/["“][^"”\n]{3,}["”]/g, ' '));
  const you = text.match(YOU_WORDS)?.length ?? 0;
  return { you, self };
}

function countSelf(text: string): number {
  // "US" in capitals is the country, not the pronoun.
  return (text.match(SELF_WORDS) ?? []).filter((w) => w !== 'US').length;
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
