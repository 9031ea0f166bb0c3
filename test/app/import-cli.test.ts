// `salesos import` as an admin runs it: good rows land, every bad row is reported with its line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createEmptyDatabase } from '../support/db.ts';
import { BIN, childEnv, ROOT, runCli } from '../support/cli.ts';

let db: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  db = await createEmptyDatabase();
});
afterAll(async () => db?.drop());

describe('salesos import', () => {
  it('imports the good rows, reports each bad row with its line number, and exits 1', async () => {
    const r = await runCli(['import', path.join(ROOT, 'test/fixtures/leads-mixed.csv')], { DATABASE_URL: db.url });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Imported \d+ of \d+ rows/);
    expect(r.stdout).toMatch(/line 3: Email "bob@" is not a valid email address/);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT industry, "companySize", country, "techStack" FROM leads WHERE email = 'ana.silva@northpay.io'`);
    await client.end();
    // Canonical values on the way in: "fintech" → Fintech, "51-200" → 51, "PT" → Portugal, "k8s" → Kubernetes.
    expect(rows[0]).toEqual({ industry: 'Fintech', companySize: 51, country: 'Portugal', techStack: ['HubSpot', 'Kubernetes'] });
  });

  it('refuses a file without an email column, naming the headers it found', async () => {
    const r = await runCli(['import', path.join(ROOT, 'test/fixtures/leads-no-email.csv')], { DATABASE_URL: db.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/email/i);
  });

  it('says so when the file does not exist', async () => {
    const r = await runCli(['import', '/nope/leads.csv'], { DATABASE_URL: db.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('There is no file /nope/leads.csv');
  });
});

describe('salesos import, trusted', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-import-'));

  it('refuses invalid UTF-8 with line and column, and decodes it with --encoding windows-1252', async () => {
    const file = path.join(dir, 'legacy.csv');
    fs.writeFileSync(file, Buffer.from('Email,Name,Company\nj.muller@acme.de,J\u00fcrgen M\u00fcller,Caf\u00e9 GmbH\n', 'latin1'));
    const strict = await runCli(['import', file], { DATABASE_URL: db.url });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/line 2: column 19: byte 0xFC is not valid UTF-8; nothing of this row was imported/);
    const legacy = await runCli(['import', file, '--encoding', 'windows-1252'], { DATABASE_URL: db.url });
    expect(legacy.code).toBe(0);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT "fullName", company FROM leads WHERE email = 'j.muller@acme.de'`);
    await client.end();
    expect(rows).toEqual([{ fullName: 'Jürgen Müller', company: 'Café GmbH' }]);
    expect((await runCli(['import', file, '--encoding', 'ebcdic'], { DATABASE_URL: db.url })).stderr).toMatch(
      /--encoding must be one of utf-8, latin1, windows-1252, utf-16le, utf-16be/,
    );
  }, 120_000);

  it('records an import killed mid-way as interrupted, and a re-run completes it without duplicates', async () => {
    const file = path.join(dir, 'big.csv');
    const ROWS = 40_000;
    const lines = ['Email,Name,Company,Industry'];
    for (let i = 0; i < ROWS; i++) lines.push(`lead${i}@bulk${i % 97}.example,Lead Number ${i},Bulk ${i % 97},Fintech`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const child = spawn(process.execPath, [BIN, 'import', file], { cwd: ROOT, env: childEnv({ DATABASE_URL: db.url }) });
      const exited = new Promise((r) => child.on('close', r));
      // Wait until some batches are written, then kill -9: no chance to record anything on the way out.
      for (let i = 0; ; i++) {
        const { rows } = await client
          .query(`SELECT imported FROM lead_imports WHERE file = $1 AND state = 'running'`, [file])
          .catch(() => ({ rows: [] as { imported: number }[] }));
        if (rows[0] && rows[0].imported > 0) break;
        if (i > 1200) throw new Error('the import never wrote a batch');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await exited;
      const partial = Number((await client.query(`SELECT count(*) FROM leads WHERE email LIKE '%@bulk%'`)).rows[0].count);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(ROWS);

      const status = await runCli(['import', '--status'], { DATABASE_URL: db.url });
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(
        new RegExp(
          `interrupted\\s+${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+[\\d,]+ rows seen, [\\d,]+ imported, 0 rejected — stopped before the end`,
        ),
      );

      const rerun = await runCli(['import', file], { DATABASE_URL: db.url }, undefined, 180_000);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toMatch(/Completing the import of this file interrupted on .* after [\d,]+ rows/);
      expect(rerun.stdout).toContain(`Imported 40,000 of 40,000 rows`);
      expect(Number((await client.query(`SELECT count(*) FROM leads WHERE email LIKE '%@bulk%'`)).rows[0].count)).toBe(ROWS);
      const runs = (
        await client.query(`SELECT state, "resumesId" IS NOT NULL AS resumes, imported FROM lead_imports WHERE file = $1 ORDER BY "startedAt"`, [file])
      ).rows;
      expect(runs).toEqual([
        { state: 'interrupted', resumes: false, imported: expect.any(Number) },
        { state: 'completed', resumes: true, imported: ROWS },
      ]);
      expect((await runCli(['import', '--status'], { DATABASE_URL: db.url })).stdout).toMatch(
        /completed\s+.*40,000 rows seen, 40,000 imported, 0 rejected \(completes interrupted import/,
      );
    } finally {
      await client.end();
    }
  }, 300_000);
});
