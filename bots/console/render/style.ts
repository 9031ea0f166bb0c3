// ANSI styling for the terminal. Renderers lay text out first and style it last, so widths are measured
// on plain text; with `color: false` every function returns its input unchanged.

export interface Style {
  readonly color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
}

// Each style closes only what it opened (22 ends bold/dim, 39 ends a foreground colour), so styles nest.
function sgr(open: number, close: number): (s: string) => string {
  return (s) => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`);
}

const plain = (s: string) => s;

export function createStyle(color: boolean): Style {
  if (!color) return { color, bold: plain, dim: plain, green: plain, yellow: plain, red: plain };
  return { color, bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), yellow: sgr(33, 39), red: sgr(31, 39) };
}

/** Matches CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks). */
export const ANSI_PATTERN = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI_PATTERN, '');
}
