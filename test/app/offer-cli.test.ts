// `salesos offer show|set` as an administrator uses it, and the drafts that follow from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/db.ts';
import { runCli } from '../support/cli.ts';

let db: { url: string; drop(): Promise<void> };
let env: Record<string, string>;

beforeAll(async () => {
  db = await createEmptyDatabase();
  env = { DATABASE_URL: db.url };
}, 60_000);
afterAll(async () => db?.drop());

// The machine running the suite may be busy: give each CLI process room to start.
const cli = (args: string[]) => runCli(args, env, undefined, 200_000);

describe('salesos offer', () => {
  it('says there is no offer on a fresh database and exits 1', async () => {
    expect((await cli(['migrate'])).code).toBe(0);
    const r = await cli(['offer', 'show']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No complete offer');
  }, 240_000);

  it('shows the demo organisation’s offer after a seed', async () => {
    expect((await cli(['seed', '--leads', '100'])).code).toBe(0);
    const r = await cli(['offer', 'show']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/product\s+Rampwise/);
    expect(r.stdout).toContain('1. Northwind Health cut new-rep ramp from 5 months to 10 weeks');
  }, 240_000);

  it('overrides one field for a user, shows where each field comes from, and drafts with it', async () => {
    const set = await cli(['offer', 'set', '--user', 'demo@salesos.demo', '--ask', 'Should I send a two-minute clip of a practice call']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Saved the offer for demo@salesos.demo: preferred ask.');
    expect(set.stdout).toMatch(/product\s+Rampwise\s+\(from the organisation\)/);
    expect(set.stdout).toMatch(/preferred ask\s+Should I send a two-minute clip of a practice call\n/);

    const json = JSON.parse((await cli(['offer', 'show', '--user', 'demo@salesos.demo', '--json'])).stdout);
    expect(json.effective.sources).toMatchObject({ product: 'organisation', preferredAsk: 'user' });

    const draft = JSON.parse((await cli(['ask', 'draft an intro email to Jane Doe', '--json'])).stdout);
    const body = draft.cards.find((c: { type: string }) => c.type === 'email_draft').draft.body as string;
    expect(body).toContain('ramp new sales reps in half the time');
    expect(body).toContain('Should I send a two-minute clip of a practice call?');
    expect(['Salesforce', 'Slack', 'Gong', 'VP of Sales', 'SaaS'].some((f) => body.includes(f))).toBe(true);
  }, 300_000);

  it('rejects bad options with a clear message', async () => {
    const r = await cli(['offer', 'set', '--clear', 'colour']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--clear takes one of product, value, proof, customer, ask');
    const none = await cli(['offer', 'set', '--team', 'demo@salesos.demo', '--product', 'X']);
    expect(none.stderr).toContain('is not a manager with a team');
  }, 240_000);
});
