// The score as weighed evidence: every check's verdict is graded evidence (a fail none, a warn some, a pass
// all), and how much each is worth was learned from labelled emails by logistic regression instead of being
// set by hand. Weights are never negative, so fixing a finding can only raise the score, and there are no
// ceilings: one check the writer phrased in a way we did not recognise costs its weight, not the whole email.
// Training is deterministic (fixed steps from zero), so the same data always gives the same weights.
// Sources and calibration: docs/email-rubric.md.
import type { Check, CheckId, CheckStatus } from './types.ts';

export const CHECK_IDS: readonly CheckId[] = [
  'value_proposition',
  'proof_point',
  'relevance',
  'call_to_action',
  'trigger_link',
  'audience_fit',
  'cliches',
  'follow_up_nag',
  'feature_dump',
  'repetition',
  'spam_words',
  'deceptive_prefix',
  'length',
  'reading_grade',
  'sentence_length',
  'paragraphs',
  'subject',
  'you_focus',
  'shouting',
  'links',
];

/** What a check's verdict is worth, in log-odds that the email is a strong one. */
export interface CheckWeights {
  /** Earned by a warn or a pass: the check is not failed. */
  notFailed: number;
  /** Earned on top by a pass. */
  passed: number;
}

/**
 * Groups of checks that only count fully together: a strong email has all of its substance (value, proof,
 * relevance, the ask), and wastes none of the reader's attention. Each group earns its own weight when none of
 * its checks fails, and more when all pass: the learned, soft form of "one missing piece keeps it from good".
 */
export const CHECK_GROUPS = {
  substance: ['value_proposition', 'proof_point', 'relevance', 'call_to_action'],
  attention: ['trigger_link', 'audience_fit', 'cliches', 'follow_up_nag', 'feature_dump', 'repetition', 'spam_words', 'deceptive_prefix'],
} as const satisfies Record<string, readonly CheckId[]>;
export type CheckGroup = keyof typeof CHECK_GROUPS;
const GROUP_IDS = Object.keys(CHECK_GROUPS) as CheckGroup[];

export interface EvidenceModel {
  intercept: number;
  /** For the substance checks `notFailed` is 0: not failing them is counted by `substanceNotFailed` instead. */
  weights: Record<CheckId, CheckWeights>;
  groups: Record<CheckGroup, CheckWeights>;
  /**
   * Earned when at least 1, 2, 3 of the four substance checks are not failed (all four is the substance group's
   * `notFailed`). The count, not which check, so the labelled emails decide what a second or third failure
   * costs: they say the first missing piece is real evidence and each further one adds little, which bounds
   * what one misreading that fails several checks at once can cost.
   */
  substanceNotFailed: [number, number, number];
  /**
   * How log-odds become the 0–100 score: `100 × σ(scale × logOdds + shift)`. Chosen from the leave-one-set-out
   * predictions (chooseScoreMapping), so the 65 and 75 lines sit in the gap between weak and strong emails the
   * model did not train on. Without it, even odds land on 70.
   */
  mapping?: ScoreMapping;
}

export interface ScoreMapping {
  scale: number;
  shift: number;
}

export interface TrainingEmail {
  checks: Pick<Check, 'id' | 'status'>[];
  strong: boolean;
}

export interface TrainingOptions {
  /** L2 penalty: keeps weights small where the data say little. */
  l2?: number;
  steps?: number;
  learningRate?: number;
}

export const DEFAULT_TRAINING: Required<TrainingOptions> = { l2: 0.01, steps: 4000, learningRate: 0.5 };

/**
 * Where the model is undecided (even odds) the score is 70: between the 65 no weak email may reach and the
 * 75 every strong one should. The score is the model's probability, shifted so that point lands there.
 */
const UNDECIDED_AT_70 = Math.log(0.7 / 0.3);

/** A check that did not apply (no subject given; a follow-up's "Re:") is no evidence against the email. */
function statusIn(checks: Pick<Check, 'id' | 'status'>[], id: CheckId): CheckStatus {
  return checks.find((c) => c.id === id)?.status ?? 'pass';
}

function groupVerdict(checks: Pick<Check, 'id' | 'status'>[], group: CheckGroup): CheckStatus {
  const statuses = CHECK_GROUPS[group].map((id) => statusIn(checks, id));
  return statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
}

