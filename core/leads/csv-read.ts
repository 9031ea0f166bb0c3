// Streams a CSV file as records with the line each starts on. Bytes are decoded by csv-decode.ts (strict
// UTF-8 unless told otherwise, BOM detection). Line endings are normalised to "\n" before csv-parse sees
// them: its line count drifts on CRLF inside quoted fields, and bad-row reports need exact lines. The
// delimiter ("," ";" or tab) is detected from the header line.
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ValidationError } from '../errors.ts';
import { decodeCsv, type CsvEncoding, type InvalidByte } from './csv-decode.ts';

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvSkip {
  line: number;
  reason: string;
  /** The last line the skipped text reached (an unclosed quote runs to the end of the file). */
  lastLine?: number;
}

export interface CsvReader {
  delimiter: string;
  /** Empty when the file has no header line at all. */
  header: string[];
  records: AsyncGenerator<CsvRecord>;
  /** The first invalid byte (UTF-8 input) on lines first..last, once those lines were read. */
  invalidByte(first: number, last: number): InvalidByte | undefined;
  encoding(): CsvEncoding;
  /** Stop reading early (the file stays open otherwise). */
  close(): void;
}

/** `blank` collects the lines holding only whitespace, so a skipped record can be placed on its first line. */
async function* normalisedText(input: AsyncIterable<string>, blank: Set<number>): AsyncGenerator<string> {
  let carry = '';
  let line = 1;
  let empty = true;
  const track = (text: string) => {
    for (let i = text.indexOf('\n'), from = 0; ; from = i + 1, i = text.indexOf('\n', from)) {
      const part = i < 0 ? text.slice(from) : text.slice(from, i);
      if (/\S/.test(part)) empty = false;
      if (i < 0) return;
      if (empty) blank.add(line);
      line++;
      empty = true;
    }
  };
  for await (const chunk of input) {
    let text = carry + chunk;
    // A chunk may end between "\r" and "\n": keep the "\r" until the next chunk.
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    if (text) {
      const normal = text.replace(/\r\n?/g, '\n');
      track(normal);
      yield normal;
    }
  }
  if (carry) yield '\n';
}

export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return Object.entries(counts).reduce((best, cur) => (cur[1] > best[1] ? cur : best), [',', 0] as [string, number])[0];
}

export async function openCsv(input: Readable, onSkip: (skip: CsvSkip) => void, opts: { encoding?: CsvEncoding } = {}): Promise<CsvReader> {
  const decoded = decodeCsv(input, opts.encoding);
  const blank = new Set<number>();
  const text = normalisedText(decoded.text, blank)[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let head = '';
  // Read until the first non-blank line is complete (or the file ends).
  while (!/[^\s][^\n]*\n/.test(head)) {
    const next = await text.next();
    if (next.done) break;
    buffered.push(next.value);
    head += next.value;
  }
  const headerLine = head.split('\n').find((l) => l.trim()) ?? '';
  const delimiter = detectDelimiter(headerLine);

  async function* replay(): AsyncGenerator<string> {
    yield* buffered;
    for (;;) {
      const next = await text.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  // The last line of the last record read: a skipped record starts on the next non-blank line after it.
  let lastEnd = 0;
  parser.on('skip', (err: CsvError) => {
    const end = Number(err.lines);
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      let start = lastEnd + 1;
      while (blank.has(start) && start < end) start++;
      onSkip({
        line: start,
        lastLine: end,
        reason: `opens a quote that is never closed, so every line from here to the end of the file (line ${end}) was read as one field and none of it was imported`,
      });
    } else onSkip({ line: end, reason: `is not valid CSV (${err.message.split(' at line')[0]})` });
  });
  pipeline(Readable.from(replay(), { objectMode: false }), parser, () => {});
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;

  const read = async (): Promise<CsvRecord | undefined> => {
    try {
      const next = await rows.next();
      if (next.done) return undefined;
      const { record, info } = next.value;
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      lastEnd = info.lines;
      for (const l of blank) if (l < lastEnd) blank.delete(l);
      return { line: info.lines - newlines, cells: record };
    } catch (err) {
      if (err instanceof CsvError) {
        throw new ValidationError(`The CSV file could not be read at line ${Number(err.lines)}: ${err.message}`);
      }
      throw err;
    }
  };

  const first = await read();
  async function* records(): AsyncGenerator<CsvRecord> {
    for (;;) {
      const record = await read();
      if (!record) return;
      yield record;
    }
  }
  const invalidByte = (from: number, to: number): InvalidByte | undefined => {
    if (!decoded.invalid.size) return undefined;
    for (let l = from; l <= to; l++) {
      const at = decoded.invalid.get(l);
      if (at) return at;
    }
    return undefined;
  };
  return {
    delimiter,
    header: first?.cells.map((h) => h.trim()) ?? [],
    records: records(),
    invalidByte,
    encoding: decoded.encoding,
    close: () => parser.destroy(),
  };
}
