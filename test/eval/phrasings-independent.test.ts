// The independent phrasing set (test/eval/phrasings-independent.jsonl), written by someone who never read
// the offline parser, run through the real assistant on the demo organisation as the manager of the demo
// rep's team (the only role with every tool, digests included). One test per case, so a regression names
// the phrasing. Cases known to fail are listed with the reason; the list may shrink, never grow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../core/actor.ts';
import { seedDemoOrganisation } from '../../core/db/demo-seed.ts';
import { parsePhrasingSet } from '../../app/eval/phrasing-set.ts';
import { runEval, summarise, type CaseResult } from '../../app/eval/run-eval.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'phrasings-independent.jsonl');
const CASES = parsePhrasingSet(readFileSync(FILE, 'utf8'), FILE);

/** id → why it fails. */
const KNOWN_FAILING: Record<string, string> = {
  // The setup asks for "my" leads; the manager running the set owns none, so there is no list to point into.
  p079: 'setup "my qualified leads" lists nothing for the manager',
  p134: 'setup "my qualified leads" lists nothing for the manager',
  p139: 'setup "my contacted leads" lists nothing for the manager',
  p326: 'setup "my qualified leads" lists nothing for the manager',
  // "heads of engineering" searches seniority director + title "Engineering" (matches "VP Engineering" too).
  p263: 'title kept as the function with a seniority, not "head of engineering"',
  // Test split, recorded at the final measurement (README): not tuned on, so these stay until fixed generally.
  p257: 'title kept as the function with a seniority, not "head of marketing"',
};

let c: TestContainer;
const results = new Map<string, CaseResult>();

beforeAll(async () => {
  c = await createTestContainer();
  await seedDemoOrganisation(c.db.prisma, { now: new Date('2026-01-05T09:00:00Z') });
  const rep = (await c.users.getByEmail('demo@salesos.demo'))!;
  const [manager] = await c.db.prisma.user.findMany({ where: { role: 'manager', managedTeam: { id: rep.teamId! } } });
  const actor = actorOf(manager!);
  const out = await runEval(CASES, { assistant: c.assistant, lookup: c.services.lookup, actor, scope: await c.users.scopeFor(actor) });
  for (const r of out) results.set(r.id, r);
  const s = summarise(out);
  console.log(
    `independent phrasings: ${s.bySplit.map((x) => `${x.split} ${x.passed}/${x.cases} (${(100 * x.accuracy).toFixed(1)}%)`).join(', ')}; ` +
      `no tool when none expected ${s.noTool.passed}/${s.noTool.cases}; negation inverted ${s.negationInverted}`,
  );
}, 600_000);
afterAll(async () => {
  await c?.close();
});

describe('independent phrasing set', () => {
  it('has 300+ cases, 15%+ of them out of scope, split into dev and test', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(CASES.filter((x) => x.tool === null).length / CASES.length).toBeGreaterThanOrEqual(0.15);
    expect(new Set(CASES.map((x) => x.split))).toEqual(new Set(['dev', 'test']));
  });

  it('never inverts a negation', () => {
    expect([...results.values()].filter((r) => r.negationInverted).map((r) => r.id)).toEqual([]);
  });

  it('lists only ids that exist', () => {
    for (const id of Object.keys(KNOWN_FAILING)) expect(CASES.some((x) => x.id === id)).toBe(true);
  });

  for (const k of CASES) {
    const known = KNOWN_FAILING[k.id];
    it(`${k.id} [${k.split}] ${JSON.stringify(k.text.split('\n')[0]!.slice(0, 70))}${known ? ' (known to fail)' : ''}`, () => {
      const r = results.get(k.id)!;
      if (known) {
        expect(r.pass, `${k.id} passes now: take it off KNOWN_FAILING`).toBe(false);
        return;
      }
      expect(r.problems, `got ${r.got ? `${r.got.name} ${JSON.stringify(r.got.input)}` : 'no tool'}`).toEqual([]);
      expect(r.pass).toBe(true);
    });
  }
});
