// Demo seed timing: generation alone, then seedDemoOrganisation into a fresh database on the local
// PostgreSQL. Run: npx tsx bench/demo-seed.ts [--leads 2000] [--runs 3]. Target: a 2,000-lead seed < 5 s.
import { performance } from 'node:perf_hooks';
import { generateDemoOrganisation } from '../core/demo/generate.ts';
import { DemoRepository } from '../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../core/demo/seed.ts';
import { createTestDatabase } from '../test/support/db.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1]) || fallback;
const leads = arg('leads', 2000);
const runs = arg('runs', 3);
const now = new Date('2026-11-25T09:00:00Z');

let t = performance.now();
const org = generateDemoOrganisation({ leads, now });
console.log(`generate ${leads} leads: ${(performance.now() - t).toFixed(0)} ms (${org.activities.length} activities, ${org.enrichments.length} enrichments)`);

const db = await createTestDatabase();
try {
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await seedDemoOrganisation(new DemoRepository(db.prisma), { leads, now, force: true });
    console.log(`seed run ${i + 1}: ${(performance.now() - t).toFixed(0)} ms`);
  }
} finally {
  await db.drop();
}
