import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { createLogger, withLogContext } from '../../core/log.ts';

function capture(format: 'json' | 'pretty' = 'json') {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  const logger = createLogger({ level: 'debug', format, stream });
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l)) };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('logging', () => {
  it('writes JSON lines with the turn id of the surrounding context', async () => {
    const { logger, json } = capture();
    await withLogContext({ turnId: 'turn-42' }, async () => {
      await Promise.resolve();
      logger.info('thinking', { tool: 'findLeads' });
    });
    logger.info('outside');
    await flush();
    const [inside, outside] = json();
    expect(inside).toMatchObject({ level: 'info', message: 'thinking', tool: 'findLeads', turnId: 'turn-42' });
    expect(outside.turnId).toBeUndefined();
  });

  it('redacts tokens, passwords, API keys and signing secrets wherever they appear', async () => {
    const { logger, lines } = capture();
    logger.info('calling slack with xoxb-1234567890-abcdefghij and Bearer sk-proj-abcdefghijklmnop123', {
      headers: { authorization: 'Bearer abcdefghijklmnop', 'x-slack-signature': 'v0=deadbeef' },
      config: { signingSecret: 'shh-its-a-secret', apiKey: 'sk-live-0123456789abcdef', password: 'hunter2' },
      url: 'postgresql://salesos:s3cretpass@db:5432/salesos',
      nested: [{ note: 'token=abc123def456' }],
    });
    await flush();
    const out = lines.join('\n');
    for (const secret of [
      'xoxb-1234567890',
      'sk-proj-abcdef',
      'abcdefghijklmnop',
      'deadbeef',
      'shh-its-a-secret',
      'sk-live',
      'hunter2',
      's3cretpass',
      'abc123def456',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('postgresql://salesos:[redacted]@db:5432/salesos');
  });

  it('logs an error with its code, stack and cause, secrets scrubbed', async () => {
    const { logger, json } = capture();
    const cause = new Error('connect ECONNREFUSED with key sk-abcdefghijklmnopqrst');
    logger.error('enrichment failed', { err: new AppError('dependency_down', 'Agent down', { cause }) });
    await flush();
    const [line] = json();
    expect(line.err.code).toBe('dependency_down');
    expect(line.err.stack).toContain('AppError');
    expect(line.err.cause.message).toContain('ECONNREFUSED');
    expect(JSON.stringify(line)).not.toContain('sk-abcdefghijklmnopqrst');
  });

  it('writes readable lines in pretty mode', async () => {
    const { logger, lines } = capture('pretty');
    logger.warn('budget low', { userId: 'u1' });
    await flush();
    expect(lines[0]).toMatch(/warn.*budget low userId=u1/);
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });
});
