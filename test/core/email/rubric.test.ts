import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.ts';
import { checksNeedingWork, compareScores, gradeFor, scoreEmail } from '../../../core/email/rubric.ts';
import { STRONG, WEAK } from './fixtures.ts';

describe('scoreEmail', () => {
  it('scores a strong personalised email at least 30 points above a long, spammy, I-focused one', () => {
    const strong = scoreEmail(STRONG);
    const weak = scoreEmail(WEAK);
    expect(strong.score).toBeGreaterThanOrEqual(90);
    expect(weak.wordCount).toBeGreaterThan(150);
    expect(strong.score - weak.score).toBeGreaterThanOrEqual(30);
  });

  it('gives the strong email an A with every check passing', () => {
    const s = scoreEmail(STRONG);
    expect(s.grade).toBe('A');
    expect(s.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(s.summary).toBe('Scored 100/100 (A): no problems found, ready to send.');
  });

  it('fails the weak email on length, calls to action, spam, shouting, links, the fake RE: and "I" focus', () => {
    const byId = Object.fromEntries(scoreEmail(WEAK).checks.map((c) => [c.id, c.status]));
    for (const id of ['length', 'call_to_action', 'spam_words', 'shouting', 'links', 'deceptive_prefix', 'you_focus', 'subject']) {
      expect(byId[id], id).toBe('fail');
    }
  });

  it('names the score, grade and the costliest problems in one summary sentence', () => {
    const s = scoreEmail(WEAK);
    expect(s.summary).toMatch(/^Scored \d+\/100 \(F\): /);
    expect(s.summary).toContain('too long (170 words)');
    expect(s.summary).toContain('3 calls to action');
    expect(s.summary.endsWith('.')).toBe(true);
  });

  it('computes the score as weighted credit with half credit for a warning', () => {
    const s = scoreEmail(STRONG);
    const total = s.checks.reduce((a, c) => a + c.weight, 0);
    expect(total).toBe(100);
    // Same email without the lead facts or observation: personalisation drops to warn (10 weight -> 5).
    const plain = scoreEmail({
      subject: 'Ramp time',
      body: 'Hi Dana,\n\nTeams that grow fast often find new reps take months to ramp. You could cut that in half with short, daily practice calls.\n\nWould you be open to a quick look?\n\nBest,\nSam',
    });
    expect(plain.checks.find((c) => c.id === 'personalisation')?.status).toBe('warn');
    expect(plain.score).toBe(95);
  });

  it('is deterministic: the same email scores identically every time', () => {
    expect(scoreEmail(WEAK)).toEqual(scoreEmail(WEAK));
  });

  it('rejects an empty body with a ValidationError', () => {
    expect(() => scoreEmail({ body: '   ' })).toThrow(ValidationError);
    expect(() => scoreEmail({ body: undefined as unknown as string })).toThrow(/needs a body/);
  });

  it('leaves out the subject checks when only a body snippet is given', () => {
    const ids = scoreEmail({ body: 'Saw that Acme opened in Austin. Would you be open to a quick look at how you could ramp reps faster there?' }).checks.map((c) => c.id);
    expect(ids).not.toContain('subject');
    expect(ids).not.toContain('deceptive_prefix');
  });

  it('allows "Re:" on a follow-up (not a first touch)', () => {
    const ids = scoreEmail({ ...STRONG, subject: 'Re: Onboarding at Acme', isFirstTouch: false }).checks.map((c) => c.id);
    expect(ids).not.toContain('deceptive_prefix');
  });
});

describe('gradeFor', () => {
  it.each([
    [100, 'A'], [90, 'A'], [89, 'B'], [80, 'B'], [79, 'C'], [70, 'C'], [69, 'D'], [60, 'D'], [59, 'F'], [0, 'F'],
  ] as const)('grades %i as %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });
});

describe('checksNeedingWork', () => {
  it('lists failed and warned checks, the costliest first', () => {
    const list = checksNeedingWork(scoreEmail(WEAK));
    expect(list.every((c) => c.status !== 'pass')).toBe(true);
    const lost = list.map((c) => c.weight * (c.status === 'fail' ? 1 : 0.5));
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
  });
});

describe('compareScores', () => {
  it('reports the change and which checks a rewrite fixed', () => {
    const cmp = compareScores(scoreEmail(WEAK), scoreEmail(STRONG));
    expect(cmp.change).toBe(cmp.after - cmp.before);
    expect(cmp.fixed).toEqual(expect.arrayContaining(['length', 'call_to_action', 'spam_words', 'links']));
    expect(cmp.regressed).toEqual([]);
  });
});
