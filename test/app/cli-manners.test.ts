// The CLI behaves like a CLI: help per command without side effects, arguments checked before anything is
// opened, one error line, shell completion that works.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { spawnSync } from 'node:child_process';

/** Run the CLI in an empty folder with no DATABASE_URL: anything it opened would appear there as .salesos. */
function inEmptyFolder(args: string[]) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-cli-'));
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: childEnv({}), encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, opened: fs.existsSync(path.join(cwd, '.salesos')) };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

describe('salesos <command> --help', () => {
  it('prints that command’s usage and opens nothing', () => {
    for (const [command, expected] of [
      ['users', 'salesos users budget <email> <usd|default>'],
      ['digest', '--at <date | ISO time>'],
      ['start', 'salesos start [--as <email>] [--no-chat]'],
    ] as const) {
      const r = inEmptyFolder([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(expected);
      expect(r.stdout.startsWith(`Usage: salesos ${command}`)).toBe(true);
      expect(r.opened).toBe(false);
    }
    expect(inEmptyFolder(['seed', '-h']).stdout).toContain('Usage: salesos seed');
  });

  it('checks arguments before opening the database', () => {
    for (const args of [
      ['seed', '--bogus'],
      ['users', 'remove', 'x'],
      ['users', 'add', '--email', 'a@b.c'],
      ['users', 'list', '--role', 'king'],
      ['audit', 'tail', '--limit', 'lots'],
      ['audit', 'verify', '--against', 'nonsense'],
    ]) {
      const r = inEmptyFolder(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.opened, args.join(' ')).toBe(false);
    }
  });
});

describe('errors', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('are printed once, as one line, even with info logging on', async () => {
    const r = await runCli(['digest', '--manager', 'nobody@t.io'], { DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    expect(r.code).toBe(1);
    const mentions = r.stderr.split('\n').filter((l) => l.includes('nobody@t.io'));
    expect(mentions).toEqual(['salesos digest: No SalesOS user has the email nobody@t.io.']);
  });
});

describe('salesos completion', () => {
  let script: string | undefined;
  const complete = (words: string[]) => {
    script ??= execFileSync(process.execPath, [BIN, 'completion', 'bash'], { env: childEnv({}), encoding: 'utf8' });
    const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _salesos; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();
  };

  it('completes commands, subcommands and options in bash', () => {
    expect(complete(['salesos', 'us'])).toEqual(['usage', 'users']);
    expect(complete(['salesos', 'digest', '--pr'])).toEqual(['--print']);
    expect(complete(['salesos', 'digest', '--p'])).toEqual(expect.arrayContaining(['--period', '--print']));
    expect(complete(['salesos', 'users', ''])).toEqual(expect.arrayContaining(['add', 'budget', 'list', '--email']));
    expect(complete(['salesos', 'completion', ''])).toEqual(expect.arrayContaining(['bash', 'fish', 'zsh']));
  });

  it('prints zsh and fish scripts naming every command, and refuses other shells', async () => {
    const zsh = await runCli(['completion', 'zsh'], {});
    expect(zsh.stdout).toContain('#compdef salesos');
    const fish = await runCli(['completion', 'fish'], {});
    for (const command of ['start', 'chat', 'ask', 'digest', 'worker', 'completion']) {
      expect(zsh.stdout).toContain(`'${command}:`);
      expect(fish.stdout).toContain(`-a ${command} -d`);
    }
    const bad = await runCli(['completion', 'powershell'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Name one shell: salesos completion bash|zsh|fish');
  });
});
