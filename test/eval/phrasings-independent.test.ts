// Eleven phrasing sets, each written by a different helper who never read the offline parser (and the engineer's own
// probes of out-of-scope messages and negation), run through the
// real assistant on the demo organisation as the manager of the demo rep's team (the only role with every
// tool, digests included). One test per case, so a regression names the phrasing. Each set was held out until
// it was measured once, then became development data; the held-out figures of the later ones are asserted as history.
// Cases known to fail are listed with the reason; the lists may shrink, never grow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../core/actor.ts';
import { DemoRepository } from '../../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../../core/demo/seed.ts';
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
    name: 'second round',
    cases: load('phrasings-heldout.jsonl'),
    knownFailing: {},
  },
  {
    name: 'third round',
    cases: load('phrasings-heldout-3.jsonl'),
    knownFailing: {},
  },
  {
    name: 'fourth round (held out once)',
    cases: load('phrasings-heldout-4.jsonl'),
    // Missed at the one held-out measurement; a development set since (its figures then stay below as history).
    knownFailing: Object.fromEntries(['s006', 's023', 's057', 's114', 's124', 's127', 's164'].map((id) => [id, 'missed at the held-out measurement'])),
  },
  {
    name: 'fifth round (held out once)',
    cases: load('phrasings-heldout-5.jsonl'),
    // Missed at the one held-out measurement; a development set since (its figures then stay below as history).
    knownFailing: Object.fromEntries(['t043', 't065', 't078'].map((id) => [id, 'missed at the held-out measurement'])),
  },
  {
    name: 'sixth round (held out once)',
    cases: load('phrasings-heldout-6.jsonl'),
    // Missed at the one held-out measurement (main 3d6ea4b); listed by id only, a development set from now on.
    knownFailing: Object.fromEntries(['u127', 'u129', 'u141', 'u162'].map((id) => [id, 'missed at the held-out measurement'])),
  },
  {
    name: 'seventh round (held out once)',
    cases: load('phrasings-heldout-7.jsonl'),
    // Missed 29 at the one held-out measurement (issue-14-nlu-2 666dba0); a development set since, and all pass now.
    knownFailing: {},
  },
  {
    name: 'eighth round (held out once)',
    cases: load('phrasings-heldout-8.jsonl'),
    // Measured once at main 5e2cc5d (the model of d76d04d) and not tuned on then: 221/245, 65/70 out of scope (HELD_OUT
    // below). A development set since issue-14-nlu-8, which tuned on its 24 misses; all of them pass now.
    knownFailing: {},
  },
  {
    name: 'ninth round (held out once)',
    cases: load('phrasings-heldout-9.jsonl'),
    // Written by a helper who read no code and no earlier set; measured once with issue-14-nlu-8 at db5296e (merged into
    // main as a79eb38), 2026-11-29, and not tuned on then (25 misses; the figures are in HELD_OUT below). A development
    // set since issue-14-nlu-9, which tuned on those misses: the ones still missed are listed by id.
    knownFailing: Object.fromEntries(['k007', 'k021', 'k034', 'k045', 'k072', 'k172', 'k192', 'k236'].map((id) => [id, 'missed at the held-out measurement'])),
  },
  {
    name: 'tenth round (held out once)',
    cases: load('phrasings-heldout-10.jsonl'),
    // Written by a helper who read no code and no earlier set; measured once with issue-14-nlu-9 at 779fe2b (merged into
    // main), 2026-11-29, and not tuned on then (24 misses; the figures are in HELD_OUT below). A development set since
    // issue-14-nlu-10, which tuned on those misses: the ones still missed are listed with the reason.
    knownFailing: {
      g099: 'expects the title as written ("head of ops"); the model writes "Head of Operations", which lead search matches',
      g139: 'setup "insurance VPs in Canada" lists 2 leads for the manager, so there is no 3rd one to point at',
      g146: 'expects the note reworded ("asked for pricing"); the model keeps the news as written',
      g147: 'setup "insurance directors in the UK" lists 1 lead for the manager, so there is no 3rd one to point at',
      g148: 'setup "my qualified leads" lists nothing for the manager',
      g167: 'setup "healthcare leads in Germany" lists 1 lead for the manager, so there is no number 2',
    },
  },
  {
    name: 'eleventh round (held out once)',
    cases: load('phrasings-heldout-11.jsonl'),
    // Written by a helper who read no code and no earlier set; measured once with the model of issue-14-nlu-10
    // (b08a0cc, merged into main as 321f28c; main 11a13ac), 2026-11-30, and not tuned on then (9 misses; the figures are
    // in HELD_OUT below). A development set since issue-14-nlu-11, which tuned on those misses; all of them pass now.
    knownFailing: {},
  },
  {
    name: 'twelfth round (held out once)',
    cases: load('phrasings-heldout-12.jsonl'),
    // Written by a helper who read no code and no earlier set; measured once with the model of issue-14-nlu-11
    // (1e85c79, merged into main as f03989d), 2026-11-30, and not tuned on then (25 misses; the figures are in
    // HELD_OUT below). A development set since issue-14-nlu-12, which tuned on those misses: the ones still missed
    // are listed with the reason.
    knownFailing: {
      d008: 'setup "show me my qualified leads" lists nothing for the manager, so there is no 3rd one to point at',
      d020: 'a complaint ("why can\'t I find anyone in Paris??") before the request reads as out of scope',
      d023: '"no idea who covers Australia" loses the country to the negation',
      d089: 'setup "unassigned leads in Paris" lists nothing for the manager, so there is no #1',
      d105: 'ordering lunch for "6 people" reads as a search limited to 6',
      d121: '"why is AWS so expensive" reads as a usage question',
      d142: 'setup "list retail leads in Dublin" lists nothing for the manager, so there is no number 2',
      d154: 'a digest stopped at one time and moved to another reads as stopped only',
      d225: '"tear this apart:" before a quoted email is not read as a request to roast it',
      d244: '"what\'s wrong with this opener:" before a quoted opener is not read as a request to roast it',
      d272: 'advice about CRMs for an industry reads as a search',
    },
  },
  {
    name: 'thirteenth round (held out once)',
    cases: load('phrasings-heldout-13.jsonl'),
    // Written by a helper who read no code and no earlier set; measured once with the model of issue-14-nlu-12
    // (08f67be, merged into main as fe46048), 2026-11-30, before anything was tuned on it (10 misses; the figures
    // are in HELD_OUT below). Then one class was fixed: f222 ("no, not the CTO list again — I need COOs in Spain")
    // had searched the title the rep turned down (titles have no exclusion filter, so the scorer could not call it
    // inverted); a role after "not"/"no" is now dropped. The other misses are listed by id.
    knownFailing: Object.fromEntries(
      ['f073', 'f084', 'f106', 'f115', 'f119', 'f142', 'f151', 'f165', 'f167'].map((id) => [id, 'missed at the held-out measurement']),
    ),
  },

  {
    name: "engineer's probes (scope and negation)",
    cases: load('probes-scope-negation.jsonl'),
    // Written by the engineer who built the checks, before building them: development data, not independent.
    knownFailing: {
      mn022: '"not contacted" reads as new leads, not as an exclusion of contacted ones',
      mz025: '"Stanford" is a visible lead\'s name, so the question opens that lead',
      mw217: 'a complaint in the present ("the Munich leads never reply") names a city, a lead noun and a status, and reads as a search',
    },
  },
];