const grade = (s: CheckStatus) => [s === 'fail' ? 0 : 1, s === 'pass' ? 1 : 0];
const SUBSTANCE: readonly CheckId[] = ['value_proposition', 'proof_point', 'relevance', 'call_to_action'];

function substanceNotFailed(checks: Pick<Check, 'id' | 'status'>[]): number {
  return SUBSTANCE.filter((id) => statusIn(checks, id) !== 'fail').length;
}

function features(checks: Pick<Check, 'id' | 'status'>[]): number[] {
  const notFailed = substanceNotFailed(checks);
  return [
    // A substance check's own "not failed" is no feature (always 0, so its weight stays 0): the count below holds it.
    ...CHECK_IDS.flatMap((id) => {
      const [notFailedFeature, passed] = grade(statusIn(checks, id));
      return [SUBSTANCE.includes(id) ? 0 : notFailedFeature!, passed!];
    }),
    ...GROUP_IDS.flatMap((g) => grade(groupVerdict(checks, g))),
    ...[1, 2, 3].map((k) => (notFailed >= k ? 1 : 0)),
  ];
}

/** Fits the evidence weights by projected gradient descent on the log-loss (weights kept ≥ 0). */
export function trainEvidenceModel(emails: TrainingEmail[], options: TrainingOptions = {}): EvidenceModel {
  if (emails.length === 0) throw new Error('trainEvidenceModel needs labelled emails');
  const { l2, steps, learningRate } = { ...DEFAULT_TRAINING, ...options };
  const X = emails.map((e) => features(e.checks));
  const y = emails.map((e) => (e.strong ? 1 : 0));
  const n = X.length;
  const m = X[0]!.length;
  const w = new Array<number>(m).fill(0);
  let b = 0;
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(m).fill(0);
    let gradB = 0;
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      let z = b;
      for (let j = 0; j < m; j++) z += w[j]! * x[j]!;
      const err = 1 / (1 + Math.exp(-z)) - y[i]!;
      gradB += err / n;
      for (let j = 0; j < m; j++) grad[j]! += (err * x[j]!) / n;
    }
    for (let j = 0; j < m; j++) w[j] = Math.max(0, w[j]! - learningRate * (grad[j]! + l2 * w[j]!));
    b -= learningRate * gradB;
  }
  const weights = Object.fromEntries(CHECK_IDS.map((id, k) => [id, { notFailed: w[2 * k]!, passed: w[2 * k + 1]! }])) as Record<CheckId, CheckWeights>;
  const groups = Object.fromEntries(
    GROUP_IDS.map((g, k) => [g, { notFailed: w[2 * (CHECK_IDS.length + k)]!, passed: w[2 * (CHECK_IDS.length + k) + 1]! }]),
  ) as Record<CheckGroup, CheckWeights>;
  const at = 2 * (CHECK_IDS.length + GROUP_IDS.length);
  return { intercept: b, weights, groups, substanceNotFailed: [w[at]!, w[at + 1]!, w[at + 2]!] };
}

/** The model's log-odds that an email with these verdicts is a strong one. */
export function logOdds(model: EvidenceModel, checks: Pick<Check, 'id' | 'status'>[]): number {
  const earn = (s: CheckStatus, w: CheckWeights) => (s === 'fail' ? 0 : w.notFailed) + (s === 'pass' ? w.passed : 0);
  let z = model.intercept;
  for (const id of CHECK_IDS) z += earn(statusIn(checks, id), model.weights[id]);
  for (const g of GROUP_IDS) z += earn(groupVerdict(checks, g), model.groups[g]);
  const notFailed = substanceNotFailed(checks);
  model.substanceNotFailed.forEach((w, k) => {
    if (notFailed >= k + 1) z += w;
  });
  return z;
}

/** 0–100 from log-odds: the model's probability that the email is strong, mapped by `model.mapping`. */
export function scoreFromLogOdds(model: Pick<EvidenceModel, 'mapping'>, z: number): number {
  const { scale, shift } = model.mapping ?? { scale: 1, shift: UNDECIDED_AT_70 };
  return Math.round(100 / (1 + Math.exp(-(scale * z + shift))));
}

