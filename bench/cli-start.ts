// `npm run bench -- cli-start [--runs=5] [--baseline=<another checkout>]`: how fast `salesos` starts, as whole processes, against Node's own
// floor (`node -e 0`) measured in the same run. Each row: median wall time and median peak RSS of --runs runs
// after one unmeasured warm-up (which fills the compile cache and, for the first row that needs it, creates
// and seeds the embedded database in a temp folder). Peak RSS is the process's ru_maxrss from /usr/bin/time
// when it is installed, else the VmHWM that /proc/<pid>/status shows last before the process exits.
// `salesos start` is timed from spawn to the first 200 from /readyz; its peak is VmHWM at that moment.
// --baseline adds --help and ask rows run by another checkout's bin/salesos.js (installed, e.g. main), for a
// before/after in one run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildCurrent } from '../bin/build-stamp.js';
import { EMBEDDED_SETTINGS } from '../core/db/embedded.ts';
import { BENCH_SERVER, createScratchDatabase } from './scratch-database.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'salesos.js');
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(option('runs')) || 5;
const BASELINE = option('baseline');
const TIME = '/usr/bin/time';
const hasTime = fs.existsSync(TIME) && spawnSync(TIME, ['-f', '%M', 'true']).status === 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-cli-start-'));
const dataDir = path.join(work, '.salesos');
// Nothing inherited that configures SalesOS: the offline model and the embedded database in `work`.
const env = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', SALESOS_DATA_DIR: dataDir };
const SEARCH = 'find CTOs at fintech companies in Germany';

interface Sample {
  ms: number;
  peakKb?: number;
}

function hwmKb(pid: number): number | undefined {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

/** One whole process, start to exit; fails the benchmark if it fails. */
function runOnce(argv: string[], cwd = work, extraEnv: Record<string, string> = {}): Promise<Sample> {
  const rssFile = path.join(work, 'rss');
  const cmd = hasTime ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd[0]!, cmd.slice(1), { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let polled: number | undefined;
    const poll = hasTime ? undefined : setInterval(() => (polled = hwmKb(child.pid!) ?? polled), 5);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
      const peakKb = hasTime ? Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : polled;
      resolve({ ms, peakKb });
    });
  });
}

