// Misspelt words in a request, corrected towards the words the offline model knows (catalogue, the
// organisation's lead data, the phrasing corpus) within an edit budget that grows with word length.
// Words of common English are never changed; neither are emails, links and anything after the first line
// (a pasted email or a note is the rep's text, not a request).
import type { Knowledge } from './knowledge.ts';

export function correctSpelling(text: string, knowledge: Knowledge): string {
  const nl = text.indexOf('\n');
  const head = nl === -1 ? text : text.slice(0, nl);
  const tail = nl === -1 ? '' : text.slice(nl);
  const fixed = head.replace(/(?<![@\w./-])\p{L}+(?![@\w]*@|[\w]*\.\w)/gu, (word) => {
    const c = knowledge.correct(word);
    if (!c) return word;
    return /^\p{Lu}/u.test(word) ? c.charAt(0).toUpperCase() + c.slice(1) : c;
  });
  return fixed + tail;
}
