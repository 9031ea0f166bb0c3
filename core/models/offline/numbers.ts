// Numbers and positions as reps type them: "10", "ten", "a dozen", "1k", "the second one", "#3", "3rd".

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
  'a dozen': 12,
  'a couple': 2,
  'a couple of': 2,
  couple: 2,
  // "a few" is vague; five is enough to scan in a chat reply.
  'a few': 5,
  few: 5,
  'a handful of': 5,
  'a handful': 5,
  several: 5,
};

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
};

/** Regex source matching one number as written: digits (with "k" or thousands separators) or a number word. */
export const NUMBER_PATTERN = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?\\s?k\\b|\\d+|${Object.keys(WORD_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/** Parse one number written as digits ("1,000", "5k") or words ("ten", "a few"); undefined otherwise. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const k = /^(\d+(?:\.\d+)?)\s?k$/.exec(t);
  if (k) return Math.round(Number(k[1]) * 1000);
  if (/^\d{1,3}(?:,\d{3})+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d+$/.test(t)) return Number(t);
  return WORD_NUMBERS[t];
}

/** "one" … "twenty" as words, for "number two". */
export const SMALL_NUMBER_WORDS = Object.keys(WORD_NUMBERS)
  .filter((w) => WORD_NUMBERS[w]! <= 20 && /^[a-z]+$/.test(w) && !['few', 'couple', 'several', 'dozen'].includes(w))
  .join('|');

/** Regex source matching an ordinal: "second", "2nd", "#2", "number 2". */
export const ORDINAL_PATTERN = `(?:${Object.keys(ORDINALS).join('|')}|\\d+(?:st|nd|rd|th)|#\\s?\\d+|no\\.?\\s?\\d+|number\\s(?:\\d+|${SMALL_NUMBER_WORDS}))`;

/** 1-based position from an ordinal as written; "last" is resolved by the caller, who knows the list length. */
export function parseOrdinal(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t in ORDINALS) return ORDINALS[t];
  const word = /^number\s+([a-z]+)$/.exec(t)?.[1];
  if (word) return WORD_NUMBERS[word];
  const digits = /(\d+)/.exec(t);
  return digits ? Number(digits[1]) : undefined;
}
