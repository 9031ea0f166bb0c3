// `salesos import` as an admin runs it: good rows land, every bad row is reported with its line.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createEmptyDatabase } from '../support/db.ts';
import { ROOT, runCli } from '../support/cli.ts';

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
