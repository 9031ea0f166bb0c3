// roastEmail's deterministic core: scores a cold email for substance first (value, proof, relevance, one
// clear ask), then for what wastes attention (clichés, nagging, feature dumps, stuffing, spam) and for form
// (length, reading level, subject). Weights sum to 100 when every check applies; warn earns half credit; a
// fail on a blocking check caps the score. Sources and calibration: docs/email-rubric.md.
import { ValidationError } from '../errors.ts';
import { type EmailContext } from './checks/context.ts';
import { checkCallToAction } from './checks/ask.ts';
import { checkYouFocus } from './checks/engagement.ts';
import { checkLinks, checkShouting, checkSpamWords } from './checks/hygiene.ts';
import { checkLength, checkParagraphs, checkReadingGrade, checkSentenceLength } from './checks/length.ts';
import { checkRelevance } from './checks/relevance.ts';
import { checkProofPoint, checkValueProposition } from './checks/substance.ts';
import { checkCliches, checkFeatureDump, checkFollowUpNag, checkRepetition } from './checks/tone.ts';
import { checkDeceptivePrefix, checkSubject, subjectApplies } from './checks/subject.ts';
import { analyseEmail, refersToEarlierEmail } from './structure.ts';
import type { Check, CheckId, CheckResult, CheckStatus, EmailScore, EmailToScore, Grade } from './types.ts';

const CREDIT: Record<CheckStatus, number> = { pass: 1, warn: 0.5, fail: 0 };

/**
 * Weight of each check (sum 100) and, for blocking checks, the most a failing email can score. Substance
 * carries most of the weight: a short, tidy email that says nothing must not outscore a specific one.
 */
export const RUBRIC: Record<CheckId, { weight: number; ceiling?: number; warnCeiling?: number }> = {
  value_proposition: { weight: 16, ceiling: 60 },
  // Without a result anyone can check, an email may be fine but not good: a warn here caps it below "good".
  proof_point: { weight: 13, ceiling: 60, warnCeiling: 64 },
  relevance: { weight: 15, ceiling: 60 },
  call_to_action: { weight: 13, ceiling: 60 },
  cliches: { weight: 6, ceiling: 60 },
  follow_up_nag: { weight: 4, ceiling: 50 },
  feature_dump: { weight: 4, ceiling: 60 },
  repetition: { weight: 4, ceiling: 60 },
  spam_words: { weight: 4, ceiling: 60 },
  deceptive_prefix: { weight: 2, ceiling: 60 },
  length: { weight: 5, ceiling: 60 },
  reading_grade: { weight: 4 },
  sentence_length: { weight: 2 },
  paragraphs: { weight: 1 },
  subject: { weight: 2 },
  you_focus: { weight: 2 },
  shouting: { weight: 2 },
  links: { weight: 1 },
};

export function gradeFor(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

export function scoreEmail(email: EmailToScore): EmailScore {
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
    checkCliches(ctx),
    checkFollowUpNag(ctx),
    checkFeatureDump(ctx),
    checkRepetition(ctx),
    checkYouFocus(ctx),
    checkSpamWords(ctx),
    checkShouting(ctx),
    checkLinks(ctx),
  ];
  for (const r of results) {
    const rule = RUBRIC[r.check.id];
    r.check.weight = rule.weight;
    if (rule.ceiling !== undefined && r.check.status === 'fail') r.check.ceiling = rule.ceiling;
    // A follow-up's job is something new (a benchmark, a trigger), not the pitch again: only a first touch
    // must carry a checkable result to rank as good.
    if (rule.warnCeiling !== undefined && r.check.status === 'warn' && ctx.isFirstTouch) r.check.ceiling = rule.warnCeiling;
  }
  const checks = results.map((r) => r.check);
  const total = checks.reduce((sum, c) => sum + c.weight, 0);
  const earned = checks.reduce((sum, c) => sum + c.weight * CREDIT[c.status], 0);
  const cap = Math.min(100, ...checks.filter((c) => c.ceiling !== undefined).map((c) => c.ceiling!));
  const score = Math.min(cap, Math.round((100 * earned) / total));
  const grade = gradeFor(score);
  return { score, grade, wordCount: ctx.structure.words.length, checks, summary: summarise(score, grade, results) };
}

/** Failed and warned checks, the ones costing the most points first: what a renderer lists. */
export function checksNeedingWork(score: EmailScore): Check[] {
  return score.checks.filter((c) => c.status !== 'pass').sort((a, b) => pointsLost(b) - pointsLost(a));
}

function pointsLost(c: Check): number {
  return c.weight * (1 - CREDIT[c.status]);
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
    if (CREDIT[c.status] > CREDIT[was] && c.status === 'pass') fixed.push(c.id);
    else if (CREDIT[c.status] < CREDIT[was]) regressed.push(c.id);
  }
  return { before: before.score, after: after.score, change: after.score - before.score, fixed, regressed };
}