/** The highest score an email with no outcome and no proof can get: under the 65 no weak email should reach. */
export const NO_OUTCOME_NO_PROOF_CEILING = 64;

/**
 * No concrete outcome (the value proposition does not pass) and no proof (the proof point fails, or finds only a claim
 * nobody can check, customers named without a result, or a figure that measures nothing): nothing
 * says what changes for the reader or shows it changed for anyone, so however well the email reads them it gives
 * no reason to reply (docs/email-rubric.md, "After set 12"). The one ceiling: weights alone let a relevant trigger
 * and a clean ask carry such an email past 65.
 */
export function lacksOutcomeAndProof(checks: (Pick<Check, 'id' | 'status'> & { measured?: Check['measured'] })[]): boolean {
  if (statusIn(checks, 'value_proposition') === 'pass') return false;
  const proof = checks.find((c) => c.id === 'proof_point');
  // A claim nobody can check, customers named with no result and a figure that measures nothing are no proof either.
  return statusIn(checks, 'proof_point') === 'fail' || (proof?.status === 'warn' && NOT_PROOF.has(String(proof.measured)));
}
const NOT_PROOF = new Set(['a claim nobody can check', 'a customer named without a result', 'a number that measures nothing']);

/** 0–100: the model's probability that the email is strong, with the thresholds placed by `model.mapping`. */
export function evidenceScore(model: EvidenceModel, checks: (Pick<Check, 'id' | 'status'> & { measured?: Check['measured'] })[]): number {
  const score = scoreFromLogOdds(model, logOdds(model, checks));
  return lacksOutcomeAndProof(checks) ? Math.min(score, NO_OUTCOME_NO_PROOF_CEILING) : score;
}

/**
 * The score mapping that puts the thresholds in the gap: over log-odds predicted for emails the model was not
 * trained on (leave-one-set-out), the fewest weak emails at 65+ plus strong ones under 75 **that still hold when the
 * shift moves by up to ±0.1** (about two points either way at the lines): a mapping that wins one email on a single
 * knife-edge shift is not robust to the next set. Among those, the least stretch (scale from 1 up to 2, in tenths),
 * and the shift in the middle of the range that achieves it, so neither line hugs the nearest email. Deterministic: a
 * fixed grid.
 */
export function chooseScoreMapping(predictions: { logOdds: number; strong: boolean; capped?: boolean }[]): ScoreMapping {
  const misses = (m: ScoreMapping) =>
    predictions.filter((p) => {
      // The mapping is judged on the scores the emails really get, the ceiling included.
      const mapped = scoreFromLogOdds({ mapping: m }, p.logOdds);
      const score = p.capped ? Math.min(mapped, NO_OUTCOME_NO_PROOF_CEILING) : mapped;
      return p.strong ? score < 75 : score >= 65;
    }).length;
  const SHIFTS = Array.from({ length: 501 }, (_, j) => (j - 200) / 100);
  const SLACK = 10; // ±0.1 in steps of 0.01
  let best: { scale: number; shifts: number[]; misses: number } | undefined;
  for (let k = 10; k <= 20; k++) {
    const scale = k / 10;
    const counts = SHIFTS.map((shift) => misses({ scale, shift }));
    // The worst count within the slack around each shift (the grid's ends count as far as it goes).
    const robust = counts.map((_, j) => Math.max(...counts.slice(Math.max(0, j - SLACK), j + SLACK + 1)));
    const fewest = Math.min(...robust);
    const shifts = SHIFTS.filter((_, j) => robust[j] === fewest);
    if (!best || fewest < best.misses) best = { scale, shifts, misses: fewest };
  }
  // The middle of the first contiguous run of best shifts.
  const { shifts } = best!;
  let end = 0;
  while (end + 1 < shifts.length && Math.round((shifts[end + 1]! - shifts[end]!) * 100) === 1) end++;
  const shift = Math.round(((shifts[0]! + shifts[end]!) / 2) * 100) / 100;
  return { scale: best!.scale, shift };
}

/** The score this email would get with one check's verdict changed, everything else as it is. */
export function scoreWithVerdict(model: EvidenceModel, checks: Pick<Check, 'id' | 'status'>[], id: CheckId, status: CheckStatus): number {
  return evidenceScore(
    model,
    checks.map((c) => (c.id === id ? { id, status } : c)),
  );
}
