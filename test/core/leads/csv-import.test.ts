import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { LeadRepository } from '../../../core/db/leads-repository.ts';
import { formatBadRow, importLeadsCsv, type ImportOptions } from '../../../core/leads/csv-import.ts';
import { NotFoundError, ValidationError } from '../../../core/errors.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../../fixtures', name);
let db: TestDatabase;
let write: ImportOptions['write'];

beforeAll(async () => {
  db = await createTestDatabase();
  const leads = new LeadRepository(db.prisma);
  write = (rows) => leads.upsertManyByEmail(rows, { source: 'csv_import' });
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  await db.prisma.lead.deleteMany();
});

describe('importLeadsCsv', () => {
  it('imports every row of a clean file with canonical values', async () => {
    const result = await importLeadsCsv(fixture('leads-good.csv'), { write });
    expect(result).toMatchObject({ imported: 6, created: 6, updated: 0, duplicates: 0, bad: [], ignoredColumns: [], rows: 6 });
    expect(await db.prisma.lead.count()).toBe(6);
    const liam = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'liam.obrien@shieldworks.ie' } });
    expect(liam).toMatchObject({
      fullName: "Liam O'Brien",
      firstName: 'Liam',
      lastName: "O'Brien",
      seniority: 'c_level',
      industry: 'Cybersecurity',
      companySize: 240,
      country: 'Ireland',
      city: 'Dublin',
      techStack: ['Okta', 'CrowdStrike', 'AWS'],
      source: 'csv_import',
    });
    const noah = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'noah.smith@pixelquest.com' } });
    expect(noah.techStack).toEqual(['AWS', 'Unity']);
    const priya = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'priya.nair@medlink.in' } });
    expect(priya.companyDomain).toBe('medlink.in');
  });

  it('reports each bad row with its line and the column at fault, and writes the good ones', async () => {
    const result = await importLeadsCsv(fixture('leads-mixed.csv'), { write });
    expect(result.bad.map((b) => [b.line, b.reason])).toEqual([
      [3, 'Email "bob@" is not a valid email address'],
      [5, 'Employees "lots" is not a number of employees like 250, 1,200 or 51-200'],
      [7, 'Status "maybe" is not a lead status (new, contacted, replied, qualified, disqualified, customer)'],
      [9, 'Score "150" is not a score from 0 to 100'],
      [10, 'Email is empty'],
      [13, 'Website "not a domain" is not a domain name like acme.io'],
      [14, 'the row has 13 values but the header has 12 columns (an unquoted ","?)'],
    ]);
    expect(formatBadRow(result.bad[0]!)).toBe('line 3: Email "bob@" is not a valid email address');
    expect(result.bad[0]!.raw).toMatchObject({ Email: 'bob@', 'Full Name': 'Bob Stone' });
    expect(result).toMatchObject({ imported: 4, created: 3, updated: 1, duplicates: 1 });
    expect(await db.prisma.lead.count()).toBe(3);
    expect(await db.prisma.lead.findUnique({ where: { email: 'dan.okafor@shieldly.io' } })).toBeNull();
  });

  it('lets a repeated email update the earlier row, last value winning', async () => {
    await importLeadsCsv(fixture('leads-mixed.csv'), { write });
    const ana = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'ana.silva@northpay.io' } });
    expect(ana).toMatchObject({
      title: 'Chief Technology Officer',
      city: 'Porto',
      country: 'Portugal',
      industry: 'Fintech',
      companyDomain: 'northpay.io',
      companySize: 51,
      seniority: 'c_level',
      techStack: ['HubSpot', 'Kubernetes'],
    });
  });

  it('recognises header variants, splits First/Last Name and Location, and lists unknown columns', async () => {
    const result = await importLeadsCsv(fixture('leads-header-variants.csv'), { write });
    expect(result).toMatchObject({ imported: 3, bad: [], ignoredColumns: ['Notes', 'Owner'] });
    const jane = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'jane.doe@acme.io' } });
    expect(jane).toMatchObject({
      fullName: 'Jane Doe',
      title: 'Head of Growth',
      seniority: 'director',
      company: 'Acme',
      companyDomain: 'acme.io',
      industry: 'SaaS',
      companySize: 10001,
      city: 'Berlin',
      country: 'Germany',
      techStack: ['Salesforce', 'Gong'],
      linkedinUrl: 'https://linkedin.com/in/janedoe',
      score: 77,
    });
    const raj = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'raj.patel@brightcare.co.uk' } });
    expect(raj).toMatchObject({
      seniority: 'c_level',
      industry: 'Healthcare',
      companySize: 11,
      city: 'Manchester',
      country: 'United Kingdom',
      techStack: ['HubSpot'],
    });
    const sam = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'sam.lee@quantcoin.com' } });
    expect(sam).toMatchObject({ industry: 'Fintech', companySize: 200, city: 'Austin', country: 'United States', techStack: ['Google Cloud'] });
  });

  it('reads a semicolon-delimited file with a BOM, CRLF line ends and a multi-line quoted field', async () => {
    const bytes = fs.readFileSync(fixture('leads-semicolon-bom-crlf.csv'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.includes('\r\n')).toBe(true);
    const result = await importLeadsCsv(fixture('leads-semicolon-bom-crlf.csv'), { write });
    expect(result.delimiter).toBe(';');
    expect(result.bad.map(formatBadRow)).toEqual(['line 5: Email "not-an-email" is not a valid email address']);
    const lena = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'lena.schmidt@kartenwerk.de' } });
    expect(lena).toMatchObject({ seniority: 'c_level', companySize: 1200, country: 'Germany', techStack: ['HubSpot', 'Slack'] });
    const tom = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'tom.berg@nordlys.no' } });
    expect(tom).toMatchObject({ title: 'Senior Engineer\nPlatform', seniority: 'senior', country: 'Norway' });
  });

  it('gives the same result when the bytes arrive one at a time', async () => {
    const bytes = fs.readFileSync(fixture('leads-semicolon-bom-crlf.csv'));
    const oneByOne = Readable.from([...bytes].map((b) => Buffer.from([b])));
    const result = await importLeadsCsv(oneByOne, { write });
    expect(result).toMatchObject({ imported: 2, delimiter: ';' });
    expect(result.bad.map(formatBadRow)).toEqual(['line 5: Email "not-an-email" is not a valid email address']);
    const lena = await db.prisma.lead.findUniqueOrThrow({ where: { email: 'lena.schmidt@kartenwerk.de' } });
    expect(lena.title).toBe('Geschäftsführerin');
  });

  it('fails at once, naming the headers it found, when there is no email column', async () => {
    const err = await importLeadsCsv(fixture('leads-no-email.csv'), { write }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).userMessage).toBe('The CSV file has no email column (found "Name", "Company", "Phone"). Name one column "Email".');
    expect(await db.prisma.lead.count()).toBe(0);
  });

  it('fails with a NotFoundError for a missing file and a ValidationError for an empty one', async () => {
    await expect(importLeadsCsv('/nonexistent/leads.csv', { write })).rejects.toBeInstanceOf(NotFoundError);
    await expect(importLeadsCsv(Readable.from(['\n\n']), { write })).rejects.toBeInstanceOf(ValidationError);
  });

  it('reports a row with a broken quote as invalid CSV with its line', async () => {
    const csv = 'Email,Name\nok@acme.io,Ok Person\nbad@acme.io,"Unclosed\n';
    const result = await importLeadsCsv(Readable.from([csv]), { write });
    expect(result.imported).toBe(1);
    expect(result.bad).toHaveLength(1);
    expect(result.bad[0]!.line).toBe(3);
    expect(result.bad[0]!.reason).toMatch(/^the row opens a quote that is never closed/);
  });
});

