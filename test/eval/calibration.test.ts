// The rubric's calibration on labelled cold emails written by twelve helpers who had not read the rubric (each set
// was held out until measured once, then became development data). The score's evidence weights are learned
// from these sets (core/email/evidence-model.ts), so the figure that predicts a new set is leave-one-set-out:
// train on the other sets, score the one left out. Every figure here is a development figure: the checks' wording
// was tuned while reading these sets, the twelfth one included. A new set is measured with
// `npm run eval:email-rubric -- <file>` (docs/email-rubric.md, "Calibration").
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, lacksOutcomeAndProof } from '../../core/email/evidence-model.ts';
import { RUBRIC_MODEL } from '../../core/email/rubric-weights.ts';
import {
  calibrate,
  checksOf,
  EMAIL_SETS,
  leaveOneSetOut,
  leaveOneSetOutNested,
  leaveOneSetOutPredictions,
  loadEmails,
  renderWeightsModule,
  trainOn,
  trainShipped,
} from './calibration.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sets = EMAIL_SETS.map((f) => loadEmails(f));
const all = sets.flat();
// Trained twelve times (each set left out once): computed once for every test below.
const folds = leaveOneSetOutPredictions();
const figures = leaveOneSetOut(EMAIL_SETS, folds);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the labelled sets', () => {
  it('hold 852 emails in twelve sets, about half strong in each, every one with reasons, ids unique', () => {
    expect(sets.map((s) => s.length)).toEqual([84, 52, 40, 44, 72, 78, 82, 80, 80, 80, 80, 80]);
    expect(sets.map((set) => set.filter((e) => e.label === 'strong').length)).toEqual([42, 26, 20, 22, 36, 38, 41, 41, 40, 40, 40, 39]);
    for (const set of sets) for (const e of set) expect(e.reasons.length, e.id).toBeGreaterThan(0);
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads a new set from any path (how a fresh set is measured) and names the line it cannot use', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'email-set-'));
    const good = path.join(dir, 'fresh.jsonl');
    fs.writeFileSync(good, `${JSON.stringify(sets[3]![0])}\n\n${JSON.stringify({ id: 'n1', label: 'weak', body: 'Quick chat?' })}\n`);
    const loaded = loadEmails(good);
    expect(loaded.map((e) => e.id)).toEqual([sets[3]![0]!.id, 'n1']);
    expect(loaded[1]!.subject).toBeUndefined();
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, `${JSON.stringify(sets[3]![0])}\n${JSON.stringify({ id: 'n2', label: 'good', body: 'Hi' })}\n`);
    expect(() => loadEmails(bad)).toThrow('bad.jsonl line 2: needs "label" (strong or weak) and a non-empty "body"');
    fs.rmSync(dir, { recursive: true });
  });
});

describe('the shipped weights', () => {
  it('are what training on all twelve sets gives (rerun `npm run train:email-rubric` after changing a check)', () => {
    const trained = trainShipped();
    expect(fs.readFileSync(path.join(root, 'core/email/rubric-weights.ts'), 'utf8')).toBe(renderWeightsModule(trained));
    expect(RUBRIC_MODEL.intercept).toBeCloseTo(trained.intercept, 3);
    for (const id of CHECK_IDS) {
      expect(RUBRIC_MODEL.weights[id].notFailed, id).toBeCloseTo(trained.weights[id].notFailed, 3);
      expect(RUBRIC_MODEL.weights[id].passed, id).toBeCloseTo(trained.weights[id].passed, 3);
    }
    // The score mapping was chosen from the leave-one-set-out predictions, not from the emails the weights saw.
    expect(RUBRIC_MODEL.mapping).toEqual({ scale: 1.5, shift: 0.27 });
  });

  it('are deterministic: training twice on the same emails gives the same model', () => {
    expect(trainOn(sets[0]!)).toEqual(trainOn(sets[0]!));
  });
});

