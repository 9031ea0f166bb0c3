import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.ts';
import { evidenceScore, scoreWithVerdict } from '../../../core/email/evidence-model.ts';
import { checksNeedingWork, compareScores, gradeFor, scoreEmail } from '../../../core/email/rubric.ts';
import { RUBRIC_MODEL } from '../../../core/email/rubric-weights.ts';
import type { CheckId } from '../../../core/email/types.ts';
import { STRONG, WEAK } from './fixtures.ts';

describe('scoreEmail', () => {
  it('scores a strong personalised email at least 30 points above a long, spammy, I-focused one', () => {
    const strong = scoreEmail(STRONG);
    const weak = scoreEmail(WEAK);
    expect(strong.score).toBeGreaterThanOrEqual(90);
    expect(weak.wordCount).toBeGreaterThan(150);
    expect(strong.score - weak.score).toBeGreaterThanOrEqual(30);
  });

  // The cases the issue measured: surface-polished emails that say nothing must land below 65, and a
  // specific email with an unusual ask must land above 75.
  it.each([
    ['content-free two-liner', 'Quick idea', 'Hi Sam,\n\nNoticed your team uses HubSpot. Teams like yours save time with us.\n\nQuick chat?\n\nBest,\nAl'],
    [
      'company-name repeater',
      'Acme + us',
      'Hi Sam,\n\nI have been following Acme for a while. Acme is doing great things, and teams like Acme love us. I think Acme and our company are a great fit.\n\nWould you be open to a chat?\n\nBest,\nAl',
    ],
    ['"just following up" nag', 'Following up', 'Hi Sam,\n\nJust following up on my last emails. Did you get a chance to read them?\n\nLet me know.\n\nAl'],
    [
      'all cliché',
      'Introduction',
      'Hi Sam,\n\nI hope this email finds you well. We are a leading provider of innovative solutions and we have many features that help businesses like yours. Let me know if interested.\n\nBest,\nAl',
    ],
  ])('scores a %s below 65', (_name, subject, body) => {
    expect(scoreEmail({ subject, body }).score).toBeLessThan(65);
  });

  it('scores a specific email (hiring trigger, proof point, an ask outside any phrase list) at 75 or more', () => {
    const s = scoreEmail({
      subject: 'Your two SOC roles',
      body: 'Hi Farid,\n\nSaw Orchard CU is hiring two SOC analysts; the posting says "high alert volume".\n\nWe triage staff phishing reports and escalate only the real ones. Riverbend FCU cut phishing triage from 25 hours a week to 4.\n\nShould I run it on last month\'s reported mail and show you the numbers?\n\nLaura',
    });
    expect(s.score).toBeGreaterThanOrEqual(75);
  });

  it('gives the strong email an A with every check passing', () => {
    const s = scoreEmail(STRONG);
    expect(s.grade).toBe('A');
    expect(s.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(s.score).toBeGreaterThanOrEqual(95);
    expect(s.summary).toBe(`Scored ${s.score}/100 (A): no problems found, ready to send.`);
  });

  it('fails the weak email on length, the ask, spam, the fake RE:, relevance and clichés', () => {
    const byId = Object.fromEntries(scoreEmail(WEAK).checks.map((c) => [c.id, c.status]));
    for (const id of ['length', 'call_to_action', 'spam_words', 'deceptive_prefix', 'relevance', 'cliches', 'subject']) {
      expect(byId[id], id).toBe('fail');
    }
  });

  it('names the score, grade and the costliest problems in one summary sentence', () => {
    const s = scoreEmail(WEAK);
    expect(s.summary).toMatch(/^Scored \d+\/100 \(F\): /);
    // The costliest finding leads: the one whose fix the learned weights value most.
    expect(s.summary).toContain('(F): nothing specific about the prospect');
    expect(s.summary.endsWith('.')).toBe(true);
  });

  it("weighs each check's verdict with the learned evidence weights: the score is the model's, and each check says what it is worth", () => {
    const s = scoreEmail(STRONG);
    expect(s.score).toBe(evidenceScore(RUBRIC_MODEL, s.checks));
    // The same email with a six-word subject: the subject warns; it costs what the model says it is worth, never more.
    const wordy = scoreEmail({ ...STRONG, subject: 'A quick idea about your SDR ramp tips' });
    const subject = wordy.checks.find((c) => c.id === 'subject')!;
    expect(subject.status).not.toBe('pass');
    expect(wordy.score).toBe(s.score - subject.pointsToGain!);
    for (const c of s.checks) expect(c.pointsToGain, c.id).toBe(0);
  });

  it('gives an email that passes every check 95 or more (an A), and one that fails every check 0', () => {
    expect(evidenceScore(RUBRIC_MODEL, [])).toBeGreaterThanOrEqual(95);
    const ids = Object.keys(RUBRIC_MODEL.weights) as CheckId[];
    expect(
      evidenceScore(
        RUBRIC_MODEL,
        ids.map((id) => ({ id, status: 'fail' as const })),
      ),
    ).toBe(0);
  });

  it('counts failed substance checks, not which: a second failure costs less than the first', () => {
    const substance = ['value_proposition', 'proof_point', 'relevance', 'call_to_action'] as const;
    const failing = (ids: readonly CheckId[]) => ids.map((id) => ({ id, status: 'fail' as const }));
    // A perfect email missing one piece of substance drops from 99 to the 40s–70s: one missing piece is evidence.
    // Proof, relevance or the ask missing takes it under 75; a missing value proposition costs least (weak emails
    // pass it with generic "we help" lines, so the labelled emails give it little weight) but still takes it out of
    // the A band.
    for (const id of substance) expect(evidenceScore(RUBRIC_MODEL, failing([id])), id).toBeLessThan(id === 'value_proposition' ? 90 : 75);
    // The substance checks' own "not failed" weight is 0; the count holds it, so the same verdicts score the same
    // whichever check a misreading failed, apart from each check's "passed" weight.
    for (const id of substance) expect(RUBRIC_MODEL.weights[id].notFailed, id).toBe(0);
    const loss = (n: number) =>
      evidenceScore(RUBRIC_MODEL, failing(substance.slice(1, 1 + n - 1))) - evidenceScore(RUBRIC_MODEL, failing(substance.slice(1, 1 + n)));
    expect(loss(2)).toBeLessThan(loss(1));
    // Two substance checks failed by one misreading leave a perfect email above 0 (3 with the twelve sets' mapping,
    // 1.5 × logOdds; 7 with set 11's, 1.2 ×; 8 with set 10's, 1.1 ×): learned, not guaranteed, since the labelled weak
    // emails that fail proof and relevance together are many; never the floor a ceiling would set.
    for (const a of substance)
      for (const b of substance) if (a < b) expect(evidenceScore(RUBRIC_MODEL, failing([a, b])), `${a}+${b}`).toBeGreaterThanOrEqual(2);
  });

  it('never lowers the score when a finding is fixed: every weight is zero or more', () => {
    for (const w of [...Object.values(RUBRIC_MODEL.weights), ...Object.values(RUBRIC_MODEL.groups)]) {
      expect(w.notFailed).toBeGreaterThanOrEqual(0);
      expect(w.passed).toBeGreaterThanOrEqual(0);
    }
    for (const w of RUBRIC_MODEL.substanceNotFailed) expect(w).toBeGreaterThanOrEqual(0);
    const weak = scoreEmail(WEAK);
    for (const c of weak.checks.filter((x) => x.status !== 'pass')) {
      expect(scoreWithVerdict(RUBRIC_MODEL, weak.checks, c.id, 'pass'), c.id).toBeGreaterThanOrEqual(weak.score);
      expect(c.pointsToGain, c.id).toBe(scoreWithVerdict(RUBRIC_MODEL, weak.checks, c.id, 'pass') - weak.score);
    }
  });

  it('keeps an email without a checkable result below an otherwise identical one with a named, measured result', () => {
    const plain = scoreEmail({
      ...STRONG,
      body: STRONG.body.replace('Brightline cut ramp from 90 days to 45 that way.', 'Most teams cut ramp from 90 days to 45 that way.'),
    });
    const proof = plain.checks.find((c) => c.id === 'proof_point')!;
    expect(proof.status).toBe('warn');
    expect(proof.pointsToGain).toBeGreaterThan(0);
    expect(plain.score).toBeLessThan(scoreEmail(STRONG).score);
  });

  it('takes points off a polished email with no ask and says exactly what the ask would add', () => {
    const noAsk = scoreEmail({ ...STRONG, body: STRONG.body.replace('Would you be open to a quick look?', 'Talk soon.') });
    const ask = noAsk.checks.find((c) => c.id === 'call_to_action')!;
    expect(ask.status).toBe('fail');
    expect(ask.pointsToGain).toBeGreaterThanOrEqual(10);
    expect(noAsk.score + ask.pointsToGain!).toBe(scoreEmail(STRONG).score);
    expect(checksNeedingWork(noAsk)[0]?.id).toBe('call_to_action');
  });

  it('counts an offer to send or run something as the one ask', () => {
    const offer = scoreEmail({
      ...STRONG,
      body: STRONG.body.replace('Would you be open to a quick look?', "If you send me one rep's call list, I'll run a practice session on it."),
    });
    expect(offer.checks.find((c) => c.id === 'call_to_action')).toMatchObject({ status: 'pass', measured: '1 ask (offer)' });
    // The negative half: a claim about what we can do is not an offer of a next step.
    const claim = scoreEmail({ ...STRONG, body: STRONG.body.replace('Would you be open to a quick look?', 'We can help you cut ramp time.') });
    expect(claim.checks.find((c) => c.id === 'call_to_action')?.status).toBe('fail');
  });

  it('is deterministic: the same email scores identically every time', () => {
    expect(scoreEmail(WEAK)).toEqual(scoreEmail(WEAK));
  });

  it('rejects an empty body with a ValidationError', () => {
    expect(() => scoreEmail({ body: '   ' })).toThrow(ValidationError);
    expect(() => scoreEmail({ body: undefined as unknown as string })).toThrow(/needs a body/);
  });

  it('leaves out the subject checks when only a body snippet is given', () => {
    const ids = scoreEmail({ body: 'Saw that Acme opened in Austin. Would you be open to a quick look at how you could ramp reps faster there?' }).checks.map(
      (c) => c.id,
    );
    expect(ids).not.toContain('subject');
    expect(ids).not.toContain('deceptive_prefix');
  });

  it('allows "Re:" on a follow-up (not a first touch)', () => {
    const ids = scoreEmail({ ...STRONG, subject: 'Re: Onboarding at Acme', isFirstTouch: false }).checks.map((c) => c.id);
    expect(ids).not.toContain('deceptive_prefix');
  });
});

describe('reading an email the way a sales leader would', () => {
  const followUp = {
    subject: 'Re: Reno site',
    body: 'Hi Tom,\n\nOne more thought since my email about your new Reno site. Halden Supply hit target pick rates in 6 weeks instead of 14 with us.\n\nWould a copy of their staffing plan be useful?\n\nBest,\nCarla',
  };

  it('treats an email that refers to the sender\'s earlier one as a follow-up: its "Re:" is no fake', () => {
    const s = scoreEmail(followUp);
    expect(s.checks.some((c) => c.id === 'deceptive_prefix')).toBe(false);
    // The negative half: the same email with no reference to an earlier one is a first touch with a fake "Re:".
    const first = scoreEmail({ ...followUp, body: followUp.body.replace('One more thought since my email about your new Reno site. ', '') });
    expect(first.checks.find((c) => c.id === 'deceptive_prefix')?.status).toBe('fail');
  });

  it('counts a cold questionnaire as several asks, and a clause before the ask as no ask of its own', () => {
    const quiz = scoreEmail({
      body: 'Hi Sophie,\n\nWe help dental groups hire faster.\n\n1. How many roles are open?\n2. What ATS do you use?\n3. Who else is involved?\n4. What is your budget?\n5. Are you free Tuesday?\n\nLeo',
    });
    expect(quiz.checks.find((c) => c.id === 'call_to_action')).toMatchObject({ status: 'fail', measured: '5 asks' });
    const clause = scoreEmail({
      body: 'Hi Rob,\n\nSince Pinewood just posted for a security analyst, would it be worth comparing notes on coverage before they start?\n\nAlicia',
    });
    expect(clause.checks.find((c) => c.id === 'call_to_action')?.status).toBe('pass');
  });

  it("never takes the sender's own facts or another company's result for relevance to the prospect", () => {
    const self = scoreEmail({
      body: 'Hi Laura,\n\nCadence Analytics was founded in 2012 and today has 420 employees across six offices.\n\nWould a 20-minute call on Tuesday work?\n\nEvan',
    });
    expect(self.checks.find((c) => c.id === 'relevance')?.status).toBe('fail');
    const theirs = scoreEmail({
      body: 'Hi Sophie,\n\nWe help dental groups hire faster. Smile Republic cut time-to-hire from 24 days to 9.\n\nOpen to a look?\n\nLeo',
    });
    expect(theirs.checks.find((c) => c.id === 'relevance')?.status).toBe('fail');
    expect(theirs.checks.find((c) => c.id === 'proof_point')?.status).toBe('pass');
  });

  it('reads a result with a decimal and an observation of their product as what they are', () => {
    const s = scoreEmail({
      body: "Hi Jordan,\n\nI went through Loomfield's checkout on my phone last night: shipping only shows on the last step.\n\nNorthgate brought checkout time down from 5.5 minutes to 2 with us.\n\nShall I send the teardown?\n\nInes",
    });
    expect(s.checks.find((c) => c.id === 'relevance')?.status).toBe('pass');
    expect(s.checks.find((c) => c.id === 'proof_point')?.status).toBe('pass');
  });
});

describe('a one-line email that joins the trigger, the proof and the ask', () => {
  const oneLiner = {
    subject: 'Asheville opening',
    body: 'Hi Marisol,\n\nSaw Laurel House is hiring 14 front desk staff for the Asheville opening — Hotel Domestique used our scheduling app to staff their second property with 18% less overtime; worth a 15-minute look before your schedules are locked?\n\nBest,\nJonah',
  };

  it('reads each clause: the trigger, a result with a comparative number, and the ask in the last clause', () => {
    const byId = Object.fromEntries(scoreEmail(oneLiner).checks.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject({ relevance: 'pass', proof_point: 'pass', call_to_action: 'pass' });
    expect(scoreEmail(oneLiner).score).toBeGreaterThanOrEqual(75);
  });

  it('keeps a comma-joined sentence whole and a short aside attached: the split needs clauses of four words or more', () => {
    const aside = scoreEmail({ ...oneLiner, body: oneLiner.body.replace(' — Hotel Domestique used', '; nice — Hotel Domestique used') });
    expect(aside.checks.find((c) => c.id === 'call_to_action')?.status).toBe('pass');
    // The negative half: without the number the clause is no measured result.
    const vague = scoreEmail({ ...oneLiner, body: oneLiner.body.replace('with 18% less overtime', 'with less overtime') });
    expect(vague.checks.find((c) => c.id === 'proof_point')?.status).not.toBe('pass');
  });
});

describe('gradeFor', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ] as const)('grades %i as %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });
});

describe('checksNeedingWork', () => {
  it('lists failed and warned checks, the costliest first', () => {
    const list = checksNeedingWork(scoreEmail(WEAK));
    expect(list.every((c) => c.status !== 'pass')).toBe(true);
    const lost = list.map((c) => c.pointsToGain!);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
    expect(lost[0]).toBeGreaterThan(0);
  });
});

describe('compareScores', () => {
  it('reports the change and which checks a rewrite fixed', () => {
    const cmp = compareScores(scoreEmail(WEAK), scoreEmail(STRONG));
    expect(cmp.change).toBe(cmp.after - cmp.before);
    expect(cmp.fixed).toEqual(expect.arrayContaining(['length', 'call_to_action', 'spam_words', 'links', 'relevance']));
    expect(cmp.regressed).toEqual([]);
  });
});
