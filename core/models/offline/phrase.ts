// A rep's sentence that extractors consume piece by piece: each recognised span is blanked out so the
// next extractor cannot read it again (a title's "marketing" must not also become an industry).

const BLANK = '\u2022';

// The global and the non-global form of each pattern, compiled once: extractors pass the same module-level
// patterns on every turn, and compiling them again per call was a good part of the offline model's CPU.
const globals = new WeakMap<RegExp, RegExp>();
const locals = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  if (re.global) return re;
  let g = globals.get(re);
  if (!g) globals.set(re, (g = new RegExp(re.source, `${re.flags}g`)));
  return g;
}

/** `re` without the global flag; its lastIndex is reset, as a fresh copy's would be (a sticky pattern reads it). */
function localOf(re: RegExp): RegExp {
  let l = re.global ? locals.get(re) : re;
  if (!l) locals.set(re, (l = new RegExp(re.source, re.flags.replace('g', ''))));
  l.lastIndex = 0;
  return l;
}

export interface Token {
  word: string;
  start: number;
  end: number;
}

export class Phrase {
  private text: string;

  constructor(readonly original: string) {
    this.text = original;
  }

  /** The text still unread; consumed spans show as bullets. */
  get rest(): string {
    return this.text;
  }

  /** Every match of `re` (made global) that `keep` accepts, blanked out after matching. */
  takeAll(re: RegExp, keep: (m: RegExpExecArray) => boolean = () => true): RegExpExecArray[] {
    // matchAll iterates a copy of the pattern, so the shared one's lastIndex is never moved.
    const matches = ([...this.text.matchAll(globalOf(re))] as RegExpExecArray[]).filter(keep);
    for (const m of matches) this.blank(m.index, m.index + m[0].length);
    return matches;
  }

  /** The first match of `re`, blanked out. */
  take(re: RegExp): RegExpExecArray | undefined {
    const m = localOf(re).exec(this.text);
    if (m) this.blank(m.index, m.index + m[0].length);
    return m ?? undefined;
  }

  test(re: RegExp): boolean {
    return localOf(re).test(this.text);
  }

  blank(start: number, end: number): void {
    this.text = this.text.slice(0, start) + BLANK.repeat(end - start) + this.text.slice(end);
  }

  /** Unread words, in order. */
  tokens(): Token[] {
    const out: Token[] = [];
    for (const m of this.text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}.'’&+#/-]*[\p{L}\p{N}+#]|[\p{L}\p{N}]/gu)) {
      out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /**
   * Runs of up to `max` adjacent unread words (only spaces between them), longest first at each
   * position; `accept` returns a value to consume the run, or undefined to try a shorter one.
   */
  scanRuns<T>(max: number, accept: (run: string, first: Token, prev: string | undefined) => T | undefined): T[] {
    const found: T[] = [];
    const tokens = this.tokens();
    let i = 0;
    while (i < tokens.length) {
      let matched = 0;
      for (let n = Math.min(max, tokens.length - i); n >= 1; n--) {
        const run = tokens.slice(i, i + n);
        if (!adjacent(this.text, run)) continue;
        const value = accept(
          this.original.slice(run[0]!.start, run.at(-1)!.end),
          run[0]!,
          i > 0 && adjacent(this.text, [tokens[i - 1]!, run[0]!]) ? tokens[i - 1]!.word : undefined,
        );
        if (value !== undefined) {
          found.push(value);
          this.blank(run[0]!.start, run.at(-1)!.end);
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
    return found;
  }
}

function adjacent(text: string, run: Token[]): boolean {
  for (let k = 1; k < run.length; k++) {
    if (!/^\s+$/.test(text.slice(run[k - 1]!.end, run[k]!.start))) return false;
  }
  return true;
}
