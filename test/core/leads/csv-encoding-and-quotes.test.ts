// Imports you can trust: strict UTF-8 with line and column of bad bytes, legacy encodings, BOMs, and an
// unclosed quote that is reported where it starts and never swallows later rows silently.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LeadRepository } from '../../../core/db/leads-repository.ts';
import { parseEncoding } from '../../../core/leads/csv-decode.ts';
import { importLeadsCsv, type ImportOptions } from '../../../core/leads/csv-import.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

let db: TestDatabase;
let write: ImportOptions['write'];
beforeAll(async () => {
  db = await createTestDatabase();
  const leads = new LeadRepository(db.prisma);
  write = (rows) => leads.upsertManyByEmail(rows, { source: 'csv_import' });
});
afterAll(async () => db?.drop());
beforeEach(async () => {
  await db.prisma.lead.deleteMany();
});

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const names = async () => (await db.prisma.lead.findMany({ orderBy: { email: 'asc' } })).map((l) => l.fullName);

describe('strict UTF-8', () => {
  it('refuses a row with invalid bytes, naming its line and column, stores nothing garbled, and exits non-zero', async () => {
    // "Müller" in windows-1252 (0xFC) inside a UTF-8 file, on line 3, column 14.
    const file = bytes('Email,Name\nana@acme.io,Ana Silva\njo@acme.io,Jo M', [0xfc], 'ller\nbo@acme.io,Bo Li\n');
    const result = await importLeadsCsv(Readable.from([file]), { write });
    expect(result.bad.map((b) => [b.line, b.reason])).toEqual([
      [3, expect.stringMatching(/^column 16: byte 0xFC is not valid UTF-8; nothing of this row was imported\. .*--encoding windows-1252/)],
    ]);
    expect(result.imported).toBe(2);
    expect(await names()).toEqual(['Ana Silva', 'Bo Li']);
    expect(JSON.stringify(await db.prisma.lead.findMany())).not.toContain('\uFFFD');
  });

  it('finds a bad byte split across read chunks and a truncated sequence at the end of the file', async () => {
    const e9 = [0xc3, 0xa9]; // é in UTF-8
    const chunks = [bytes('Email,Name\nre@acme.io,Ren', [0xc3]), bytes([0xa9], 'e\nx@acme.io,X ', [0xe2, 0x82])];
    const result = await importLeadsCsv(Readable.from(chunks), { write });
    expect(e9).toHaveLength(2);
    expect(await names()).toEqual(['Renée']);
    expect(result.bad.map((b) => b.line)).toEqual([3]);
  });
});

describe('legacy encodings and BOMs', () => {
  const rows = 'Email,Name,Company\nj.muller@acme.de,Jürgen Müller,Café Crème GmbH\n';

  it('decodes windows-1252 and latin1 when asked', async () => {
    for (const encoding of ['windows-1252', 'latin1'] as const) {
      await db.prisma.lead.deleteMany();
      const result = await importLeadsCsv(Readable.from([Buffer.from(rows, 'latin1')]), { write, encoding });
      expect(result.bad).toEqual([]);
      expect(await db.prisma.lead.findFirstOrThrow()).toMatchObject({ fullName: 'Jürgen Müller', company: 'Café Crème GmbH' });
    }
    // windows-1252's own characters: € and the curly quotes.
    await db.prisma.lead.deleteMany();
    await importLeadsCsv(Readable.from([Buffer.from([...Buffer.from('Email,Name,Company\na@b.de,Ann,'), 0x80, 0x93, 0x94, 0x0a])]), {
      write,
      encoding: 'windows-1252',
    });
    expect((await db.prisma.lead.findFirstOrThrow()).company).toBe('€“”');
  });

  it('picks UTF-16 (either byte order) and UTF-8 from a BOM, whatever was asked', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(rows, 'utf16le').swap16()]));
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows, 'utf8')]);
    for (const file of [le, be, u8]) {
      await db.prisma.lead.deleteMany();
      // Split at an odd offset so a UTF-16 code unit is cut across chunks.
      const result = await importLeadsCsv(Readable.from([file.subarray(0, 33), file.subarray(33)]), { write, encoding: 'latin1' });
      expect(result.bad).toEqual([]);
      expect(await db.prisma.lead.findFirstOrThrow()).toMatchObject({ fullName: 'Jürgen Müller', company: 'Café Crème GmbH' });
    }
  });

  it('reads --encoding spellings', () => {
    expect(['utf8', 'Latin-1', 'ISO-8859-1', 'cp1252', 'UTF-16', 'utf-16be', 'ebcdic'].map(parseEncoding)).toEqual([
      'utf-8',
      'latin1',
      'latin1',
      'windows-1252',
      'utf-16le',
      'utf-16be',
      undefined,
    ]);
  });
});

describe('an unclosed quote', () => {
  it('in the middle of a file is reported on the line it opens, and the rows it swallowed are named, not lost silently', async () => {
    const csv = [
      'Email,Name,Company',
      'ana@acme.io,Ana,Acme',
      'jo@acme.io,Jo,"Beta Corp',
      'bo@acme.io,Bo,Gamma',
      'cy@acme.io,Cy,"Delta"',
      'di@acme.io,Di,Epsilon',
      '',
    ].join('\n');
    const result = await importLeadsCsv(Readable.from([csv]), { write });
    const reasons = result.bad.map((b) => [b.line, b.reason]);
    expect(reasons[0]).toEqual([3, expect.stringMatching(/quote that opens the "Company" value is not closed on this line, so lines 4–5 were read into it/)]);
    expect(reasons.slice(1)).toEqual([
      [4, 'not imported: it lies inside the unclosed quote that starts on line 3'],
      [5, 'not imported: it lies inside the unclosed quote that starts on line 3'],
    ]);
    expect(await names()).toEqual(['Ana', 'Di']);
  });

  it('at the end of a file is reported on the line where the record starts', async () => {
    const csv = 'Email,Name\nok@acme.io,Ok\n\nbad@acme.io,"Unclosed\nlost@acme.io,Lost\n';
    const result = await importLeadsCsv(Readable.from([csv]), { write });
    expect(result.bad.map((b) => b.line)).toEqual([4]);
    expect(result.bad[0]!.reason).toMatch(/never closed, so every line from here to the end of the file \(line \d+\)/);
  });

  it('does not flag a legitimate multi-line quoted value', async () => {
    const csv = 'Email,Name,Company\nan@acme.io,An,"Acme\nBuilding 2"\nbo@acme.io,Bo,Beta\n';
    const result = await importLeadsCsv(Readable.from([csv]), { write });
    expect(result.bad).toEqual([]);
    expect(result.imported).toBe(2);
  });
});
