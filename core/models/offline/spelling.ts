// Misspelt words in a request, corrected towards the words the offline model knows (catalogue, the
// organisation's lead data, the phrasing corpus) within an edit budget that grows with word length.
// Words of common English are never changed; neither are emails, links and anything after the first line
// (a pasted email or a note is the rep's text, not a request).
import type { Knowledge } from './knowledge.ts';

export function correctSpelling(text: string, knowledge: Knowledge): string {
  const nl = text.indexOf('\n');
  const head = nl === -1 ? text : text.slice(0, nl);
  const tail = nl === -1 ? '' : text.slice(nl);
  // A contraction's stem ("doesn" of "doesn't") is no typo: it would lose its negation.
  const words = [...head.matchAll(/(?<![@\w./-])\p{L}+(?![@\w]*@|[\w]*\.\w|['’]t\b)/gu)];
  const nameLike = words.map((m) => knowledge.nameWord(m[0]) || knowledge.correctName(m[0]) !== undefined);
  let out = '';
  let at = 0;
  words.forEach((m, i) => {
    const word = m[0];
    // A name is corrected only beside another word of a name ("sophie wagnr"): a lone word one letter
    // off a first name ("ramen", "Gmail") is far likelier another word than a misspelt lead.
    const beside = (j: number) =>
      j >= 0 &&
      j < words.length &&
      nameLike[j] &&
      /^\s+$/.test(head.slice(words[Math.min(i, j)]!.index! + words[Math.min(i, j)]![0].length, words[Math.max(i, j)]!.index!));
    // A word in capitals ("MEDDIC", "BANT") is an acronym written on purpose, not a misspelt word.
    if (word.length >= 3 && word === word.toUpperCase() && /\p{Lu}/u.test(word)) {
      out += head.slice(at, m.index) + word;
      at = m.index! + word.length;
      return;
    }
    // A capitalised word inside a sentence is a proper noun: a misspelt value at most ("Frankfrut"), never
    // a request word ("Dallas" is no misspelt "dollars").
    const proper = /^\p{Lu}\p{Ll}/u.test(word) && /[\p{L}\p{N},]\s*$/u.test(head.slice(0, m.index));
    const c = (proper ? knowledge.correctValue(word) : knowledge.correct(word)) ?? (beside(i - 1) || beside(i + 1) ? knowledge.correctName(word) : undefined);
    out += head.slice(at, m.index) + (c ? (/^\p{Lu}/u.test(word) ? c.charAt(0).toUpperCase() + c.slice(1) : c) : word);
    at = m.index! + word.length;
  });
  return out + head.slice(at) + tail;
}
