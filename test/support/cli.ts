// Runs the real `salesos` CLI in a child process, as a user would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/salesos.js');

/** Environment for a child: nothing inherited that configures SalesOS, plus `env`. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // NODE_ENV=test: the public test audit key unless a test sets AUDIT_KEY (no key file in the working tree).
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_FORMAT: 'json', NODE_ENV: 'test' };
  return { ...base, ...env };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined>, input?: string, timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`salesos ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

export interface Started {
  child: ChildProcessWithoutNullStreams;
  port: number;
  logs: () => Record<string, unknown>[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start `salesos start [args]` and wait until it listens (its JSON log names the port). */
export function startServer(env: Record<string, string | undefined>, timeoutMs = 120_000, cwd = ROOT, args: string[] = []): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', ...args], { cwd, env: childEnv({ PORT: '0', ...env }) });
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    let raw = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`salesos start did not listen in time:\n${raw}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => (raw += d));
    child.stderr.on('data', (d) => {
      raw += d;
      buffer += d;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (typeof entry.port === 'number' && String(entry.message).includes('listening')) {
            clearTimeout(timer);
            resolve({
              child,
              port: entry.port,
              logs: () => lines,
              async stop(signal = 'SIGTERM') {
                child.kill(signal);
                return exited;
              },
            });
          }
        } catch {
          // not a JSON line (e.g. a crash message); kept in `raw`
        }
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`salesos start exited with ${code} before listening:\n${raw}`));
    });
  });
}
