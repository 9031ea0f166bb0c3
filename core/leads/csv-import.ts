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
  const reader = await openCsv(typeof input === 'string' ? fs.createReadStream(input) : input, onSkip);
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
    if (!header.some(Boolean)) throw new ValidationError('The CSV file is empty: it has no header line with column names.');
    const headers = mapHeaders(header);
    result.ignoredColumns = headers.ignored;
    const found = header.filter(Boolean).map((h) => `"${h}"`).join(', ');
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
      opts.onProgress?.(result.rows, total);
    };

    for await (const { line, cells } of reader.records) {
      result.rows++;
      if (cells.every((c) => !c.trim())) continue;
      const reject = (reason: string) =>
        bad.push({ line, reason, raw: bad.length < RAW_KEPT ? rawRow(header, cells) : undefined });
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
