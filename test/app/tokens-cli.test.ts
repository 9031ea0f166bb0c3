// `salesos tokens`: a token printed once and stored hashed, listed without its secret, revoked by prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../core/db/api-tokens-repository.ts';
import { runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({ data: { email: 'jane@acme.io', name: 'Jane Rep', role: 'rep', timeZone: 'UTC' } });
});
afterAll(async () => db?.drop());

const env = () => ({ DATABASE_URL: db.url, SALESOS_SEED_DEMO: 'false' });

describe('salesos tokens', () => {
  it('creates, lists and revokes personal access tokens, never storing or listing the secret', async () => {
    const created = await runCli(['tokens', 'create', '--user', 'jane@acme.io', '--name', 'Claude Desktop', '--read-only', '--expires', '30'], env());
    expect(created.code).toBe(0);
    const token = created.stdout.split('\n')[0]!;
    expect(token).toMatch(/^sos_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.stdout).toContain('only time it is shown');
    const stored = await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'Claude Desktop' } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.readOnly).toBe(true);

    const listed = await runCli(['tokens', 'list'], env());
    expect(listed.stdout).toContain('Claude Desktop');
    expect(listed.stdout).toMatch(/read-only\s+active/);
    expect(listed.stdout).not.toContain(token);

    const revoked = await runCli(['tokens', 'revoke', stored.prefix], env());
    expect(revoked.code).toBe(0);
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: stored.id } })).revokedAt).not.toBeNull();

    const bad = await runCli(['tokens', 'create', '--user', 'jane@acme.io', '--name', 'x', '--expires', 'soon'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expires must be a whole number of days');
  });
});
