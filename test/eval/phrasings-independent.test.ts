// Two phrasing sets written by people who never read the offline parser, run through the real assistant on
// the demo organisation as the manager of the demo rep's team (the only role with every tool, digests
// included). One test per case, so a regression names the phrasing. Cases known to fail are listed with
// the reason; the lists may shrink, never grow.
//
// - phrasings-independent.jsonl (360, first round): both of its parts have now been tuned on — its `test`
//   part was looked at after the first measurement — so it is development data and a regression set.
// - phrasings-heldout.jsonl (188, second round, written later by another helper): split 70/30 by tool;
//   tuning used its `dev` part only. Its `test` part is the held-out figure README reports, asserted here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../core/actor.ts';
import { seedDemoOrganisation } from '../../core/db/demo-seed.ts';
import { parsePhrasingSet, type PhrasingCase } from '../../app/eval/phrasing-set.ts';
import { runEval, summarise, type CaseResult } from '../../app/eval/run-eval.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const load = (name: string) => parsePhrasingSet(readFileSync(path.join(dir, name), 'utf8'), name);

interface PhrasingSet {
  name: string;
  cases: PhrasingCase[];
  /** id → why it fails. */
  knownFailing: Record<string, string>;
}

const SETS: PhrasingSet[] = [
  {
    name: 'first round',
    cases: load('phrasings-independent.jsonl'),
    knownFailing: {
      // The setup asks for "my" leads; the manager running the set owns none, so there is no list to point into.
      p079: 'setup "my qualified leads" lists nothing for the manager',
      p134: 'setup "my qualified leads" lists nothing for the manager',
      p139: 'setup "my contacted leads" lists nothing for the manager',
      p326: 'setup "my qualified leads" lists nothing for the manager',
    },
  },
  {
    name: 'held out',
    cases: load('phrasings-heldout.jsonl'),
    // Test part, recorded at the measurement README reports: not looked at, so not listed by reason.
    knownFailing: Object.fromEntries(
      ['q036', 'q046', 'q073', 'q092', 'q170', 'q173', 'q183'].map((id) => [id, 'held-out test case missed at the reported measurement']),
    ),
  },
  {
    name: 'third round',
    cases: load('phrasings-heldout-3.jsonl'),
    // Recorded at the one measurement before any tuning on this set; reported in README.
    knownFailing: Object.fromEntries(
      ['r003', 'r010', 'r013', 'r023', 'r031', 'r060', 'r061', 'r062', 'r063', 'r076', 'r081', 'r087', 'r094', 'r095', 'r098', 'r123', 'r159'].map((id) => [
        id,
        'missed at the held-out measurement',
      ]),
    ),
  },
];

/** The third round's figures at that measurement (README). */
const THIRD_ROUND = { passed: 158, cases: 175, noToolPassed: 28, noToolCases: 34, negationInverted: ['r010'] };

/** The held-out test part's figures as README states them (a regression lowers them and fails here). */
const HELDOUT_TEST = { passed: 49, cases: 56, noToolPassed: 7, noToolCases: 10 };

let c: TestContainer;
const results = new Map<string, CaseResult>();

beforeAll(async () => {
  c = await createTestContainer();
  await seedDemoOrganisation(c.db.prisma, { now: new Date('2026-01-05T09:00:00Z') });
  const rep = (await c.users.getByEmail('demo@salesos.demo'))!;
  const [manager] = await c.db.prisma.user.findMany({ where: { role: 'manager', managedTeam: { id: rep.teamId! } } });
  const actor = actorOf(manager!);
  const scope = await c.users.scopeFor(actor);
  for (const set of SETS) {
    const out = await runEval(set.cases, { assistant: c.assistant, lookup: c.services.lookup, actor, scope });
    for (const r of out) results.set(r.id, r);
    const s = summarise(out);
    console.log(
      `independent phrasings, ${set.name}: ${s.bySplit.map((x) => `${x.split} ${x.passed}/${x.cases} (${(100 * x.accuracy).toFixed(1)}%)`).join(', ')}; ` +
        `no tool when none expected ${s.noTool.passed}/${s.noTool.cases}; negation inverted ${s.negationInverted}`,
    );
  }
}, 900_000);
afterAll(async () => {
  await c?.close();
});

describe('independent phrasing sets', () => {
  it('have 300+ cases in the first round and 150+ held out, 15%+ of each out of scope, split into dev and test', () => {
    const [first, heldOut] = SETS as [PhrasingSet, PhrasingSet];
    expect(first.cases.length).toBeGreaterThanOrEqual(300);
    expect(heldOut.cases.length).toBeGreaterThanOrEqual(150);
    for (const set of SETS) expect(set.cases.filter((x) => x.tool === null).length / set.cases.length).toBeGreaterThanOrEqual(0.15);
    for (const set of SETS.slice(0, 2)) expect(new Set(set.cases.map((x) => x.split))).toEqual(new Set(['dev', 'test']));
    const ids = SETS.flatMap((s) => s.cases.map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never inverts a negation, except where the third round measured one', () => {
    expect([...results.values()].filter((r) => r.negationInverted).map((r) => r.id)).toEqual(THIRD_ROUND.negationInverted);
  });

  it(`score the third round at ${THIRD_ROUND.passed}/${THIRD_ROUND.cases}, with ${THIRD_ROUND.noToolPassed}/${THIRD_ROUND.noToolCases} out-of-scope messages calling no tool`, () => {
    const third = SETS[2]!.cases.map((x) => results.get(x.id)!);
    expect(third.length).toBe(THIRD_ROUND.cases);
    expect(third.filter((r) => r.pass).length).toBeGreaterThanOrEqual(THIRD_ROUND.passed);
    const none = third.filter((r) => r.expected.tool === null);
    expect(none.length).toBe(THIRD_ROUND.noToolCases);
    expect(none.filter((r) => r.got === null).length).toBeGreaterThanOrEqual(THIRD_ROUND.noToolPassed);
  });

  it('list only ids that exist', () => {
    for (const set of SETS) for (const id of Object.keys(set.knownFailing)) expect(set.cases.some((x) => x.id === id)).toBe(true);
  });

  it(`score the held-out test part at ${HELDOUT_TEST.passed}/${HELDOUT_TEST.cases} or better, and call no tool for ${HELDOUT_TEST.noToolPassed}/${HELDOUT_TEST.noToolCases} out-of-scope messages or more`, () => {
    const test = SETS[1]!.cases.filter((x) => x.split === 'test').map((x) => results.get(x.id)!);
    expect(test.length).toBe(HELDOUT_TEST.cases);
    expect(test.filter((r) => r.pass).length).toBeGreaterThanOrEqual(HELDOUT_TEST.passed);
    const none = test.filter((r) => r.expected.tool === null);
    expect(none.length).toBe(HELDOUT_TEST.noToolCases);
    expect(none.filter((r) => r.got === null).length).toBeGreaterThanOrEqual(HELDOUT_TEST.noToolPassed);
  });

  for (const set of SETS) {
    for (const k of set.cases) {
      const known = set.knownFailing[k.id];
      it(`${k.id} [${k.split}] ${JSON.stringify(k.text.split('\n')[0]!.slice(0, 70))}${known ? ' (known to fail)' : ''}`, () => {
        const r = results.get(k.id)!;
        if (known) {
          expect(r.pass, `${k.id} passes now: take it off the known failures`).toBe(false);
          return;
        }
        expect(r.problems, `got ${r.got ? `${r.got.name} ${JSON.stringify(r.got.input)}` : 'no tool'}`).toEqual([]);
        expect(r.pass).toBe(true);
      });
    }
  }
});
