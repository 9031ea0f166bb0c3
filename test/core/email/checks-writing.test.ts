// Length, readability, sentences, paragraphs, subject and the fake reply prefix, on crafted emails.
import { describe, expect, it } from 'vitest';
import { scoreEmail } from '../../../core/email/rubric.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';
import { bodyOfWords } from './fixtures.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};

describe('length check', () => {
  it.each([
    [20, 'warn'], [25, 'pass'], [50, 'pass'], [75, 'pass'], [76, 'warn'], [125, 'warn'], [126, 'fail'],
  ] as const)('rates %i words as %s', (n, status) => {
    const c = check({ body: bodyOfWords(n) }, 'length');
    expect(c.measured).toBe(n);
    expect(c.status).toBe(status);
  });

  it('counts the greeting but not the sign-off', () => {
    const s = scoreEmail({ body: 'Hi Dana,\n\nWould you be open to a chat?\n\nBest regards,\nSam Rep\nAcme Corp' });
    expect(s.wordCount).toBe(9);
  });
});

describe('reading grade check', () => {
  it('passes plain words', () => {
    expect(check({ body: 'Your team is big now. Reps need help fast. Want a look?' }, 'reading_grade').status).toBe('pass');
  });

  it('fails jargon and quotes the hardest sentence and its long words', () => {
    const c = check(
      { body: 'Our comprehensive platform facilitates organizational transformation. Would you be open to a chat?' },
      'reading_grade',
    );
    expect(c.status).toBe('fail');
    expect(c.evidence[0]).toMatch(/^"Our comprehensive platform facilitates organizational transformation\." \(grade \d+/);
    expect(c.evidence.at(-1)).toBe('long words: comprehensive, facilitates, organizational, transformation');
  });
});

describe('sentence length check', () => {
  const long = (n: number) => `${Array.from({ length: n - 1 }, () => 'word').join(' ')} end.`;

  it('warns on a 21-word sentence and quotes it with its length', () => {
    const c = check({ body: `${long(21)} Open to a chat?` }, 'sentence_length');
    expect(c.status).toBe('warn');
    expect(c.evidence).toEqual([`"${long(21)}" (21 words)`]);
    expect(c.measured).toBe('average 12.5 words, longest 21');
  });

  it('fails a sentence over 30 words', () => {
    expect(check({ body: `${long(31)} Open to a chat?` }, 'sentence_length').status).toBe('fail');
  });

  it('does not split on "Dr." or "e.g." but does on "Inc." before a capital', () => {
    const c = check({ body: 'Dr. Lee runs ops at Acme Inc. Tools e.g. Jira help. Open to a chat?' }, 'sentence_length');
    expect(c.measured).toBe('average 5 words, longest 7');
  });
});

describe('paragraph check', () => {
  it('warns on a four-sentence paragraph and quotes its opening', () => {
    const c = check({ body: 'One thing. Two things. Three things. Four things.\n\nOpen to a chat?' }, 'paragraphs');
    expect(c.status).toBe('warn');
    expect(c.evidence).toEqual(['"One thing." … (4 sentences, 8 words)']);
  });

  it('fails a paragraph of more than 90 words', () => {
    expect(check({ body: bodyOfWords(100, 15) }, 'paragraphs').status).toBe('fail');
  });
});

describe('subject check', () => {
  const body = 'Hi Dana,\n\nWould you be open to a chat?\n\nBest,\nSam';
  it.each([
    ['Ramp time', 'pass'],
    ['A quick idea for Acme', 'warn'],
    ['An idea about ramping your new reps faster this year', 'fail'],
    ['Ramping reps at Acme without adding more onboarding staff', 'fail'],
    ['Onboarding representatives at Globex', 'pass'],
    ['Onboarding new representatives for Acme Robotics', 'warn'],
    ['Internationalization of onboarding documentation', 'warn'],
  ])('rates "%s" as %s', (subject, status) => {
    expect(check({ subject, body }, 'subject').status).toBe(status);
  });

  it('fails a missing subject when the body is a whole email', () => {
    const c = check({ body }, 'subject');
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual(['no subject line']);
  });

  it('fails an empty subject', () => {
    expect(check({ subject: ' ', body }, 'subject').status).toBe('fail');
  });

  it('does not count the Re: prefix as a word', () => {
    expect(check({ subject: 'Re: Ramp time', body, isFirstTouch: false }, 'subject').measured).toBe('2 words, 13 characters');
  });
});

describe('fake reply prefix check', () => {
  it.each(['Re: Ramp time', 'RE: Ramp time', 'Fwd: Ramp time', 'FW: Ramp time', 'Re: Fwd: Ramp time'])(
    'fails "%s" on a first touch and quotes the prefix',
    (subject) => {
      const c = check({ subject, body: 'Open to a chat?' }, 'deceptive_prefix');
      expect(c.status).toBe('fail');
      expect(subject.startsWith(String(c.evidence[0]))).toBe(true);
    },
  );

  it('passes a subject that merely mentions "re"', () => {
    expect(check({ subject: 'Reps at Acme', body: 'Open to a chat?' }, 'deceptive_prefix').status).toBe('pass');
  });
});
