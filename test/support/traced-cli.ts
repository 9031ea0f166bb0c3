// The real `salesos` CLI in a child process, with every module it resolves recorded (trace-modules.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules: lines.filter((l) => !l.startsWith('#')), execArgv };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
