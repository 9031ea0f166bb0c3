// `npm install && npm start` on a machine whose Node is older than SalesOS needs: npm installs a pinned
// Node 24 (optional, platform-specific dependency) and the CLI hands over to it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.ts';

/** The first `node` on PATH outside node_modules: the machine's own. */
function machineNode(): { bin: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const bin = path.join(dir, 'node');
    if (!fs.existsSync(bin)) continue;
    const version = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    return { bin, version };
  }
  return undefined;
}

const tooOld = (v: string) => {
  const [major, minor] = v.split('.').map(Number) as [number, number];
  return major < 22 || (major === 22 && minor < 12);
};

describe('the bundled Node', () => {
  it('is installed by npm and is the one npm scripts run', () => {
    const dir = `node-${process.platform.replace('win32', 'win')}-${process.arch}`;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
    expect(pkg.optionalDependencies[dir]).toMatch(/^24\./);
    const bundled = path.join(ROOT, 'node_modules', dir, 'bin', 'node');
    expect(execFileSync(bundled, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()).toMatch(/^24\./);
    // npm links it as node_modules/.bin/node, first on PATH in every npm script (vitest included).
    expect(process.versions.node).toMatch(/^24\./);
  });

  // Runs where the machine's Node is older than 22.12 (CI's is Node 20); elsewhere there is nothing to hand over.
  const machine = machineNode();
  it.runIf(machine && tooOld(machine.version))(`takes over when salesos is started with the machine's Node ${machine?.version}`, () => {
    const r = spawnSync(machine!.bin, [BIN, 'nosuch-command'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(r.stderr).toContain('Unknown command "nosuch-command"');
    expect(r.stderr).not.toContain('needs Node.js 22.12');
    expect(r.status).toBe(2);
  });
});
