// Calibration of the email rubric on labelled emails written by people who had not read the rubric, and the
// training of the score's evidence weights on them (core/email/evidence-model.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHECK_IDS,
  chooseScoreMapping,
  type EvidenceModel,
  evidenceScore,
  lacksOutcomeAndProof,
  logOdds,
  trainEvidenceModel,
} from '../../core/email/evidence-model.ts';
import { runChecks } from '../../core/email/rubric.ts';
import { RUBRIC_MODEL } from '../../core/email/rubric-weights.ts';
import type { Check } from '../../core/email/types.ts';

export interface LabelledEmail {
  id: string;
  label: 'strong' | 'weak';
  /** Optional in a new set: without it the subject checks do not apply. */
  subject?: string;
  body: string;
  reasons: string[];
  kind: string;
  split: string;
}

export interface ScoredEmail extends LabelledEmail {
  score: number;
}

export interface Calibration {
  strong: number;
  weak: number;
  /** Share of (strong, weak) pairs where the strong email scores strictly higher. */
  pairwiseAccuracy: number;
  /** How many of those pairs. */
  pairsRight: number;
  weakAtOrAbove65: ScoredEmail[];
  strongBelow75: ScoredEmail[];
  minStrong: number;
  maxWeak: number;
  /** Every email with its score: how far from the lines they land, not just which side. */
  scored: ScoredEmail[];
}

const DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The labelled sets, each written by a different helper who had not read the rubric, in the order they were
 * written. Each was held out until it was measured once; after that it became development data.
 */
export const EMAIL_SETS = [
  'emails-independent.jsonl',
  'emails-heldout.jsonl',
  'emails-heldout-3.jsonl',
  'emails-heldout-4.jsonl',
  'emails-heldout-5.jsonl',
  'emails-heldout-6.jsonl',
  'emails-heldout-7.jsonl',
  'emails-heldout-8.jsonl',
  'emails-heldout-9.jsonl',
  'emails-heldout-10.jsonl',
  'emails-heldout-11.jsonl',
  'emails-heldout-12.jsonl',
] as const;

/** Reads a labelled set: a file name in test/eval/ or a path to one anywhere (a new set to measure). */
export function loadEmails(file: string, split?: string): LabelledEmail[] {
  const full = path.isAbsolute(file) ? file : path.join(DIR, file);
  if (!fs.existsSync(full)) throw new Error(`no labelled set at ${full}`);
  return fs
    .readFileSync(full, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      const e = JSON.parse(line) as LabelledEmail;
      // A new set may come from anyone: say which line is unusable rather than scoring it wrong.
      if ((e.label !== 'strong' && e.label !== 'weak') || typeof e.body !== 'string' || !e.body.trim()) {
        throw new Error(`${path.basename(full)} line ${n}: needs "label" (strong or weak) and a non-empty "body"`);
      }
      return { ...e, subject: typeof e.subject === 'string' ? e.subject : undefined, reasons: e.reasons ?? [] };
    })
    .filter((e) => split === undefined || e.split === split);
}

const checksCache = new Map<string, Check[]>();

/** The rubric's verdicts on a labelled email (no lead facts: the writers gave none). */
export function checksOf(e: LabelledEmail): Check[] {
  const key = `${e.subject ?? ''}\u0000${e.body}`;
  let checks = checksCache.get(key);
  if (!checks) {
    checks = runChecks({ subject: e.subject, body: e.body }).results.map((r) => r.check);
    checksCache.set(key, checks);
  }
  return checks;
}

/** The evidence weights learned from these emails. */
export function trainOn(emails: LabelledEmail[]): EvidenceModel {
  return trainEvidenceModel(emails.map((e) => ({ checks: checksOf(e), strong: e.label === 'strong' })));
}

export function calibrate(emails: LabelledEmail[], model: EvidenceModel = RUBRIC_MODEL): Calibration {
  const scored: ScoredEmail[] = emails.map((e) => ({ ...e, score: evidenceScore(model, checksOf(e)) }));
  const strong = scored.filter((e) => e.label === 'strong');
  const weak = scored.filter((e) => e.label === 'weak');
  let right = 0;
  for (const s of strong) for (const w of weak) if (s.score > w.score) right++;
  return {
    strong: strong.length,
    weak: weak.length,
    pairwiseAccuracy: right / (strong.length * weak.length),
    pairsRight: right,
    weakAtOrAbove65: weak.filter((e) => e.score >= 65),
    strongBelow75: strong.filter((e) => e.score < 75),
    minStrong: Math.min(...strong.map((e) => e.score)),
    maxWeak: Math.max(...weak.map((e) => e.score)),
    scored,
  };
}

/** For each set, the log-odds of its emails from a model trained on the other sets: predictions on unseen writers. */
export function leaveOneSetOutPredictions(sets: readonly string[] = EMAIL_SETS) {
  const loaded = sets.map((f) => loadEmails(f));
  return sets.map((set, k) => {
    const model = trainOn(loaded.filter((_, j) => j !== k).flat());
    return { set, model, emails: loaded[k]!, logOdds: loaded[k]!.map((e) => logOdds(model, checksOf(e))) };
  });
}

