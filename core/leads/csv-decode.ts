// Bytes → text for CSV imports. UTF-8 is strict: an invalid byte never becomes a silent U+FFFD in a lead;
// its line and column are recorded so the row holding it is rejected by name. A BOM picks UTF-8 or
// UTF-16 by itself; `--encoding` decodes legacy exports (latin1, windows-1252, utf-16le/be).

export const CSV_ENCODINGS = ['utf-8', 'latin1', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Accepts the usual spellings: utf8, UTF-8, latin-1, iso-8859-1, cp1252, utf16 (little-endian, as Excel writes). */
export function parseEncoding(name: string): CsvEncoding | undefined {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const map: Record<string, CsvEncoding> = {
    utf8: 'utf-8',
    latin1: 'latin1',
    iso88591: 'latin1',
    l1: 'latin1',
    windows1252: 'windows-1252',
    cp1252: 'windows-1252',
    win1252: 'windows-1252',
    utf16: 'utf-16le',
    utf16le: 'utf-16le',
    utf16be: 'utf-16be',
    ucs2: 'utf-16le',
  };
  return map[n];
}

export interface InvalidByte {
  /** 1-based line of the file. */
  line: number;
  /** 1-based character column on that line where the invalid sequence starts. */
  column: number;
  byte: number;
}

export interface DecodedCsv {
  text: AsyncGenerator<string>;
  /** Filled while `text` is read: where UTF-8 input held invalid bytes (first per line). */
  invalid: Map<number, InvalidByte>;
  /** The encoding used, after BOM detection. */
  encoding(): CsvEncoding;
}

/** Length of a UTF-8 sequence from its lead byte, or 0 for a byte that cannot start one. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Whether bytes[i..i+len) is a well-formed sequence (no overlongs, no surrogates, ≤ U+10FFFF). */
function wellFormed(bytes: Uint8Array, i: number, len: number): boolean {
  const b0 = bytes[i]!;
  for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
  const b1 = bytes[i + 1]!;
  if (b0 === 0xe0 && b1 < 0xa0) return false;
  if (b0 === 0xed && b1 > 0x9f) return false;
  if (b0 === 0xf0 && b1 < 0x90) return false;
  if (b0 === 0xf4 && b1 > 0x8f) return false;
  return true;
}

export function decodeCsv(input: AsyncIterable<Buffer | string>, requested?: CsvEncoding): DecodedCsv {
  const invalid = new Map<number, InvalidByte>();
  let encoding: CsvEncoding = requested ?? 'utf-8';

  async function* text(): AsyncGenerator<string> {
    let first = true;
    let carry = Buffer.alloc(0);
    let line = 1;
    let column = 1;
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    for await (const raw of input) {
      let chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      if (first) {
        first = false;
        // A BOM says what the file is, whatever was asked.
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) (encoding = 'utf-8'), (chunk = chunk.subarray(3));
        else if (chunk[0] === 0xff && chunk[1] === 0xfe) (encoding = 'utf-16le'), (chunk = chunk.subarray(2));
        else if (chunk[0] === 0xfe && chunk[1] === 0xff) (encoding = 'utf-16be'), (chunk = chunk.subarray(2));
        if (encoding !== 'utf-8') decoder = new TextDecoder(encoding === 'latin1' ? 'latin1' : encoding);
      }
      if (encoding === 'latin1') {
        // True ISO-8859-1 (TextDecoder's "latin1" is windows-1252): every byte is its own code point.
        yield chunk.toString('latin1');
        continue;
      }
      if (decoder) {
        const s = decoder.decode(chunk, { stream: true });
        if (s) yield s;
        continue;
      }
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let out = '';
      let from = 0;
      let i = 0;
      while (i < bytes.length) {
        const b = bytes[i]!;
        if (b < 0x80) {
          if (b === 0x0a) line++, (column = 1);
          else column++;
          i++;
          continue;
        }
        const len = sequenceLength(b);
        if (len > 0 && i + len > bytes.length) break; // completed by the next chunk
        if (len > 0 && wellFormed(bytes, i, len)) {
          column++;
          i += len;
          continue;
        }
        if (!invalid.has(line)) invalid.set(line, { line, column, byte: b });
        out += bytes.toString('utf8', from, i) + '\uFFFD';
        column++;
        i++;
        from = i;
      }
      out += bytes.toString('utf8', from, i);
      carry = Buffer.from(bytes.subarray(i));
      if (out) yield out;
    }
    if (carry.length) {
      if (!invalid.has(line)) invalid.set(line, { line, column, byte: carry[0]! });
      yield '\uFFFD';
    }
    if (decoder) {
      const tail = decoder.decode();
      if (tail) yield tail;
    }
  }

  return { text: text(), invalid, encoding: () => encoding };
}
