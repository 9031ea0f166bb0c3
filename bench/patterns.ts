// `npm run bench -- patterns`: the agent's POST /v1/patterns over 100,000 synthetic leads through real HTTP
// (agents/enrichment/bench/patterns_100k.py), target at most 5 s. Creates agents/.venv from the lock file first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const venv = spawnSync('bash', [path.join(root, 'agents/scripts/ensure-venv.sh'), 'dev'], { stdio: 'inherit' });
if (venv.status !== 0) process.exit(venv.status ?? 1);
const leads = process.env.BENCH_PATTERN_LEADS ?? '100000';
const run = spawnSync(path.join(root, 'agents/.venv/bin/python'), [path.join(root, 'agents/enrichment/bench/patterns_100k.py'), leads, '3'], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
