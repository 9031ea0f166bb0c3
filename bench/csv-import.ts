// CSV import throughput: parse + validate only (a write that discards), then into a fresh database on
// the local PostgreSQL through LeadRepository.upsertManyByEmail.
// Run: npx tsx bench/csv-import.ts [--rows 20000] [--batch 1000].
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importLeadsCsv } from '../core/leads/csv-import.ts';
import { LeadRepository } from '../core/db/leads-repository.ts';
import { createTestDatabase } from '../test/support/db.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1]) || fallback;
const rows = arg('rows', 20_000);
const batchSize = arg('batch', 1000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-bench-csv-'));
const file = path.join(dir, 'leads.csv');
const lines = ['Email,Full Name,Job Title,Company,Website,Industry,Employees,Country,City,Tech Stack,Status,Score'];
const titles = ['CTO', 'VP Sales', 'Head of Growth', 'Engineering Manager', 'Senior Engineer', 'Account Executive'];
for (let i = 0; i < rows; i++) {
  const c = i % 5000;
  lines.push(
    `person${i}@company${c}.io,Person ${i},${titles[i % titles.length]},Company ${c},https://www.company${c}.io/,` +
      `${i % 2 ? 'fintech' : 'SaaS'},${(i % 900) + 1}-${(i % 900) + 100},${i % 3 ? 'DE' : 'USA'},${i % 3 ? 'Berlin' : 'NYC'},"hubspot, k8s, AWS",new,${i % 101}`,
  );
}
fs.writeFileSync(file, lines.join('\n') + '\n');
console.log(`file: ${rows} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);

try {
  let t = performance.now();
  await importLeadsCsv(file, { batchSize, write: async (r) => ({ created: r.length, updated: 0 }) });
  let ms = performance.now() - t;
  console.log(`parse + validate: ${ms.toFixed(0)} ms (${Math.round(rows / (ms / 1000))} rows/s)`);

  const db = await createTestDatabase();
  try {
    const repo = new LeadRepository(db.prisma);
    t = performance.now();
    const result = await importLeadsCsv(file, { batchSize, write: (r) => repo.upsertManyByEmail(r, { source: 'csv_import' }) });
    ms = performance.now() - t;
    console.log(`into PostgreSQL: ${ms.toFixed(0)} ms (${Math.round(rows / (ms / 1000))} rows/s), created ${result.created}`);
  } finally {
    await db.drop();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
