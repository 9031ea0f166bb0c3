// The terminal as an operator meets a misbehaving model: `salesos ask` ends at LLM_TIMEOUT_MS with a clear
// message and exit 1, and in JSON mode every line on stderr is one JSON object — dependencies' console
// output and process warnings included.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { startFakeOpenAI, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';
import { createTestOrg } from '../support/org.ts';

let fake: FakeOpenAI;
let db: TestDatabase;
let answer: FakeAnswer = { text: 'ok' };
beforeAll(async () => {
  fake = await startFakeOpenAI(() => answer);
  db = await createTestDatabase();
  await createTestOrg(db.prisma);
});
afterAll(async () => {
  await db?.drop();
  await fake?.close();
});

function expectJsonLines(stderr: string): Record<string, unknown>[] {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  return lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON log line: ${line}`);
    }
  });
}

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: db.url,
  OPENAI_BASE_URL: fake.url,
  SALESOS_MODEL: 'gpt-5-mini',
  LOG_FORMAT: 'json',
  ...extra,
});

describe('salesos ask against a misbehaving model', () => {
  it('a silent model: the turn ends after LLM_TIMEOUT_MS with the timeout message and exit 1', async () => {
    answer = { hang: true };
    const started = performance.now();
    const r = await runCli(['ask', 'who are my hottest leads?', '--as', 'alice@test.io'], env({ LLM_TIMEOUT_MS: '1500' }));
    const ms = performance.now() - started;
    expect(r.stdout).toContain('The AI model did not answer within 1.5 s, so I stopped waiting. Nothing was changed.');
    expect(r.code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(1_500);
    expectJsonLines(r.stderr);
  }, 60_000);

  it('a body that is not the protocol: a named error (not an empty reply, not exit 0), JSON lines only', async () => {
    answer = { garbage: '<html>\n<body>upstream proxy error</body>\n</html>' };
    const r = await runCli(['ask', 'hello', '--as', 'alice@test.io', '--json'], env());
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { reply: string };
    expect(out.reply).toContain('The AI provider answered with something that is not a model response.');
    const lines = expectJsonLines(r.stderr);
    expect(lines.some((l) => String(l.message).includes('not the chat-completions protocol'))).toBe(true);
  }, 60_000);
});

describe('JSON logs', () => {
  it('route console output, process warnings and AI SDK warnings through the logger as one JSON line each', async () => {
    const script = [
      "const { configureLogger } = await import('./core/log.ts');",
      "configureLogger({ level: 'debug', format: 'json' });",
      "console.log('a dependency says\\nhello on two lines');",
      "console.error(new Error('boom from a dependency'));",
      "process.emitWarning('careful: something is deprecated', 'DeprecationWarning', 'DEP0999');",
      "globalThis.AI_SDK_LOG_WARNINGS({ warnings: [{ type: 'other', message: 'temperature is not supported' }], provider: 'openai', model: 'gpt-5-mini' });",
      'await new Promise((r) => setTimeout(r, 100));',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const lines = expectJsonLines(stderr);
    // Process warnings are emitted on the next tick, so order is not asserted.
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'info', source: 'console', message: 'a dependency says\nhello on two lines' }),
        expect.objectContaining({ level: 'error', source: 'console', message: 'boom from a dependency' }),
        expect.objectContaining({ level: 'warn', source: 'process', message: 'DeprecationWarning: careful: something is deprecated', code: 'DEP0999' }),
        expect.objectContaining({ level: 'warn', source: 'ai-sdk', message: 'AI SDK warning', provider: 'openai' }),
      ]),
    );
  }, 60_000);
});