// Development figures. The targets for a set nobody has seen are 95% of pairs, no weak email at 65+, no
// strong one under 75; leave-one-set-out is the estimate of what a new set will show.
describe('leave-one-set-out: trained on eleven sets, scored on the twelfth', () => {
  it.each([
    ['emails-independent.jsonl', 1764, 1764, 1, 0],
    ['emails-heldout.jsonl', 676, 676, 0, 0],
    ['emails-heldout-3.jsonl', 400, 400, 0, 1],
    ['emails-heldout-4.jsonl', 484, 484, 0, 0],
    ['emails-heldout-5.jsonl', 1296, 1296, 0, 0],
    ['emails-heldout-6.jsonl', 1520, 1520, 0, 0],
    ['emails-heldout-7.jsonl', 1681, 1681, 0, 0],
    ['emails-heldout-8.jsonl', 1599, 1599, 0, 0],
    ['emails-heldout-9.jsonl', 1600, 1600, 0, 0],
    ['emails-heldout-10.jsonl', 1600, 1600, 0, 0],
    ['emails-heldout-11.jsonl', 1600, 1600, 0, 0],
    ['emails-heldout-12.jsonl', 1599, 1599, 0, 0],
  ] as const)('%s: %i of %i pairs right, %i weak at 65+, %i strong under 75', (set, right, pairs, weakHigh, strongLow) => {
    const c = figures.find((f) => f.set === set)!.calibration;
    expect(c.strong * c.weak).toBe(pairs);
    expect(c.pairsRight).toBe(right);
    expect(c.weakAtOrAbove65).toHaveLength(weakHigh);
    expect(c.strongBelow75).toHaveLength(strongLow);
  });
});

// Not just across the lines: how close to them the emails of a set nobody trained on land.
describe('leave-one-set-out margins: weak emails well under 65, strong ones well over 75', () => {
  it('puts 2 of 427 weak emails at 55–64 and 1 at 65+; 2 of 425 strong at 75–79 and 1 under 75', () => {
    const scored = figures.flatMap((f) => f.calibration.scored);
    const weak = scored.filter((e) => e.label === 'weak').map((e) => e.score);
    const strong = scored.filter((e) => e.label === 'strong').map((e) => e.score);
    expect([weak.length, strong.length]).toEqual([427, 425]);
    expect(weak.filter((s) => s >= 55 && s < 65)).toHaveLength(2);
    expect(weak.filter((s) => s >= 65)).toHaveLength(1);
    expect(weak.filter((s) => s < 40)).toHaveLength(418);
    expect(strong.filter((s) => s >= 75 && s < 80)).toHaveLength(2);
    expect(strong.filter((s) => s < 75)).toHaveLength(1);
    expect(strong.filter((s) => s >= 90)).toHaveLength(404);
  });
});

describe('the score mapping, judged out of sample', () => {
  it('has 2 weak emails at 65+ and 2 strong under 75 over the twelve sets, and the same pairs', () => {
    const nested = leaveOneSetOutNested(EMAIL_SETS, folds);
    const sum = (f: (c: (typeof nested)[number]['calibration']) => number) => nested.reduce((a, x) => a + f(x.calibration), 0);
    expect(sum((c) => c.weakAtOrAbove65.length)).toBe(2);
    expect(sum((c) => c.strongBelow75.length)).toBe(2);
    expect(sum((c) => c.pairsRight)).toBe(figures.reduce((a, x) => a + x.calibration.pairsRight, 0));
  });

  it('against 4 weak at 65+ and 0 strong under 75 with the old fixed mapping (even odds at 70)', () => {
    const fixed = folds.map((f) => calibrate(f.emails, f.model));
    expect(fixed.reduce((a, c) => a + c.weakAtOrAbove65.length, 0)).toBe(4);
    expect(fixed.reduce((a, c) => a + c.strongBelow75.length, 0)).toBe(0);
  });
});

// The one ceiling (no outcome and no proof: 64 at most) must not be what keeps a strong email down.
describe('the no-outcome-no-proof ceiling on the labelled sets', () => {
  it('applies to 125 weak emails and to no strong one', () => {
    const capped = all.filter((e) => lacksOutcomeAndProof(checksOf(e)));
    expect(capped.filter((e) => e.label === 'strong').map((e) => e.id)).toEqual([]);
    expect(capped.filter((e) => e.label === 'weak')).toHaveLength(125);
  });
});

