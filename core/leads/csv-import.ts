// Imports leads from a CSV file (`salesos import`). Streams the file, maps its headers to lead fields,
// canonicalises and validates each row, and writes good rows in batches through `opts.write` (the lead
// repository's upsert by email, passed in so core/leads stays free of the database).
//
// Decisions, so the counts add up (imported = created + updated):
// - A bad row is reported with the line it starts on (header = line 1) and never written in part.
// - An email seen earlier in the same file updates that lead (the last value of each field wins) and is
//   counted as an update, and in `duplicates`.
// - Unknown industries, countries, cities and technologies are kept as written; known ones are canonical.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { NotFoundError, ValidationError } from '../errors.ts';
import { log } from '../log.ts';
import { mapHeaders } from './csv-headers.ts';
import type { CsvEncoding } from './csv-decode.ts';
import { openCsv, type CsvSkip } from './csv-read.ts';
import { rowToLead } from './csv-row.ts';
import type { LeadInput } from './lead-input.ts';

export interface ImportOptions {
  write: (rows: LeadInput[]) => Promise<{ created: number; updated: number }>;
  /** Rows per write (default 500). */
  batchSize?: number;
  /** Called after every batch and at the end; `total` (data rows) is known when importing from a path. */
  onProgress?: (done: number, total?: number) => void;
  /** Stored as each lead's source (default "csv_import"). */
  source?: string;
  /** How the bytes are decoded (default strict UTF-8); a BOM overrides it. */
  encoding?: CsvEncoding;
  /** After every batch is written: counts so far, for the import record (`salesos import --status`). */
  onBatch?: (progress: { rows: number; imported: number; rejected: number }) => Promise<void>;
}

export interface BadRow {
  /** 1-based line in the file where the row starts; the header is line 1. */
  line: number;
  /** The column and what is wrong with it, e.g. `Email "bob@" is not a valid email address`. */
  reason: string;
  /** The row as header → cell (kept for the first 1,000 bad rows). */
  raw?: Record<string, string>;
}

export interface ImportResult {
  /** Good rows, including repeats of an email. */
  imported: number;
  created: number;
  updated: number;
  /** Rows whose email appeared earlier in the file. */
  duplicates: number;
  bad: BadRow[];
  /** Headers that hold no lead field, as written in the file. */
  ignoredColumns: string[];
  delimiter: string;
  /** Data rows read (good, bad and blank). */
  rows: number;
}

/** One line per bad row for people: `line 7: Email "bob@" is not a valid email address`. */
export function formatBadRow(bad: BadRow): string {
  return `line ${bad.line}: ${bad.reason}`;
}

const RAW_KEPT = 1000;

