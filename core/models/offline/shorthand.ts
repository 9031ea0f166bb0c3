// Chat shorthand written out before a request is read: "atleast" → "at least", "any1" → "anyone",
// "okta n datadog" → "okta and datadog", "w/o HubSpot" → "without HubSpot", "dont" → "don't", "twenty-five" → "25". Only forms that cannot
// mean anything else are expanded; the rep's own text (a note, a pasted email) is never rewritten.

const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };

const CONTRACTIONS = /\b(do|does|did|are|is|was|were|have|has|had|wo|ca|could|would|should|ai)nt\b/gi;

export function expandShorthand(text: string): string {
  return text
    .replace(/\bat(least|most)\b/gi, 'at $1')
    .replace(/\b(any|some|every|no)1\b/gi, '$1one')
    .replace(/\bexcl\.?(?=\s)/gi, 'excluding')
    .replace(/(?<=\s|^)w\/o(?=\s+\p{L})/giu, 'without')
    .replace(/(?<=\s|^)w\/?(?=\s+\p{L})/giu, 'with')
    .replace(/(?<=\p{L})\s+n\s+(?=\p{L})/gu, ' and ')
    .replace(CONTRACTIONS, (_, stem: string) => `${stem}n't`)
    .replace(new RegExp(`\\b(${Object.keys(TENS).join('|')})[\\s-](${Object.keys(UNITS).join('|')})\\b`, 'gi'), (_, tens: string, unit: string) =>
      String(TENS[tens.toLowerCase()]! + UNITS[unit.toLowerCase()]!),
    );
}
