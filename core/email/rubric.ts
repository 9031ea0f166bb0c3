// roastEmail's deterministic core: scores a cold email for substance first (value, proof, relevance, one
// clear ask), then for what wastes attention (clichés, nagging, feature dumps, stuffing, spam) and for form
// (length, reading level, subject). Each check gives a verdict with quoted evidence and advice; the score
// weighs the verdicts with weights learned from labelled emails (evidence-model.ts, rubric-weights.ts).
// Sources and calibration: docs/email-rubric.md.
import { ValidationError } from '../errors.ts';
import { type EmailContext } from './checks/context.ts';
import { checkCallToAction } from './checks/ask.ts';
import { checkYouFocus } from './checks/engagement.ts';
import { checkLinks, checkShouting, checkSpamWords } from './checks/hygiene.ts';
import { checkLength, checkParagraphs, checkReadingGrade, checkSentenceLength } from './checks/length.ts';
import { checkAudienceFit, checkTriggerLink } from './checks/meaning.ts';
import { checkRelevance } from './checks/relevance.ts';
import { checkProofPoint, checkValueProposition } from './checks/substance.ts';
import { checkCliches, checkFeatureDump, checkFollowUpNag, checkRepetition } from './checks/tone.ts';
import { checkDeceptivePrefix, checkSubject, subjectApplies } from './checks/subject.ts';
import { analyseEmail, refersToEarlierEmail } from './structure.ts';
import { type EvidenceModel, evidenceScore, logOdds, scoreWithVerdict } from './evidence-model.ts';
import { RUBRIC_MODEL } from './rubric-weights.ts';
import type { Check, CheckResult, EmailScore, EmailToScore, Grade } from './types.ts';

export function gradeFor(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/** Every check's verdict on the email, before any weighing: what the score and the card are built from. */
export function runChecks(email: EmailToScore): { results: CheckResult[]; wordCount: number } {
  if (typeof email?.body !== 'string') throw new ValidationError('The email to score needs a body (text).');
  if (!email.body.trim()) throw new ValidationError('The email body is empty: paste the email text to score.');
  if (email.subject !== undefined && typeof email.subject !== 'string') {
    throw new ValidationError('The subject must be text.');
  }

  const ctx: EmailContext = {
    subject: email.subject,
    // Unless told, an email that refers to the sender's earlier one is a follow-up ("my note last week").
    isFirstTouch: email.isFirstTouch ?? !refersToEarlierEmail(email.body),
    lead: email.lead,
    structure: analyseEmail(email.body),
  };
  const results: CheckResult[] = [
    checkLength(ctx),
    checkReadingGrade(ctx),
    checkSentenceLength(ctx),
    checkParagraphs(ctx),
    ...(subjectApplies(ctx) ? [checkSubject(ctx)] : []),
    ...(ctx.isFirstTouch && ctx.subject?.trim() ? [checkDeceptivePrefix(ctx)] : []),
    checkValueProposition(ctx),
    checkProofPoint(ctx),
    checkRelevance(ctx),
    checkCallToAction(ctx),
    checkTriggerLink(ctx),
    checkAudienceFit(ctx),
    checkCliches(ctx),
    checkFollowUpNag(ctx),
    checkFeatureDump(ctx),
    checkRepetition(ctx),
    checkYouFocus(ctx),
    checkSpamWords(ctx),
    checkShouting(ctx),
    checkLinks(ctx),
  ];
  return { results, wordCount: ctx.structure.words.length };
}

// The log-odds each check would add by passing: the same order as the points it would add, without the ties
// that rounding makes near the ends of the scale (where one fix moves few points).
const evidenceToGain = new WeakMap<Check, number>();

/** Scores an email 0–100 with the shipped weights (or another model, for leave-one-set-out evaluation). */
export function scoreEmail(email: EmailToScore, model: EvidenceModel = RUBRIC_MODEL): EmailScore {
  const { results, wordCount } = runChecks(email);
  const checks = results.map((r) => r.check);
  const score = evidenceScore(model, checks);
  const withVerdict = (id: Check['id'], status: Check['status']) => checks.map((c) => (c.id === id ? { id, status } : c));
  for (const c of checks) {
    // How much this check counts here (log-odds between failing and passing it, ×10), and what fixing it adds.
    c.weight = Math.round(10 * (logOdds(model, withVerdict(c.id, 'pass')) - logOdds(model, withVerdict(c.id, 'fail'))));
    c.pointsToGain = scoreWithVerdict(model, checks, c.id, 'pass') - score;
    evidenceToGain.set(c, logOdds(model, withVerdict(c.id, 'pass')) - logOdds(model, checks));
  }
  const grade = gradeFor(score);
  return { score, grade, wordCount, checks, summary: summarise(score, grade, results) };
}

/** Failed and warned checks, the ones costing the most points first: what a renderer lists. */
export function checksNeedingWork(score: EmailScore): Check[] {
  return score.checks.filter((c) => c.status !== 'pass').sort((a, b) => pointsLost(b) - pointsLost(a));
}

function pointsLost(c: Check): number {
  return evidenceToGain.get(c) ?? c.pointsToGain ?? 0;
}

function summarise(score: number, grade: Grade, results: CheckResult[]): string {
  const problems = results
    .filter((r) => r.check.status !== 'pass' && r.problem)
    .sort((a, b) => pointsLost(b.check) - pointsLost(a.check))
    .slice(0, 3)
    .map((r) => r.problem!);
  const head = `Scored ${score}/100 (${grade})`;
  if (problems.length === 0) return `${head}: no problems found, ready to send.`;
  return `${head}: ${joinList(problems)}.`;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const RANK: Record<Check['status'], number> = { fail: 0, warn: 1, pass: 2 };

export interface ScoreComparison {
  before: number;
  after: number;
  change: number;
  /** Checks that were warn/fail before and pass now. */
  fixed: Check['id'][];
  /** Checks that got worse. */
  regressed: Check['id'][];
}

/** Before/after view of a rewrite, for the roast card. */
export function compareScores(before: EmailScore, after: EmailScore): ScoreComparison {
  const prior = new Map(before.checks.map((c) => [c.id, c.status]));
  const fixed: Check['id'][] = [];
  const regressed: Check['id'][] = [];
  for (const c of after.checks) {
    const was = prior.get(c.id);
    if (!was) continue;
    if (RANK[c.status] > RANK[was] && c.status === 'pass') fixed.push(c.id);
    else if (RANK[c.status] < RANK[was]) regressed.push(c.id);
  }
  return { before: before.score, after: after.score, change: after.score - before.score, fixed, regressed };
}