/** The held-out rounds' figures at their one measurement (README): set index → figures. */
const HELD_OUT = [
  { set: 3, passed: 164, cases: 180, noToolPassed: 33, noToolCases: 36, negationInverted: ['s046'] },
  { set: 4, passed: 180, cases: 200, noToolPassed: 35, noToolCases: 41, negationInverted: ['t026', 't062', 't069', 't070', 't076'] },
  { set: 5, passed: 213, cases: 255, noToolPassed: 61, noToolCases: 66, negationInverted: ['u063', 'u068', 'u074', 'u075', 'u079'] },
  { set: 6, passed: 239, cases: 268, noToolPassed: 55, noToolCases: 63, negationInverted: ['v057'] },
  // Eighth round: measured once at main 5e2cc5d (model of d76d04d), 2026-11-29, before issue-14-nlu-8 tuned on it.
  { set: 7, passed: 221, cases: 245, noToolPassed: 65, noToolCases: 70, negationInverted: [] },
  // Ninth round: measured once with issue-14-nlu-8 at db5296e (main a79eb38), 2026-11-29; never tuned on.
  { set: 8, passed: 227, cases: 252, noToolPassed: 61, noToolCases: 66, negationInverted: ['k027', 'k049'] },
  // Tenth round: measured once with issue-14-nlu-9 at 779fe2b, 2026-11-29, before issue-14-nlu-10 tuned on it.
  { set: 9, passed: 236, cases: 260, noToolPassed: 55, noToolCases: 61, negationInverted: ['g032', 'g109'] },
  // Eleventh round: measured once with issue-14-nlu-10 at b08a0cc (main 11a13ac), 2026-11-30, before issue-14-nlu-11 tuned on it.
  { set: 10, passed: 246, cases: 255, noToolPassed: 62, noToolCases: 63, negationInverted: ['j104'] },
  // Twelfth round: measured once with issue-14-nlu-11 at 1e85c79 (main f03989d), 2026-11-30, before issue-14-nlu-12 tuned on it.
  { set: 11, passed: 253, cases: 278, noToolPassed: 69, noToolCases: 72, negationInverted: [] },
  // Thirteenth round: measured once with issue-14-nlu-12 at 08f67be (main fe46048), 2026-11-30, before f222's class was fixed.
  { set: 12, passed: 236, cases: 246, noToolPassed: 58, noToolCases: 59, negationInverted: [] },
];
/**
 * Inversions measured in a round still held out and not fixed yet (each also a known failure above). None: every
 * measured round has been tuned on since (the eleventh's j104 is fixed), so no case may invert a negation.
 */