/** `salesos start` until /readyz answers 200; then SIGTERM. */
function startOnce(): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'start', '--no-chat'], {
      cwd: work,
      env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`salesos start was not ready in 120 s:\n${log.slice(-2000)}`)), 120_000);
    child.on('close', (code) => fail(new Error(`salesos start exited with ${code} before it was ready:\n${log.slice(-2000)}`)));
    child.stderr.on('data', async (d) => {
      log += d;
      const port = /"port":(\d+)/.exec(log)?.[1];
      if (!port || settled) return;
      for (;;) {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
        if (settled) return;
        if (res?.status === 200) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      const ms = performance.now() - started;
      const peakKb = hwmKb(child.pid!);
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners('close');
      child.once('close', () => resolve({ ms, peakKb }));
      child.kill('SIGTERM');
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  label: string;
  target?: { seconds: number; mb: number };
  run: () => Promise<Sample>;
}

const node =
  (...argv: string[]) =>
  () =>
    runOnce([process.execPath, ...argv]);
// Opened as salesos opens it (core/db/embedded.ts): the same extension and settings.
const PGLITE_ALONE = `const { PGlite } = await import('@electric-sql/pglite');
const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
const db = await PGlite.create({ dataDir: process.argv[1], extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...${JSON.stringify(EMBEDDED_SETTINGS)}] });
await db.query('SELECT count(*) FROM leads');
await db.close();`;
const TSX_HELP = `const { register } = await import('tsx/esm/api'); register();
const { main } = await import('./app/cli.ts'); process.exitCode = await main(['--help']);`;

const rows: Row[] = [
  { label: 'node -e 0 (the floor)', run: node('-e', '0') },
  { label: 'salesos --help', target: { seconds: 0.3, mb: 150 }, run: node(BIN, '--help') },
  { label: 'salesos completion bash', run: node(BIN, 'completion', 'bash') },
  // What bin/salesos.js falls back to without a current build (and what every start did before the build step).
  { label: 'salesos --help, sources through tsx (no build)', run: () => runOnce([process.execPath, '--input-type=module', '-e', TSX_HELP], ROOT) },
  { label: 'salesos ask "<search>" (embedded db)', target: { seconds: 0.8, mb: 150 }, run: node(BIN, 'ask', SEARCH) },
  // What the embedded database costs by itself, with the flag salesos gives one-shot commands on it: open
  // the same folder, one query, close.
  {
    label: 'embedded db alone (PGlite open, 1 query, close)',
    run: () => runOnce([process.execPath, '--liftoff-only', '--input-type=module', '-e', PGLITE_ALONE, path.join(dataDir, 'pgdata')], ROOT),
  },
  // The same without the flag: what the optimised second compile of PostgreSQL's wasm costs.
  {
    label: 'embedded db alone, V8 defaults (no --liftoff-only)',
    run: () => runOnce([process.execPath, '--input-type=module', '-e', PGLITE_ALONE, path.join(dataDir, 'pgdata')], ROOT),
  },
  { label: 'salesos start (npm start) to /readyz (embedded db)', run: startOnce },
];

if (BASELINE) {
  const baselineBin = path.join(path.resolve(BASELINE), 'bin', 'salesos.js');
  rows.splice(2, 0, { label: 'baseline: salesos --help', run: node(baselineBin, '--help') });
  rows.splice(rows.findIndex((r) => r.label.startsWith('salesos ask')) + 1, 0, {
    label: 'baseline: salesos ask "<search>" (embedded db)',
    run: node(baselineBin, 'ask', SEARCH),
  });
}

// The same ask on the PostgreSQL server (BENCH_SERVER_URL): what the CLI costs without the embedded database.
const server = await createScratchDatabase('cli_start');
const serverEnv = { DATABASE_URL: server.url };
const seeded = spawnSync(process.execPath, [BIN, 'seed'], { cwd: work, env: { ...env, ...serverEnv }, encoding: 'utf8' });
if (seeded.status !== 0) {
  await server.drop();
  throw new Error(`salesos seed on ${BENCH_SERVER} failed:\n${seeded.stderr}`);
}
rows.push({ label: 'salesos ask "<search>" (PostgreSQL server)', run: () => runOnce([process.execPath, BIN, 'ask', SEARCH], work, serverEnv) });
// The same from the per-file build (dist/app/, what salesos ran before the CLI bundle), compile cache on as in
// bin/salesos.js: the bundle's gain in the same run.
const PER_FILE_ASK = `const { enableCompileCache } = await import('node:module'); enableCompileCache();
const { main } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'app', 'cli.js'))}); process.exitCode = await main(process.argv.slice(1));`;
rows.push({
  label: 'ask (PostgreSQL server), per-file dist/, no bundle',
  run: () => runOnce([process.execPath, '--input-type=module', '-e', PER_FILE_ASK, 'ask', SEARCH], work, serverEnv),
});
if (BASELINE)
  rows.push({
    label: 'baseline: salesos ask "<search>" (PostgreSQL server)',
    run: () => runOnce([process.execPath, path.join(path.resolve(BASELINE), 'bin', 'salesos.js'), 'ask', SEARCH], work, serverEnv),
  });

if (!isBuildCurrent(ROOT)) {
  process.stdout.write('dist/ is not current: building it first (npm run build)\n');
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
process.stdout.write(
  `${os.cpus().length} cores, load ${load()} (1/5/15 min) before; ${RUNS} runs per row after a warm-up; peak RSS from ${hasTime ? '/usr/bin/time (ru_maxrss)' : '/proc/<pid>/status VmHWM'}\n`,
);
process.stdout.write(`<search>: "${SEARCH}", as the demo rep, offline model; embedded db in ${work}\n`);
if (BASELINE)
  process.stdout.write(
    `baseline: ${path.resolve(BASELINE)} at ${spawnSync('git', ['-C', BASELINE, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim()}\n`,
  );
process.stdout.write('\n');
const header = `${'command'.padEnd(52)} ${'median s'.padStart(9)} ${'× floor'.padStart(8)} ${'peak MB'.padStart(8)} ${'× floor'.padStart(8)}  target`;
process.stdout.write(header + '\n');
let floor: { s: number; mb: number } | undefined;
try {
  for (const row of rows) {
    await row.run(); // warm-up
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await row.run());
    const s = median(samples.map((x) => x.ms)) / 1000;
    const peaks = samples.map((x) => x.peakKb).filter((x): x is number => x !== undefined);
    const mb = peaks.length ? median(peaks) / 1024 : Number.NaN;
    floor ??= { s, mb };
    const verdict = row.target ? `≤ ${row.target.seconds} s, ≤ ${row.target.mb} MB: ${s <= row.target.seconds && mb <= row.target.mb ? 'met' : 'missed'}` : '';
    process.stdout.write(
      `${row.label.padEnd(52)} ${s.toFixed(3).padStart(9)} ${(s / floor.s).toFixed(1).padStart(8)} ${mb.toFixed(0).padStart(8)} ${(mb / floor.mb).toFixed(1).padStart(8)}  ${verdict}\n`,
    );
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
  await server.drop();
}
process.stdout.write(`\nload ${load()} (1/5/15 min) after\n`);
