// Governance as an administrator meets it: budgets, usage and the audit trail from the CLI.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/db.ts';
import { runCli } from '../support/cli.ts';

let db: { url: string; drop(): Promise<void> };
let env: Record<string, string>;

beforeAll(async () => {
  db = await createEmptyDatabase();
  env = { DATABASE_URL: db.url, AUDIT_KEY: 'governance-cli-test-audit-key-0123456789' };
  expect((await runCli(['seed', '--leads', '200'], env, undefined, 120_000)).code).toBe(0);
}, 180_000);
afterAll(async () => db?.drop());

describe('budgets from the CLI', () => {
  it('a rep whose budget is used up is refused with a clear message, and nothing runs', async () => {
    expect((await runCli(['users', 'budget', 'demo@salesos.demo', '0'], env)).stdout).toContain('AI is switched off');
    const r = await runCli(['ask', 'find CTOs at fintech companies in Germany', '--json'], env);
    const out = JSON.parse(r.stdout);
    expect(out.reply).toMatch(/You have used \$0\.00 of your \$0\.00 daily AI budget/);
    expect(out.reply).toMatch(/resets at midnight \(Europe\/Berlin\)/);
    expect(out.toolCalls).toEqual([]);
    expect((await runCli(['users', 'budget', 'demo@salesos.demo', 'default'], env)).code).toBe(0);
  });

  it('reports usage per user, day and model', async () => {
    await runCli(['ask', 'how much budget do I have left?'], env);
    const r = await runCli(['usage', '--user', 'demo@salesos.demo'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/demo@salesos\.demo\s+\d{4}-\d{2}-\d{2}\s+offline\s+model/);
    expect((await runCli(['usage', '--user', 'nobody@x.io'], env)).stderr).toContain('No SalesOS user has the email nobody@x.io');
  });
});

describe('a one-shot command gives back what it holds before it exits', () => {
  it('leaves no budget lease or reservation open, and its calls settled and audited', async () => {
    const r = await runCli(['ask', 'enrich Jane Doe'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/could not give back|Cannot use a pool/);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const user = await client.query(`SELECT id FROM users WHERE email = 'demo@salesos.demo'`);
      const rows = await client.query(`SELECT lease, status::text AS status FROM usage_entries WHERE "userId" = $1`, [user.rows[0].id]);
      // enrichLead's call was served from a lease: otherwise this test would not see what a lease leaves behind.
      expect(rows.rows.filter((x) => x.lease).length).toBeGreaterThan(0);
      expect(rows.rows.filter((x) => x.status === 'reserved')).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

let checkpoint = '';

describe('salesos audit', () => {
  it('prints a signed checkpoint that verify accepts with --against', async () => {
    await runCli(['ask', 'find CTOs at fintech companies in Germany'], env);
    const cp = await runCli(['audit', 'checkpoint'], env);
    expect(cp.code).toBe(0);
    checkpoint = cp.stdout.trim();
    expect(checkpoint).toMatch(/^salesos-audit-checkpoint\/v1\/seq=\d+\/count=\d+\//);
    const ok = await runCli(['audit', 'verify', '--against', checkpoint], env);
    expect(ok.stdout).toMatch(/Audit trail intact/);
    expect(ok.code).toBe(0);
    const wrongKey = await runCli(['audit', 'verify', '--against', checkpoint], { ...env, AUDIT_KEY: 'some-other-key-some-other-key-0123456789' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/another AUDIT_KEY|not signed with this AUDIT_KEY/);
  }, 180_000);

  it('verify passes on an intact trail, then names the first row edited behind its back', async () => {
    await runCli(['ask', 'who are my uncontacted leads?'], env);
    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Audit trail intact: \d+ entries/);

    const tail = await runCli(['audit', 'tail', '--tool', 'findLeads', '--json'], env);
    const rows = JSON.parse(tail.stdout) as { seq: number; name: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.name === 'findLeads')).toBe(true);

    const victim = rows.at(-1)!.seq;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`UPDATE audit_entries SET outcome = 'denied' WHERE seq = $1`, [victim]);
    await client.end();
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at entry #${victim}`);
  }, 120_000);

  it('an emptied trail (entries and head row) passes plain verify but not verify --against a checkpoint', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('TRUNCATE audit_entries; DELETE FROM audit_chain_head');
    await client.end();
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
    const against = await runCli(['audit', 'verify', '--against', checkpoint], env);
    expect(against.code).toBe(1);
    expect(against.stdout).toMatch(/BROKEN at entry #1: .*the trail was emptied/);
  }, 120_000);
});
