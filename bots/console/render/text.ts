// Plain-text layout by terminal columns: sanitising data, display width, truncation with "…", word wrap.
import { stripInvisible } from '../../../core/safe-text.ts';
import { ANSI_PATTERN } from './style.ts';

const ELLIPSIS = '…';

// Lead data comes from CSV imports and outside services: an embedded ESC could restyle or move the
// cursor of the rep's terminal, and a bidi override could reorder what it shows, so neither reaches the output.
export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** One line of user data: controls dropped, any whitespace run (newlines, tabs) becomes one space. */
export function clean(value: unknown): string {
  if (value === null || value === undefined) return '';
  return stripInvisible(String(value)).replace(/\s+/g, ' ').replace(CONTROL, '').trim();
}

/** Multi-line user data (email bodies): keeps line breaks, drops other controls, tabs become spaces. */
export function cleanBlock(value: string): string {
  return stripInvisible(value.replace(/\r\n?/g, '\n').replace(/\t/g, '  ')).replace(CONTROL, '').replace(/\s+$/, '');
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x2060 || cp === 0xfeff;
}

const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (isZeroWidth(cp) || /\p{M}/u.test(ch)) return 0;
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
}

/** Columns a string occupies in a terminal, ignoring ANSI sequences (CJK and emoji take two). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(ANSI_PATTERN, '')) w += charWidth(ch);
  return w;
}

/** Fits plain text into `width` columns, ending in "…" when something was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out.trimEnd() + ELLIPSIS;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Splits a word wider than the line into line-sized pieces. */
function hardSplit(word: string, width: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  let used = 0;
  for (const ch of word) {
    const w = charWidth(ch);
    if (used + w > width && cur) {
      pieces.push(cur);
      cur = '';
      used = 0;
    }
    cur += ch;
    used += w;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/**
 * Greedy word wrap of plain text. Line breaks in the text are kept (an empty line stays empty).
 * The first line may have a different width than the rest, for hanging indents after a label.
 */
export function wrap(text: string, width: number, restWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => Math.max(1, lines.length === 0 ? width : restWidth);
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/ +/).filter(Boolean);
    if (!words.length) {
      lines.push('');
      continue;
    }
    let cur = '';
    for (const word of words) {
      const candidate = cur ? `${cur} ${word}` : word;
      if (displayWidth(candidate) <= limit()) {
        cur = candidate;
        continue;
      }
      if (cur) lines.push(cur);
      cur = '';
      for (const piece of displayWidth(word) > limit() ? hardSplit(word, limit()) : [word]) {
        if (cur) lines.push(cur);
        cur = piece;
      }
    }
    lines.push(cur);
  }
  return lines;
}

/** Wraps text behind a prefix ("  • ", "Email:   "); continuation lines line up under the text. */
export function hang(prefix: string, text: string, width: number, restIndent = displayWidth(prefix)): string[] {
  const rest = ' '.repeat(restIndent);
  return wrap(text, width - displayWidth(prefix), width - restIndent).map((l, i) => (i === 0 ? prefix : rest) + l);
}

/** Indents every line; blank lines stay blank so nothing trails. */
export function indent(lines: string[], prefix: string, width: number): string[] {
  return lines.flatMap((l) => (l ? wrap(l, width - displayWidth(prefix)).map((w) => prefix + w) : ['']));
}

/**
 * Last line of defence for the width promise on already-styled text: cuts at `width` columns, keeps
 * escape sequences intact, and resets styling when a cut happened inside styled text.
 */
export function clampLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  let out = '';
  let used = 0;
  let styled = false;
  let i = 0;
  const ansi = new RegExp(ANSI_PATTERN.source, 'y');
  while (i < line.length) {
    ansi.lastIndex = i;
    const m = ansi.exec(line);
    if (m) {
      out += m[0];
      styled = true;
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
    i += ch.length;
  }
  return out + ELLIPSIS + (styled ? '\x1b[0m' : '');
}
