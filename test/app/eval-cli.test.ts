// `salesos eval` as a user runs it (each test starts the CLI, which is slow on a loaded machine): a phrasing set against the offline model and against an
// OpenAI-compatible server (the fake one on 127.0.0.1), on a seeded PostgreSQL database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/db.ts';
import { runCli } from '../support/cli.ts';
import { lastUserText, startFakeOpenAI, toolResultsIn, type ChatRequest, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';

let db: { url: string; drop(): Promise<void> };
let env: Record<string, string>;
let fake: FakeOpenAI;
let dir: string;
let setFile: string;

const SET = [
  { id: 'find-1', text: 'find fintech leads in Germany', tool: 'findLeads', args: { industry: ['Fintech'], country: ['Germany'] }, split: 'test' },
  { id: 'oos-1', text: "what's the weather in Berlin tomorrow?", tool: null, args: {}, split: 'test' },
  { id: 'ord-1', setup: 'show me fintech leads in Germany', text: 'enrich the second one', tool: 'enrichLead', args: {}, ordinal: 2, split: 'test' },
  { id: 'upd-1', text: 'mark lukas becker as contacted', tool: 'updateLead', args: { lead: 'Lukas Becker', status: 'contacted' }, split: 'dev' },
  { id: 'neg-1', text: 'fintech leads outside Germany', tool: 'findLeads', args: { industry: ['Fintech'], excludeCountry: ['Germany'] }, split: 'dev' },
];

// A model that routes like a decent LLM, except that it reads "outside Germany" as "in Germany".
function brain(req: ChatRequest): FakeAnswer {
  const asked = lastUserText(req);
  const results = toolResultsIn(req);
  const answeredThisTurn = req.messages.at(-1)?.role === 'tool';
  if (answeredThisTurn) return { text: 'Done.' };
  if (/^(?:find|show me) fintech leads in Germany/i.test(asked))
    return { toolCalls: [{ name: 'findLeads', arguments: { industry: ['Fintech'], country: ['Germany'] } }] };
  if (/outside Germany/i.test(asked)) return { toolCalls: [{ name: 'findLeads', arguments: { industry: ['Fintech'], country: ['Germany'] } }] };
  if (/second one/i.test(asked)) {
    const list = results.find((r) => r.name === 'findLeads')!.output.leads;
    return { toolCalls: [{ name: 'enrichLead', arguments: { lead: list[1].id } }] };
  }
  if (/^mark lukas becker/i.test(asked)) return { toolCalls: [{ name: 'updateLead', arguments: { lead: 'Lukas Becker', status: 'contacted' } }] };
  return { text: 'I only help with leads and outreach.' };
}

beforeAll(async () => {
  db = await createEmptyDatabase();
  env = { DATABASE_URL: db.url, LOG_LEVEL: 'error' };
  const seeded = await runCli(['seed', '--leads', '300'], env, undefined, 120_000);
  expect(seeded.code).toBe(0);
  fake = await startFakeOpenAI(brain);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-eval-'));
  setFile = path.join(dir, 'set.jsonl');
  fs.writeFileSync(setFile, SET.map((c) => JSON.stringify(c)).join('\n') + '\n');
}, 180_000);
afterAll(async () => {
  await fake?.close();
  await db?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('salesos eval', () => {
  it('runs a set against the offline model: per-case lines, per-tool accuracy, exit 0 at --min 100', async () => {
    const r = await runCli(['eval', setFile, '--min', '100'], env, undefined, 120_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const c of SET) expect(r.stdout).toMatch(new RegExp(`^PASS  ${c.id} \\[${c.split}\\]`, 'm'));
    expect(r.stdout).toMatch(/^findLeads\s+2\s+2\s+100\.0%$/m);
    expect(r.stdout).toMatch(/^\(no tool\)\s+1\s+1\s+100\.0%$/m);
    expect(r.stdout).toContain('negation inverted: 0');
    expect(r.stdout).toContain('accuracy: 5/5 (100.0%)');
    expect(r.stdout).toContain('Model: offline mode');
  }, 150_000);

  it('runs the same set against an OpenAI-compatible server, names the failing case and exits 1 under --min', async () => {
    const before = fake.requests.length;
    const r = await runCli(['eval', setFile, '--json', '--min', '90'], { ...env, OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'gpt-5-mini' }, undefined, 120_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Accuracy 80.0% is under --min 90%');
    const out = JSON.parse(r.stdout);
    expect(out.model).toBe('gpt-5-mini');
    expect(out.summary).toMatchObject({ cases: 5, passed: 4, negationInverted: 1, noTool: { cases: 1, passed: 1 } });
    expect(out.summary.bySplit).toEqual([
      { split: 'dev', cases: 2, passed: 1, accuracy: 0.5 },
      { split: 'test', cases: 3, passed: 3, accuracy: 1 },
    ]);
    const failed = out.cases.filter((c: { pass: boolean }) => !c.pass);
    expect(failed.map((c: { id: string }) => c.id)).toEqual(['neg-1']);
    expect(failed[0].negationInverted).toBe(true);
    expect(failed[0].problems.join(' ')).toContain('excludeCountry');
    // The setup ran first in the same thread: the model saw the listed leads when asked for "the second one".
    const ordinal = out.cases.find((c: { id: string }) => c.id === 'ord-1');
    expect(ordinal.pass).toBe(true);
    expect(fake.requests.length).toBeGreaterThan(before);
  }, 150_000);

  it('rejects a malformed set with the line number, and a missing file, without a stack trace', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, `${JSON.stringify(SET[0])}\n{"id":"x","text":"hi"}\nnot json\n`);
    const r = await runCli(['eval', bad], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2: tool');
    expect(r.stderr).toContain('line 3: not valid JSON');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli(['eval', path.join(dir, 'nope.jsonl')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  }, 150_000);
});
