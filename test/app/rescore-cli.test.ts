// `salesos rescore` as a manager meets it, against the real enrichment agent: without --yes it only says what would
// happen; with --yes it recomputes the team's fit scores and prints the distribution before and after; a rep is refused.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { createEmptyDatabase } from '../support/db.ts';
import { startRealEnrichmentAgent, type RealEnrichmentAgent } from '../support/real-enrichment-agent.ts';

let db: { url: string; drop(): Promise<void> };
let agent: RealEnrichmentAgent;
let env: Record<string, string>;
let manager = '';
let rep = '';

const scores = async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<{ id: string; score: number }>('SELECT id, score FROM leads ORDER BY id')).rows;
  } finally {
    await client.end();
  }
};

beforeAll(async () => {
  agent = await startRealEnrichmentAgent();
  db = await createEmptyDatabase();
  env = { DATABASE_URL: db.url, AUDIT_KEY: 'rescore-cli-test-audit-key-0123456789abc', ENRICHMENT_AGENT_URL: agent.url };
  expect((await runCli(['seed', '--leads', '1500'], env, undefined, 180_000)).code).toBe(0);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    // Outcomes with a planted pattern, the same on every run: half of the contacted leads of the commonest industry
    // replied, a tenth of the others. The demo's own status history goes, so it does not blur the pattern.
    await client.query(`DELETE FROM lead_activities WHERE type = 'status_change'`);
    await client.query(`UPDATE leads SET status = CASE
        WHEN abs(hashtext(email)) % 100 < (CASE WHEN industry = (SELECT industry FROM leads WHERE industry IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
          THEN 50 ELSE 10 END) THEN 'replied'::"LeadStatus"
        ELSE 'contacted'::"LeadStatus" END
      WHERE abs(hashtext(email || 'c')) % 100 < 70`);
    manager = (await client.query<{ email: string }>(`SELECT email FROM users WHERE role = 'manager' ORDER BY email LIMIT 1`)).rows[0]!.email;
    rep = (await client.query<{ email: string }>(`SELECT email FROM users WHERE role = 'rep' ORDER BY email LIMIT 1`)).rows[0]!.email;
  } finally {
    await client.end();
  }
}, 600_000);
afterAll(async () => {
  await db?.drop();
  await agent?.close();
});

describe('salesos rescore', () => {
  it('without --yes says what would happen and changes nothing', async () => {
    const before = await scores();
    const r = await runCli(['rescore', '--as', manager], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recompute the fit scores of \d+ leads from a model of their outcomes \(goal: replied\)/);
    expect(r.stdout).toContain('Nothing was changed. Run again with --yes to apply.');
    expect(await scores()).toEqual(before);
  });

  it('refuses a rep and a bad goal, with a clear message', async () => {
    const asRep = await runCli(['rescore', '--as', rep, '--yes'], env);
    expect(asRep.code).toBe(1);
    expect(asRep.stderr).toContain('rescoreLeads is not available to the rep role');
    const badGoal = await runCli(['rescore', '--as', manager, '--goal', 'money'], env);
    expect(badGoal.code).toBe(2);
    expect(badGoal.stderr).toContain('--goal must be one of replied, qualified, customer');
  });

  it('with --yes recomputes the scores, prints the distribution before and after, and audits it', async () => {
    const before = await scores();
    const r = await runCli(['rescore', '--as', manager, '--yes'], { ...env, COLUMNS: '100' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Fit scores of [\d,]+ leads recomputed, [\d,]+ changed, from a model with AUC 0\.\d\d/);
    expect(r.stdout).toContain('Before');
    expect(r.stdout).toContain('90–100');
    const after = await scores();
    expect(after.filter((a, i) => a.score !== before[i]!.score).length).toBeGreaterThan(0);
    const tail = await runCli(['audit', 'tail', '--tool', 'rescoreLeads', '--json'], env);
    expect(tail.stdout).toContain('rescoreLeads');
  });
});
