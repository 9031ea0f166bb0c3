// Flesch–Kincaid grade level (Kincaid, Fishburne, Rogers & Chissom, 1975, Naval Technical Training Command
// Research Branch Report 8-75) and Flesch reading ease (Flesch, 1948, Journal of Applied Psychology 32(3)).
import { countSyllables } from './syllables.ts';
import { readableWords, splitSentences } from './structure.ts';

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** US school grade; may be below 0 for very simple text. Rounded to one decimal. */
  grade: number;
  readingEase: number;
}

/** Syllables of one token: letters by the rules, numbers roughly one syllable per digit (as read aloud). */
export function tokenSyllables(token: string): number {
  if (/^[\d.,:%$]+$/.test(token)) return Math.max(1, token.replace(/\D/g, '').length);
  return token
    .split(/[-\u2013\u2014/]/)
    .filter(Boolean)
    .reduce((sum, part) => sum + Math.max(1, countSyllables(part)), 0);
}

/** Readability of text already split into sentences (the rubric passes the email's prose sentences). */
export function readabilityOfSentences(sentences: string[]): Readability {
  const words = sentences.flatMap((s) => readableWords(s)).filter(Boolean);
  const sentenceCount = sentences.filter((s) => readableWords(s).some(Boolean)).length;
  const syllables = words.reduce((sum, w) => sum + tokenSyllables(w), 0);
  if (words.length === 0 || sentenceCount === 0) {
    return { words: 0, sentences: 0, syllables: 0, grade: 0, readingEase: 100 };
  }
  const wordsPerSentence = words.length / sentenceCount;
  const syllablesPerWord = syllables / words.length;
  return {
    words: words.length,
    sentences: sentenceCount,
    syllables,
    grade: round1(0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59),
    readingEase: round1(206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord),
  };
}

export function readability(text: string): Readability {
  return readabilityOfSentences(splitSentences(text.replace(/\s+/g, ' ').trim()));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
