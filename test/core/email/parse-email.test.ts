import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.ts';
import { parseEmailText } from '../../../core/email/parse-email.ts';

describe('parseEmailText', () => {
  it('takes a "Subject:" first line as the subject', () => {
    expect(parseEmailText('Subject: Ramp time\n\nHi Dana,\n\nOpen to a look?')).toEqual({
      subject: 'Ramp time',
      body: 'Hi Dana,\n\nOpen to a look?',
    });
  });

  it('accepts "subj:" in any case and a body right under it', () => {
    expect(parseEmailText('SUBJ: Ramp time\nHi Dana, open to a look?')).toEqual({
      subject: 'Ramp time',
      body: 'Hi Dana, open to a look?',
    });
  });

  it('skips pasted To/From headers around the subject', () => {
    expect(parseEmailText('To: dana@acme.io\nSubject: Ramp time\nFrom: sam@rampwise.io\n\nOpen to a look?')).toEqual({
      subject: 'Ramp time',
      body: 'Open to a look?',
    });
  });

  it('takes a short, unpunctuated first line followed by a blank line as the subject', () => {
    expect(parseEmailText('Quick idea for Acme\n\nHi Dana,\n\nOpen to a look?').subject).toBe('Quick idea for Acme');
  });

  it.each([
    ['a greeting', 'Hi Dana\n\nOpen to a look?'],
    ['a sentence', 'I saw your post on ramp time.\n\nOpen to a look?'],
    ['a line ending in a comma', 'Dana,\n\nOpen to a look?'],
    ['a long line', 'This first line runs on for far too many words to be any kind of subject line\n\nOpen?'],
    ['a line with no blank line after it', 'Quick idea for Acme\nOpen to a look?'],
  ])('does not take %s as the subject', (_name, text) => {
    expect(parseEmailText(text).subject).toBeUndefined();
  });

  it('strips a quoted reply chain', () => {
    const text = 'Subject: Re: Ramp\n\nThanks Dana, Tuesday works.\n\nOn Mon, 3 Mar 2026, Dana Lee wrote:\n> Are you free Tuesday?\n> Dana';
    expect(parseEmailText(text).body).toBe('Thanks Dana, Tuesday works.');
  });

  it('drops "> " quoted lines even without an intro line', () => {
    expect(parseEmailText('Sounds good.\n> earlier text\n> more').body).toBe('Sounds good.');
  });

  it('strips the signature after "-- "', () => {
    expect(parseEmailText('Open to a look?\n\nSam\n-- \nSam Rep | Rampwise | +1 555 0100').body).toBe('Open to a look?\n\nSam');
  });

  it('normalises Windows line endings', () => {
    expect(parseEmailText('Subject: Ramp\r\n\r\nOpen to a look?\r\n')).toEqual({ subject: 'Ramp', body: 'Open to a look?' });
  });

  it('rejects text with no body', () => {
    expect(() => parseEmailText('Subject: Ramp time')).toThrow(ValidationError);
    expect(() => parseEmailText('   ')).toThrow(/no body/);
  });
});
