// `npm run bench [-- <name> ...]`: runs the named benchmarks (bench/<name>.ts), or all of them, one after
// another in child processes, each printing its own figures. Needs the local PostgreSQL (and Redis for
// the digest fan-out), like the tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const HELPERS = new Set(['run', 'lead-data', 'scratch-database', 'slack-load']);
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !HELPERS.has(f.replace(/\.ts$/, '')))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

// Flags go to the benchmarks, with the value after a flag (`--soak 300`) unless that value names a benchmark.
const asked: string[] = [];
const passThrough: string[] = [];
for (const [i, a] of process.argv.slice(2).entries()) {
  const previous = process.argv[i + 1] ?? '';
  if (a.startsWith('-') || (previous.startsWith('-') && !available.includes(a))) passThrough.push(a);
  else asked.push(a);
}
const unknown = asked.filter((a) => !available.includes(a));
if (unknown.length) {
  process.stderr.write(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length ? asked : available) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`), ...passThrough], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
