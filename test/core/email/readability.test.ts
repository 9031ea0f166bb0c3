import { describe, expect, it } from 'vitest';
import { readability } from '../../../core/email/readability.ts';

describe('readability', () => {
  // Wikipedia, "Flesch–Kincaid readability tests": "The cat sat on the mat." scores 116 reading ease.
  it('scores "The cat sat on the mat." at reading ease 116 and grade about -1.4', () => {
    const r = readability('The cat sat on the mat.');
    expect(r.readingEase).toBeCloseTo(116.1, 1);
    expect(r.grade).toBeCloseTo(-1.4, 1);
  });

  // Same article: this sentence has a reading ease of 69 (16 words, 23 syllables).
  it('scores the Wikipedia example sentence at reading ease 69', () => {
    const r = readability('This sentence, taken as a reading passage unto itself, is being used to prove a point.');
    expect(r.words).toBe(16);
    expect(r.syllables).toBe(23);
    expect(Math.round(r.readingEase)).toBe(69);
    expect(r.grade).toBeCloseTo(7.6, 1);
  });

  it('uses the Kincaid 1975 coefficients (0.39, 11.8, -15.59)', () => {
    // Eleven one-syllable words in one sentence: 0.39 * 11 + 11.8 * 1 - 15.59 = 0.5.
    expect(readability('The dog ran to the park and sat in the sun.').grade).toBeCloseTo(0.5, 1);
  });

  it('rates long, Latinate sentences as college level', () => {
    const r = readability(
      'Our comprehensive enterprise platform facilitates organizational transformation by leveraging sophisticated analytical capabilities.',
    );
    expect(r.grade).toBeGreaterThan(16);
  });

  it('counts a link as one short word rather than a giant one', () => {
    const withLink = readability('See it at https://acme.io/a-very-long-path-with-many-parts today.');
    const plain = readability('See it at link today.');
    expect(withLink.syllables).toBe(plain.syllables);
  });

  it('returns grade 0 for text without words', () => {
    expect(readability('...').grade).toBe(0);
  });
});
