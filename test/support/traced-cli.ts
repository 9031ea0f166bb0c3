// The real `salesos` CLI in a child process, with every module it resolves recorded (trace-modules.mjs). A file
// of the CLI bundle (dist/cli/) stands for the sources and packages bundled into it, so `modules` also lists
// those (file://<root>/node_modules/zod/…, file://<root>/core/…): what a command loaded, bundled or not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_INPUTS } from '../../bin/build-stamp.js';
import { BIN, childEnv, ROOT } from './cli.ts';

const TRACER = path.join(ROOT, 'test', 'support', 'trace-modules.mjs');

/** Runs `salesos <args>` and returns what it printed, every module URL it resolved and each process's Node flags. */
export function tracedRun(args: string[], env: Record<string, string> = {}, bin = BIN) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-trace-'));
  const file = path.join(dir, 'modules.txt');
  try {
    const r = spawnSync(process.execPath, ['--import', TRACER, bin, ...args], {
      cwd: dir,
      env: childEnv({ ...env, TRACE_MODULES_FILE: file }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const execArgv = lines.filter((l) => l.startsWith('# execArgv')).map((l) => l.slice('# execArgv '.length).split(' ').filter(Boolean));
    const resolved = lines.filter((l) => !l.startsWith('#'));
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules: withBundledInputs(resolved, path.dirname(path.dirname(bin))), resolved, execArgv };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The modules plus, for each file of the CLI bundle among them, the sources and packages it holds. */
function withBundledInputs(modules: string[], root: string): string[] {
  const bundleDir = `file://${path.join(root, 'dist', 'cli')}/`;
  if (!modules.some((m) => m.startsWith(bundleDir))) return modules;
  const inputs = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'cli', BUNDLE_INPUTS), 'utf8')) as Record<string, string[]>;
  const held = modules.filter((m) => m.startsWith(bundleDir)).flatMap((m) => inputs[m.slice(bundleDir.length)] ?? []);
  return [...modules, ...held.map((file) => `file://${path.join(root, file)}`)];
}
