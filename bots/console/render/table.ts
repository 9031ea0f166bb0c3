// A small text table: columns as wide as their content, shrunk (cells cut with "…") and, if that is not
// enough, dropped in a stated order so the table fits the terminal. Numbers are right-aligned.
import type { Style } from './style.ts';
import { displayWidth, padEnd, padStart, truncate } from './text.ts';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /**
   * Narrowest the column may shrink to before the table drops columns instead. Default: full width for
   * right-aligned (numbers), else the header's width and at least 6.
   */
  min?: number;
  /** When the table cannot fit, columns with the highest number go first; without one, never dropped. */
  dropOrder?: number;
  /** Styles a cell after it was cut and before padding (e.g. colour a status). */
  paint?: (cell: string, row: number) => string;
}

export interface TableOptions {
  width: number;
  style: Style;
  /** Spaces between columns. */
  gap?: number;
  /** Spaces before every line. */
  indent?: number;
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

function fitColumns(columns: Column[], natural: number[], available: number, gap: number): { keep: number[]; widths: number[] } {
  const mins = columns.map((c, i) => Math.min(natural[i]!, c.min ?? (c.align === 'right' ? natural[i]! : Math.max(6, displayWidth(c.header)))));
  let keep = columns.map((_, i) => i);
  const total = (ws: number[]) => sum(keep.map((i) => ws[i]!)) + gap * (keep.length - 1);
  while (total(mins) > available) {
    const droppable = keep.filter((i) => columns[i]!.dropOrder !== undefined);
    if (!droppable.length) break;
    const victim = droppable.reduce((a, b) => (columns[b]!.dropOrder! > columns[a]!.dropOrder! ? b : a));
    keep = keep.filter((i) => i !== victim);
  }
  const widths = [...natural];
  let excess = total(widths) - available;
  while (excess > 0) {
    // Take a column from the widest shrinkable one, so long text columns give way before short ones.
    const shrinkable = keep.filter((i) => widths[i]! > mins[i]!);
    if (!shrinkable.length) break;
    const widest = shrinkable.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    widths[widest]! -= 1;
    excess -= 1;
  }
  return { keep, widths };
}

/** Lines of the table: a bold header, a dim rule, then one line per row. No line ends in spaces. */
export function renderTable(columns: Column[], rows: string[][], opts: TableOptions): string[] {
  const gap = opts.gap ?? 2;
  const pad = ' '.repeat(opts.indent ?? 0);
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const { keep, widths } = fitColumns(columns, natural, opts.width - pad.length, gap);
  const line = (cells: string[], paintRow?: number) =>
    pad +
    keep
      .map((i) => {
        const col = columns[i]!;
        let cell = truncate(cells[i] ?? '', widths[i]!);
        if (paintRow !== undefined && col.paint) cell = col.paint(cell, paintRow);
        return col.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const ruleWidth = sum(keep.map((i) => widths[i]!)) + gap * (keep.length - 1);
  return [opts.style.bold(line(columns.map((c) => c.header))), opts.style.dim(pad + '─'.repeat(Math.max(0, ruleWidth))), ...rows.map((r, n) => line(r, n))];
}
