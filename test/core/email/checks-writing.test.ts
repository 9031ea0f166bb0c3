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
    [20, 'warn'],
    [25, 'pass'],
    [50, 'pass'],
    [75, 'pass'],
    [76, 'warn'],
    [125, 'warn'],
    [126, 'fail'],
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
    const c = check({ body: 'Our comprehensive platform facilitates organizational transformation. Would you be open to a chat?' }, 'reading_grade');
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

describe('follow-up nagging', () => {
  it.each([
    'Just following up on my last email. Worth a look?',
    'Floating this back to the top of your inbox. Worth a look?',
    'See my note below. Worth a look?',
    'I sent you a note last week about onboarding. Worth a look?',
  ])('fails a nag that brings nothing new: %s', (body) => {
    expect(scoreEmail({ body }).checks.find((c) => c.id === 'follow_up_nag')?.status).toBe('fail');
  });

  it('only warns when the follow-up brings a new result', () => {
    const body = 'Following up on my last email: Kovac Moulding just cut complaints by 71% with the same setup. Worth a look?';
    expect(scoreEmail({ body }).checks.find((c) => c.id === 'follow_up_nag')?.status).toBe('warn');
  });
});

const statusOf = (body: string, id: CheckId) => scoreEmail({ body }).checks.find((c) => c.id === id)!.status;

describe('substance checks', () => {
  it('value proposition: concrete passes, a half-specific promise warns, stock words only or none fails', () => {
    expect(
      statusOf('We route every RFI to the right engineer with the drawings attached, so your answers come in days. Worth a look?', 'value_proposition'),
    ).toBe('pass');
    expect(statusOf('Our platform helps organisations like yours close invoices faster. Worth a look?', 'value_proposition')).toBe('warn');
    expect(statusOf('Our platform helps organisations like yours improve efficiency and reduce costs. Worth a look?', 'value_proposition')).toBe('fail');
    expect(statusOf('Hope your week is going well. Worth a look?', 'value_proposition')).toBe('fail');
  });

  it('value proposition: a customer’s measured result shows what changes, so no value statement is a warn', () => {
    expect(statusOf('Pryce Builders cut RFI turnaround from 9 days to 3. Worth a look?', 'value_proposition')).toBe('warn');
  });

  it('value proposition: the product as the subject counts, a founding story does not', () => {
    expect(statusOf('Rampwise runs daily practice calls on your own deals so new reps sell sooner. Worth a look?', 'value_proposition')).toBe('pass');
    expect(statusOf('We were founded in 2019 and we have grown to 85 people. Worth a look?', 'value_proposition')).toBe('fail');
  });

  it('proof point: a customer with a measured result passes; an unverifiable or self-made claim does not', () => {
    expect(statusOf('Pryce Builders cut RFI turnaround from 9 days to 3. Worth a look?', 'proof_point')).toBe('pass');
    expect(statusOf('Teams like Harbor saw guaranteed results for 10,000+ customers. Worth a look?', 'proof_point')).toBe('warn');
    expect(statusOf('Our proven strategies have helped 10,000+ businesses rank #1 on Google. Worth a look?', 'proof_point')).toBe('fail');
    expect(statusOf('We are great at this. Worth a look?', 'proof_point')).toBe('fail');
  });

  it('proof point: what the prospect is doing is not our proof', () => {
    expect(statusOf('Saw Acme is hiring 3 SDRs in Berlin. Worth a look?', 'proof_point')).toBe('fail');
  });
});

describe('attention checks', () => {
  it('clichés: an empty opener fails, one stock phrase warns', () => {
    expect(statusOf('I hope this email finds you well. Pryce cut RFIs by half. Worth a look?', 'cliches')).toBe('fail');
    expect(statusOf('Pryce cut RFIs by half with our best-in-class routing. Worth a look?', 'cliches')).toBe('warn');
  });

  it('feature dump: a list of features without an outcome fails', () => {
    const body = 'Our platform includes dashboards, alerts, reporting, integrations, SSO, audit logs and an API. Would you like a demo?';
    expect(statusOf(body, 'feature_dump')).toBe('fail');
  });

  it('repetition: a company name four times is keyword stuffing', () => {
    const body =
      'Hi Elena,\n\nTessaro Industries is great. I follow Tessaro Industries. Tessaro Industries and we fit. Teams like Tessaro Industries love us. Worth a chat?';
    const c = scoreEmail({ body }).checks.find((x) => x.id === 'repetition')!;
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('"Tessaro Industries" 4 times');
  });
});
