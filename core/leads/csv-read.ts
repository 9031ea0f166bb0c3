// Streams a CSV file as records with the line each starts on. Line endings are normalised to "\n" before
// csv-parse sees them: its line count drifts on CRLF inside quoted fields, and bad-row reports need exact
// lines. The delimiter ("," ";" or tab) is detected from the header line; a UTF-8 BOM is dropped.
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CsvError, parse } from 'csv-parse';
import { ValidationError } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvSkip {
  line: number;
  reason: string;
}

export interface CsvReader {
  delimiter: string;
  /** Empty when the file has no header line at all. */
  header: string[];
  records: AsyncGenerator<CsvRecord>;
  /** Stop reading early (the file stays open otherwise). */
  close(): void;
}

async function* normalisedText(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let first = true;
  for await (const chunk of input) {
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (first && text) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    // A chunk may end between "\r" and "\n": keep the "\r" until the next chunk.
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    if (text) yield text.replace(/\r\n?/g, '\n');
  }
  const tail = (carry + decoder.end()).replace(/^\uFEFF/, '');
  if (tail) yield tail.replace(/\r\n?/g, '\n');
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

export async function openCsv(input: Readable, onSkip: (skip: CsvSkip) => void): Promise<CsvReader> {
  const text = normalisedText(input)[Symbol.asyncIterator]();
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
  parser.on('skip', (err: CsvError) =>
    onSkip({ line: Number(err.lines), reason: `is not valid CSV (${err.message.split(' at line')[0]})` }),
  );
  pipeline(Readable.from(replay(), { objectMode: false }), parser, () => {});
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;

  const read = async (): Promise<CsvRecord | undefined> => {
    try {
      const next = await rows.next();
      if (next.done) return undefined;
      const { record, info } = next.value;
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
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
  return { delimiter, header: first?.cells.map((h) => h.trim()) ?? [], records: records(), close: () => parser.destroy() };
}
