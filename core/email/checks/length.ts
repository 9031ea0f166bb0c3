// Length and readability: body word count, Flesch–Kincaid grade, sentence length, paragraph size.
import { readabilityOfSentences, tokenSyllables } from '../readability.ts';
import { readableWords, wordsOf } from '../structure.ts';
import type { CheckResult } from '../types.ts';
import { type EmailContext, plural, quote, result, statusOf } from './context.ts';

export function checkLength({ structure }: EmailContext): CheckResult {
  const n = structure.words.length;
  // Lavender (2022–24 benchmarks): 25–50 words get the most replies; Boomerang (40M emails, 2016): replies
  // fall away past 125 words. 51–75 still passes; over 75 is long for a first touch.
  const status = statusOf(n > 125, n > 75 || n < 25);
  return result(
    {
      id: 'length',
      label: 'Length',
      status,
      measured: n,
      target: '25–50 words (up to 75 passes)',
      evidence: [`${n} words (greeting included, sign-off excluded)`],
      weight: 12,
      advice:
        n < 25
          ? 'Add one line on why this matters to them; under 25 words often reads as a bare pitch.'
          : status === 'pass'
            ? 'Good length: it reads in about 10 seconds.'
            : 'Cut to one idea and one ask; aim for 25–50 words. Move detail to the follow-up.',
    },
    n < 25 ? `too short (${n} words)` : `too long (${n} words)`,
  );
}

export function checkReadingGrade({ structure }: EmailContext): CheckResult {
  const r = readabilityOfSentences(structure.sentences);
  // Boomerang (2016): 3rd-grade emails got 36% more replies than college level; Lavender: 3rd–5th grade.
  const status = statusOf(r.grade > 8, r.grade > 5);
  const hardWords = [...new Set(structure.sentences.flatMap((s) => readableWords(s)))].filter((w) => tokenSyllables(w) >= 4);
  const hardest = structure.sentences
    .map((s) => ({ s, g: readabilityOfSentences([s]).grade }))
    .filter((x) => x.g > 8)
    .sort((a, b) => b.g - a.g)
    .slice(0, 2)
    .map((x) => `"${quote(x.s)}" (grade ${x.g})`);
  return result(
    {
      id: 'reading_grade',
      label: 'Reading level',
      status,
      measured: r.grade,
      target: 'Flesch–Kincaid grade ≤ 5',
      evidence: status === 'pass' ? [] : [...hardest, ...(hardWords.length ? [`long words: ${hardWords.slice(0, 8).join(', ')}`] : [])],
      weight: 10,
      advice: status === 'pass' ? 'Easy to read on a phone.' : 'Use shorter words and split long sentences; write it the way you would say it.',
    },
    `reading grade ${r.grade}`,
  );
}

export function checkSentenceLength({ structure }: EmailContext): CheckResult {
  const lengths = structure.sentences.map((s) => wordsOf(s).length);
  const longest = Math.max(0, ...lengths);
  const average = lengths.length ? Math.round((lengths.reduce((a, b) => a + b, 0) / lengths.length) * 10) / 10 : 0;
  // Lavender's benchmarks keep sentences under ~20 words; past 30 a reader on a phone loses the thread.
  const status = statusOf(longest > 30, longest > 20);
  const long = structure.sentences.filter((s) => wordsOf(s).length > 20);
  return result(
    {
      id: 'sentence_length',
      label: 'Sentence length',
      status,
      measured: `average ${average} words, longest ${longest}`,
      target: 'no sentence over 20 words',
      evidence: long.map((s) => `"${quote(s, 240)}" (${wordsOf(s).length} words)`),
      weight: 6,
      advice: status === 'pass' ? 'Sentences are short.' : 'Split each long sentence in two; one idea per sentence.',
    },
    `${plural(long.length, 'long sentence')}`,
  );
}

export function checkParagraphs({ structure }: EmailContext): CheckResult {
  const sized = structure.paragraphs.map((p) => ({ p, sentences: p.sentences.length, words: wordsOf(p.text).length }));
  // Mobile readers skim: more than 3 sentences or 60 words per paragraph turns into a wall of text.
  const failing = sized.filter((x) => x.sentences > 5 || x.words > 90);
  const warning = sized.filter((x) => x.sentences > 3 || x.words > 60);
  const biggest = sized.reduce((a, b) => (b.words > a.words ? b : a), { sentences: 0, words: 0 } as { sentences: number; words: number });
  const status = statusOf(failing.length > 0, warning.length > 0);
  return result(
    {
      id: 'paragraphs',
      label: 'Paragraphs',
      status,
      measured: `largest: ${plural(biggest.sentences, 'sentence')}, ${plural(biggest.words, 'word')}`,
      target: '≤ 3 sentences and ≤ 60 words per paragraph',
      evidence: warning.map((x) => `"${quote(x.p.sentences[0] ?? x.p.text, 100)}" … (${plural(x.sentences, 'sentence')}, ${x.words} words)`),
      weight: 5,
      advice: status === 'pass' ? 'Paragraphs are easy to scan.' : 'Break paragraphs into 1–3 short sentences each.',
    },
    `${plural(warning.length, 'dense paragraph')}`,
  );
}