export async function importLeadsCsv(input: Readable | string, opts: ImportOptions): Promise<ImportResult> {
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const source = opts.source ?? 'csv_import';
  let total: number | undefined;
  if (typeof input === 'string') {
    await assertReadableFile(input);
    total = await countRows(input);
  }

  const bad: BadRow[] = [];
  const onSkip = (s: CsvSkip) => {
    result.rows++;
    bad.push({ line: s.line, reason: `the row ${s.reason}` });
  };
  const reader = await openCsv(typeof input === 'string' ? fs.createReadStream(input) : input, onSkip, { encoding: opts.encoding });
  const result: ImportResult = {
    imported: 0,
    created: 0,
    updated: 0,
    duplicates: 0,
    bad,
    ignoredColumns: [],
    delimiter: reader.delimiter,
    rows: 0,
  };

  try {
    const { header } = reader;
    const badHeaderByte = reader.invalidByte(1, 1);
    if (badHeaderByte) throw new ValidationError(`The CSV file is not valid UTF-8: ${describeInvalidByte(badHeaderByte)} of the header. ${ENCODING_HINT}`);
    if (!header.some(Boolean)) throw new ValidationError('The CSV file is empty: it has no header line with column names.');
    const headers = mapHeaders(header);
    result.ignoredColumns = headers.ignored;
    const found = header
      .filter(Boolean)
      .map((h) => `"${h}"`)
      .join(', ');
    if (!headers.indexes.has('email')) {
      throw new ValidationError(`The CSV file has no email column (found ${found}). Name one column "Email".`, { headers: header });
    }
    if (!(['fullName', 'firstName', 'lastName'] as const).some((c) => headers.indexes.has(c))) {
      throw new ValidationError(`The CSV file has no name column (found ${found}). Add "Name" or "First Name" and "Last Name".`, {
        headers: header,
      });
    }

    const seen = new Set<string>();
    let batch = new Map<string, LeadInput>();
    const flush = async () => {
      if (batch.size) {
        const rows = [...batch.values()];
        batch = new Map();
        const written = await opts.write(rows);
        result.created += written.created;
        result.updated += written.updated;
      }
      await opts.onBatch?.({ rows: result.rows, imported: result.imported, rejected: bad.length });
      opts.onProgress?.(result.rows, total);
    };

    for await (const { line, cells } of reader.records) {
      result.rows++;
      if (cells.every((c) => !c.trim())) continue;
      const reject = (reason: string) => bad.push({ line, reason, raw: bad.length < RAW_KEPT ? rawRow(header, cells) : undefined });
      const lastLine = line + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      const badByte = reader.invalidByte(line, lastLine);
      if (badByte) {
        // Never store a guess: the bytes are not UTF-8, so the row is refused whole.
        const where = badByte.line === line ? `column ${badByte.column}` : `line ${badByte.line}, column ${badByte.column}`;
        reject(`${where}: byte 0x${hex(badByte.byte)} is not valid UTF-8; nothing of this row was imported. ${ENCODING_HINT}`);
        continue;
      }
      const swallowed = unclosedQuote(cells, header.length, reader.delimiter);
      if (swallowed !== undefined) {
        reject(
          `the quote that opens ${header[swallowed] ? `the "${header[swallowed]}" value` : `value ${swallowed + 1}`} is not closed on this line, so lines ${line + 1}–${lastLine} were read into it; ` +
            'none of them was imported (close the quote and import the file again)',
        );
        for (let l = line + 1; l <= lastLine; l++) bad.push({ line: l, reason: `not imported: it lies inside the unclosed quote that starts on line ${line}` });
        continue;
      }
      if (cells.length > header.length) {
        reject(`the row has ${cells.length} values but the header has ${header.length} columns (an unquoted "${reader.delimiter}"?)`);
        continue;
      }
      const row = rowToLead(cells, headers, source);
      if ('reason' in row) {
        reject(row.reason);
        continue;
      }
      const lead = row.lead;
      result.imported++;
      if (seen.has(lead.email)) result.duplicates++;
      seen.add(lead.email);
      const earlier = batch.get(lead.email);
      if (earlier) {
        // Same email twice in one batch: merge as the repository would update the stored lead.
        batch.set(lead.email, { ...earlier, ...lead });
        result.updated++;
      } else {
        batch.set(lead.email, lead);
      }
      if (batch.size >= batchSize) await flush();
    }
    await flush();
  } finally {
    reader.close();
  }

  bad.sort((a, b) => a.line - b.line);
  log.info('imported leads from CSV', {
    rows: result.rows,
    imported: result.imported,
    created: result.created,
    updated: result.updated,
    duplicates: result.duplicates,
    bad: bad.length,
    ignoredColumns: result.ignoredColumns,
  });
  return result;
}

const ENCODING_HINT = 'If the file comes from an older system, import it with --encoding windows-1252 (or latin1, utf-16).';

const hex = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');

function describeInvalidByte(b: { line: number; column: number; byte: number }): string {
  return `line ${b.line}, column ${b.column}: byte 0x${hex(b.byte)}`;
}

/**
 * Which cell (index) swallowed following lines through a quote that was never closed, or undefined.
 * A quoted value may hold line breaks (an address, a note); one whose inner lines look like whole CSV rows
 * (as many delimiters as the header has), or that leaves the row with too many or too few values, is a
 * missing closing quote, not a multi-line value.
 */
function unclosedQuote(cells: string[], columns: number, delimiter: string): number | undefined {
  const index = cells.findIndex((c) => c.includes('\n'));
  if (index < 0) return undefined;
  const looksLikeRows = cells[index]!.split('\n')
    .slice(1)
    .some((l) => l.split(delimiter).length >= Math.max(2, columns - 1));
  return looksLikeRows || cells.length !== columns ? index : undefined;
}

function rawRow(header: string[], cells: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  header.forEach((h, i) => {
    raw[h || `column ${i + 1}`] = cells[i] ?? '';
  });
  return raw;
}

async function assertReadableFile(path: string): Promise<void> {
  const stat = await fs.promises.stat(path).catch(() => undefined);
  if (!stat) throw new NotFoundError(`There is no file at ${path}.`);
  if (!stat.isFile()) throw new ValidationError(`${path} is not a file.`);
}

/** Data rows in the file, for progress totals; a cheap first pass that parses without validating. */
async function countRows(path: string): Promise<number> {
  let n = 0;
  const reader = await openCsv(fs.createReadStream(path), () => n++);
  for await (const _ of reader.records) n++;
  return n;
}