describe('importLeadsCsv at scale', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-csv-'));
  const file = path.join(dir, 'leads-20000.csv');
  const ROWS = 20_000;

  beforeAll(() => {
    const lines = ['Email,First Name,Last Name,Title,Company,Domain,Industry,Employees,Country,City,Technologies'];
    const industries = ['SaaS', 'fintech', 'Health Care', 'E-commerce'];
    for (let i = 0; i < ROWS; i++) {
      lines.push(
        `person${i}@company${i % 1500}.io,First${i},Last${i},${i % 7 === 0 ? 'VP Sales' : 'Account Executive'},Company ${i % 1500},` +
          `company${i % 1500}.io,${industries[i % 4]},${(i % 900) + 1},${i % 2 ? 'DE' : 'USA'},${i % 2 ? 'Berlin' : 'NYC'},"HubSpot, AWS"`,
      );
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a 20,000-row file fully, reporting progress against the total', async () => {
    const progress: [number, number | undefined][] = [];
    const result = await importLeadsCsv(file, { write, batchSize: 1000, onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toMatchObject({ imported: ROWS, created: ROWS, updated: 0, bad: [] });
    expect(await db.prisma.lead.count()).toBe(ROWS);
    expect(await db.prisma.lead.count({ where: { industry: 'Healthcare', city: 'New York', country: 'United States' } })).toBe(ROWS / 4);
    expect(await db.prisma.lead.count({ where: { industry: 'Fintech', city: 'Berlin', country: 'Germany' } })).toBe(ROWS / 4);
    expect(progress.length).toBeGreaterThanOrEqual(ROWS / 1000);
    expect(progress.every(([, total]) => total === ROWS)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([ROWS, ROWS]);
  });
});