/**
 * For each set: train on the other sets, score this one, with the score mapping chosen from all the
 * leave-one-set-out predictions (the shipped mapping). The honest figure for a set nobody has seen yet, but for
 * the mapping: its two numbers are chosen on these same predictions.
 */
export function leaveOneSetOut(sets: readonly string[] = EMAIL_SETS, folds = leaveOneSetOutPredictions(sets)): { set: string; calibration: Calibration }[] {
  const mapping = mappingFrom(folds);
  return folds.map(({ set, model, emails }) => ({ set, calibration: calibrate(emails, { ...model, mapping }) }));
}

/**
 * The same, with the score mapping chosen without the set it scores (from the other sets' leave-one-set-out
 * predictions only): the honest figure for the mapping, which the plain one chooses on the predictions it judges.
 */
export function leaveOneSetOutNested(
  sets: readonly string[] = EMAIL_SETS,
  folds = leaveOneSetOutPredictions(sets),
): { set: string; calibration: Calibration }[] {
  return folds.map(({ set, model, emails }) => {
    const mapping = mappingFrom(folds.filter((f) => f.set !== set));
    return { set, calibration: calibrate(emails, { ...model, mapping }) };
  });
}

function mappingFrom(folds: ReturnType<typeof leaveOneSetOutPredictions>) {
  return chooseScoreMapping(
    folds.flatMap((f) => f.emails.map((e, i) => ({ logOdds: f.logOdds[i]!, strong: e.label === 'strong', capped: lacksOutcomeAndProof(checksOf(e)) }))),
  );
}

/** The shipped model: weights trained on every set, the score mapping chosen from leave-one-set-out predictions. */
export function trainShipped(sets: readonly string[] = EMAIL_SETS): EvidenceModel {
  const model = trainOn(sets.flatMap((f) => loadEmails(f)));
  return { ...model, mapping: mappingFrom(leaveOneSetOutPredictions(sets)) };
}

/** One line per figure, for the script and for a report. */
export function describeCalibration(name: string, c: Calibration): string {
  const pct = (100 * c.pairwiseAccuracy).toFixed(1);
  return `${name}: ${c.pairsRight} of ${c.strong * c.weak} pairs right (${pct}%), ${c.weakAtOrAbove65.length} weak at 65+, ${c.strongBelow75.length} strong under 75 (highest weak ${c.maxWeak}, lowest strong ${c.minStrong})`;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The model as the weights module stores it (four decimals): what the shipped score really uses. */
export function roundedModel(model: EvidenceModel): EvidenceModel {
  const pair = (w: { notFailed: number; passed: number }) => ({ notFailed: round(w.notFailed), passed: round(w.passed) });
  return {
    intercept: round(model.intercept),
    weights: Object.fromEntries(Object.entries(model.weights).map(([k, w]) => [k, pair(w)])) as EvidenceModel['weights'],
    groups: Object.fromEntries(Object.entries(model.groups).map(([k, w]) => [k, pair(w)])) as EvidenceModel['groups'],
    substanceNotFailed: model.substanceNotFailed.map(round) as EvidenceModel['substanceNotFailed'],
    ...(model.mapping ? { mapping: { scale: round(model.mapping.scale), shift: round(model.mapping.shift) } } : {}),
  };
}

/** core/email/rubric-weights.ts as the training script writes it. */
export function renderWeightsModule(model: EvidenceModel, sets: readonly string[] = EMAIL_SETS): string {
  const lines = CHECK_IDS.map((id) => `    ${id}: { notFailed: ${round(model.weights[id].notFailed)}, passed: ${round(model.weights[id].passed)} },`);
  return [
    '// Generated by `npm run train:email-rubric` (scripts/train-email-rubric.ts): the evidence weights learned from',
    `// the labelled emails in test/eval/ (${sets.join(', ')}).`,
    '// Do not edit by hand; test/eval/calibration.test.ts checks these are what training on those sets gives.',
    "import type { EvidenceModel } from './evidence-model.ts';",
    '',
    'export const RUBRIC_MODEL: EvidenceModel = {',
    `  intercept: ${round(model.intercept)},`,
    '  weights: {',
    ...lines,
    '  },',
    '  groups: {',
    ...Object.entries(model.groups).map(([g, w]) => `    ${g}: { notFailed: ${round(w.notFailed)}, passed: ${round(w.passed)} },`),
    '  },',
    `  substanceNotFailed: [${model.substanceNotFailed.map(round).join(', ')}],`,
    ...(model.mapping ? [`  mapping: { scale: ${round(model.mapping.scale)}, shift: ${round(model.mapping.shift)} },`] : []),
    '};',
    '',
  ].join('\n');
}