describe('the shipped weights on the emails they were trained on (development figures)', () => {
  it('rank 181,475 of 181,475 strong/weak pairs right (100.0%), with 1 weak at 65+ and 1 strong under 75', () => {
    const c = calibrate(all);
    expect({ strong: c.strong, weak: c.weak }).toEqual({ strong: 425, weak: 427 });
    expect(c.pairsRight).toBe(181475);
    expect(c.weakAtOrAbove65).toHaveLength(1);
    expect(c.strongBelow75).toHaveLength(1);
  });
});

// The newest set, still held out: never trained or tuned on. The shipped weights' figures on it are the ones
// measured once (docs/email-rubric.md, "Set 13"); a change to the checks or weights that moves them shows here.
describe('the held-out set 13, scored by the shipped rubric (not a training set)', () => {
  it('ranks 1,452 of 1,482 pairs right (98.0%, target 95%: met), with 3 weak at 65+ and 5 strong under 75 (targets 0: missed)', () => {
    expect(EMAIL_SETS).not.toContain('emails-heldout-13.jsonl');
    const c = calibrate(loadEmails('emails-heldout-13.jsonl'));
    expect({ strong: c.strong, weak: c.weak }).toEqual({ strong: 38, weak: 39 });
    expect(c.pairsRight).toBe(1452);
    expect(c.pairsRight / (c.strong * c.weak)).toBeGreaterThanOrEqual(0.95);
    expect(c.weakAtOrAbove65).toHaveLength(3);
    expect(c.strongBelow75).toHaveLength(5);
    const docs = fs.readFileSync(path.join(root, 'docs/email-rubric.md'), 'utf8').replace(/\s+/g, ' ');
    expect(docs).toContain('**1,452 of 1,482 pairs right (98.0%), 3 weak emails at 65 or more (highest 86), 5 strong under 75 (lowest 3)**');
  });
});

// Each set's one measurement while it was held out, with the weights and checks of its day: history that no
// later change can recompute, so the test holds the record (docs/email-rubric.md) to the sets it describes.
describe('held-out history: each set measured once before anyone tuned on it', () => {
  const docs = fs.readFileSync(path.join(root, 'docs/email-rubric.md'), 'utf8').replace(/\s+/g, ' ');
  it.each([
    ['emails-heldout-5.jsonl', 1181, 1296, '91.1%', 4, 98, 7, 6],
    ['emails-heldout-6.jsonl', 1441, 1520, '94.8%', 7, 97, 3, 6],
    ['emails-heldout-7.jsonl', 1619, 1681, '96.3%', 3, 99, 2, 12],
    ['emails-heldout-8.jsonl', 1560, 1599, '97.6%', 2, 97, 5, 48],
    ['emails-heldout-9.jsonl', 1564, 1600, '97.8%', 2, 98, 1, 38],
    ['emails-heldout-10.jsonl', 1583, 1600, '98.9%', 1, 90, 5, 40],
    ['emails-heldout-11.jsonl', 1559, 1600, '97.4%', 4, 80, 5, 20],
    ['emails-heldout-12.jsonl', 1573, 1599, '98.4%', 1, 80, 4, 22],
  ] as const)(
    '%s: %i of %i pairs right (%s), %i weak at 65+ (highest %i), %i strong under 75 (lowest %i)',
    (set, right, pairs, pct, weakHigh, maxWeak, strongLow, minStrong) => {
      const c = calibrate(loadEmails(set));
      expect(c.strong * c.weak).toBe(pairs);
      expect(EMAIL_SETS).toContain(set);
      const n = (x: number) => x.toLocaleString('en-US');
      expect(docs).toContain(
        `**${n(right)} of ${n(pairs)} pairs right (${pct}), ${weakHigh} weak emails at 65 or more (highest ${maxWeak}), ${strongLow} strong under 75 (lowest ${minStrong})**`,
      );
    },
  );
});
