// `cp .env.example .env` must start: the file, read by docker compose's .env rules and handed to the
// process as its environment (empty values included), runs the product.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, unsetBlankVariables } from '../../core/config.ts';
import { chooseLanguageModel } from '../../core/models/language-model.ts';
import { ROOT, runCli, startServer } from '../support/cli.ts';
import { parseComposeEnv } from '../support/compose-env.ts';

const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');

describe("docker compose's .env rules (the test's reader)", () => {
  it('reads comments, export prefixes, quotes, inline comments, interpolation and multi-line values', () => {
    const env = parseComposeEnv(
      [
        '# a comment',
        '',
        'export A=plain value   # inline comment',
        "B='literal ${A} # not a comment'",
        'C="line one\\nline \\"two\\""',
        'D=${A}-x',
        'E=',
        'F="',
        'multi',
        'line"',
        'G   =  spaced  ',
        'H=a#b',
        'FROM_ENV',
        'MISSING_FROM_ENV',
      ].join('\n'),
      { FROM_ENV: 'outside' },
    );
    expect(env).toEqual({
      A: 'plain value',
      B: 'literal ${A} # not a comment',
      C: 'line one\nline "two"',
      D: 'plain value-x',
      E: '',
      F: '\nmulti\nline',
      G: 'spaced',
      H: 'a#b',
      FROM_ENV: 'outside',
    });
  });
});

describe('.env.example', () => {
  const env = parseComposeEnv(example);

  it('lists every variable SalesOS reads, and every one it lists is read', () => {
    expect(Object.keys(env).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('is a valid configuration as it stands, with its empty values meaning "not set"', () => {
    const config = loadConfig(env);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.model).toEqual({ apiKey: undefined, baseUrl: undefined, id: undefined });
    expect(chooseLanguageModel(config).provider).toBe('offline');
  });

  it('blank values are removed from the environment, for the SDKs that read it themselves', () => {
    const processEnv: NodeJS.ProcessEnv = { ...env, OPENAI_ORGANIZATION: ' ', PATH: '/bin', UNRELATED_EMPTY: '' };
    const removed = unsetBlankVariables(processEnv);
    expect(removed).toContain('OPENAI_BASE_URL');
    expect(removed).toContain('OPENAI_ORGANIZATION');
    expect(processEnv.OPENAI_BASE_URL).toBeUndefined();
    expect(processEnv.PORT).toBe('3000');
    // Variables that are neither ours nor an SDK's are left alone.
    expect(processEnv.UNRELATED_EMPTY).toBe('');
  });

  it('`salesos start` runs with .env.example loaded verbatim, the way docker compose hands it over', async () => {
    // A fresh folder stands for a fresh checkout: the embedded database goes to ./.salesos in it. Only PORT
    // differs from the file, so this test never collides with a server already on 3000.
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-env-example-'));
    try {
      const server = await startServer({ ...env, PORT: '0' }, 120_000, cwd);
      try {
        const messages = server.logs().map((l) => String(l.message));
        expect(messages.some((m) => m.includes('offline mode'))).toBe(true);
        const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
        expect(ready.status).toBe(200);
        expect(fs.existsSync(path.join(cwd, '.salesos'))).toBe(true);
      } finally {
        expect(await server.stop('SIGTERM')).toBe(0);
      }
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  }, 180_000);

  it('a start-up failure is one readable line naming the variable, never a stack trace', async () => {
    const r = await runCli(['start', '--no-chat'], {
      ...env,
      PORT: '0',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      SALESOS_MODEL: '',
      DATABASE_URL: 'mysql://x',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SALESOS_MODEL: required with OPENAI_BASE_URL');
    expect(r.stderr).toContain('DATABASE_URL: expected a postgresql:// connection URL');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
