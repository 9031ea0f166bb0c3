// The terminal channel as a user runs it: `salesos seed`, `salesos ask`, `salesos chat` from a pipe,
// on real PostgreSQL with the offline model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/db.ts';
import { runCli } from '../support/cli.ts';

let db: { url: string; drop(): Promise<void> };
let env: Record<string, string>;

beforeAll(async () => {
  db = await createEmptyDatabase();
  env = { DATABASE_URL: db.url };
  const seeded = await runCli(['seed', '--leads', '400'], env, undefined, 120_000);
  expect(seeded.code).toBe(0);
  expect(seeded.stdout).toMatch(/Seeded the demo organisation .* 400 leads/);
}, 180_000);
afterAll(async () => db?.drop());

describe('salesos ask', () => {
  it('--json prints the reply, cards, tool calls and usage of one turn', async () => {
    const r = await runCli(['ask', 'find CTOs at fintech companies in Germany', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['cards', 'reply', 'toolCalls', 'usage']);
    expect(out.toolCalls).toEqual([{ name: 'findLeads', input: { title: 'CTO', industry: ['Fintech'], country: ['Germany'] }, outcome: 'ok' }]);
    expect(out.cards[0].type).toBe('lead_list');
    expect(out.cards[0].leads.map((l: { fullName: string }) => l.fullName)).toContain('Lukas Becker');
    expect(out.reply).toContain('CTO · Fintech · Germany');
    expect(out.usage.inputTokens).toBeGreaterThan(0);
  });

  it('acts as another user with --as, and refuses an unknown one clearly', async () => {
    const bad = await runCli(['ask', 'help', '--as', 'nobody@nowhere.io'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('There is no active SalesOS user nobody@nowhere.io');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves a write pending without --yes and runs it with --yes', async () => {
    const pending = await runCli(['ask', 'mark Jane Doe as contacted'], env);
    expect(pending.stdout).toContain('This needs your confirmation');
    const done = await runCli(['ask', 'mark Jane Doe as contacted', '--yes', '--json'], env);
    const out = JSON.parse(done.stdout);
    expect(out.toolCalls.map((t: { outcome: string }) => t.outcome)).toEqual(['pending_confirmation', 'ok']);
    expect(out.reply).toContain('status new → contacted');
  });
});

describe('salesos chat from a pipe', () => {
  it('answers each line, remembers the conversation, and asks yes/no before a write', async () => {
    const input = [
      'show me 10 leads in healthcare with 50-200 employees that use HubSpot',
      'tell me about the second one',
      'mark the first one as qualified',
      'yes',
      'roast this email:',
      'Subject: Quick question',
      '',
      'Hi Emma, saw CareLoop is hiring SDRs in Boston. Teams your size lose a week ramping each rep. Worth a look?',
      '.',
      'exit',
    ].join('\n');
    const r = await runCli(['chat'], env, input);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Healthcare · 50–200 employees · uses HubSpot');
    expect(r.stdout).toContain('Daniel Kim'); // the second one, in full
    expect(r.stdout).toMatch(/Confirm: Mark “Emma Clarke” .* as qualified\? \[y\/N\] yes/);
    expect(r.stdout).toContain('status new → qualified');
    expect(r.stdout).toMatch(/Email roast: \d+\/100/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colours when piped
  });
});