const KNOWN_INVERTED = new Set<string>();

let c: TestContainer;
const results = new Map<string, CaseResult>();

beforeAll(async () => {
  c = await createTestContainer();
  await seedDemoOrganisation(new DemoRepository(c.db.prisma), { now: new Date('2026-01-05T09:00:00Z') });
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
  it('have 300+ cases in the first round and 150+ in each later one, 15%+ of each out of scope', () => {
    const [first, ...later] = SETS as [PhrasingSet, ...PhrasingSet[]];
    expect(first.cases.length).toBeGreaterThanOrEqual(300);
    for (const set of later) expect(set.cases.length).toBeGreaterThanOrEqual(150);
    for (const set of SETS) expect(set.cases.filter((x) => x.tool === null).length / set.cases.length).toBeGreaterThanOrEqual(0.15);
    for (const set of SETS.slice(0, 2)) expect(new Set(set.cases.map((x) => x.split))).toEqual(new Set(['dev', 'test']));
    const ids = SETS.flatMap((s) => s.cases.map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never inverts a negation, except a still held-out round's measured inversions (HELD_OUT keeps every round's as history)", () => {
    expect([...results.values()].filter((r) => r.negationInverted && !KNOWN_INVERTED.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('list only ids that exist', () => {
    for (const set of SETS) for (const id of Object.keys(set.knownFailing)) expect(set.cases.some((x) => x.id === id)).toBe(true);
  });

  it("meet issue 14's targets on the two newest held-out rounds at their one measurement: 90%+ right, 95%+ of out-of-scope messages calling no tool, no negation inverted", () => {
    const newest = HELD_OUT.slice(-2);
    expect(newest.map((h) => SETS[h.set]!.name)).toEqual(['twelfth round (held out once)', 'thirteenth round (held out once)']);
    for (const h of newest) {
      expect(h.passed / h.cases).toBeGreaterThanOrEqual(0.9);
      expect(h.noToolPassed / h.noToolCases).toBeGreaterThanOrEqual(0.95);
      expect(h.negationInverted).toEqual([]);
      expect(SETS[h.set]!.cases.filter((x) => results.get(x.id)!.negationInverted)).toEqual([]);
    }
  });

  for (const h of HELD_OUT) {
    it(`score the ${SETS[h.set]!.name} at ${h.passed}/${h.cases} or better, with ${h.noToolPassed}/${h.noToolCases} out-of-scope messages calling no tool`, () => {
      const heldOut = SETS[h.set]!.cases.map((x) => results.get(x.id)!);
      expect(heldOut.length).toBe(h.cases);
      expect(heldOut.filter((r) => r.pass).length).toBeGreaterThanOrEqual(h.passed);
      const none = heldOut.filter((r) => r.expected.tool === null);
      expect(none.length).toBe(h.noToolCases);
      expect(none.filter((r) => r.got === null).length).toBeGreaterThanOrEqual(h.noToolPassed);
    });
  }

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
