// Starts the real enrichment agent (agents/enrichment, Python) as a child process on 127.0.0.1, port 0,
// after making sure agents/.venv holds the locked dependencies (agents/scripts/ensure-venv.sh). The port
// comes from the agent's own "listening" log line. Used by the end-to-end test and the benchmark.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AGENTS = path.join(ROOT, 'agents');

export interface RealEnrichmentAgent {
  url: string;
  pid: number;
  /** Every line the agent logged (JSON), oldest first. */
  logs: string[];
  close(): Promise<void>;
}

/** Creates or updates agents/.venv from the lock file; throws with pip's output when that fails. */
export function ensureAgentVenv(): void {
  const r = spawnSync('bash', [path.join(AGENTS, 'scripts/ensure-venv.sh')], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`agents/.venv could not be prepared (exit ${r.status}):\n${r.stderr}${r.stdout}`);
}

export async function startRealEnrichmentAgent(env: Record<string, string> = {}, startTimeoutMs = 60_000): Promise<RealEnrichmentAgent> {
  ensureAgentVenv();
  const child: ChildProcess = spawn(path.join(AGENTS, '.venv/bin/python'), ['-m', 'salesos_enrichment'], {
    cwd: path.join(AGENTS, 'enrichment'),
    // Only what the agent needs: no inherited REDIS_URL or proxy settings change what the test measures.
    // AGENT_LOG_LEVEL stays info: the port is read from the 'listening' and 'ready' lines.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, AGENT_HOST: '127.0.0.1', AGENT_PORT: '0', AGENT_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started agent behind
      reject(new Error(`the agent did not start within ${startTimeoutMs} ms:\n${logs.join('\n')}`));
    }, startTimeoutMs);
    let buffered = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'enrichment agent ready') {
            const listening = logs
              .map((l) => {
                try {
                  return JSON.parse(l) as { msg?: string; url?: string };
                } catch {
                  return {};
                }
              })
              .find((e) => e.msg === 'listening');
            clearTimeout(timer);
            resolve(listening!.url!);
          }
        } catch {
          // not JSON (a Python traceback): kept in logs for the error message
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the agent exited with ${code} before it was ready:\n${[...logs, buffered].join('\n')}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
