// The subject line: its length, and a fake "Re:"/"Fwd:" on a first touch.
import type { CheckResult } from '../types.ts';
import { type EmailContext, result, statusOf } from './context.ts';

const REPLY_PREFIX = /^\s*((?:re|fwd?|fw|aw|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** "RE: Hello" -> "Hello"; the prefix has its own check and is not shouting. */
export function stripReplyPrefix(subject: string): string {
  return subject.replace(REPLY_PREFIX, '');
}

/** A subject is needed when the body reads as a whole email (greeting and sign-off), not a pasted snippet. */
export function subjectApplies({ subject, structure }: EmailContext): boolean {
  return subject !== undefined || (structure.greeting !== undefined && structure.signOff.length > 0);
}

export function checkSubject({ subject }: EmailContext): CheckResult {
  const text = (subject ?? '').trim();
  if (!text) {
    return result(
      {
        id: 'subject',
        label: 'Subject line',
        status: 'fail',
        measured: 'missing',
        target: '1–4 words, ≤ 40 characters',
        evidence: ['no subject line'],
        weight: 8,
        // Boomerang (2016): only 14% of emails without a subject got a reply.
        advice: 'Add a short, specific subject (2–4 words) that a colleague could have written.',
      },
      'no subject line',
    );
  }
  // Boomerang counts words without the Re:/Fwd: conventions; so do we.
  const words = text.replace(REPLY_PREFIX, '').split(/\s+/).filter(Boolean).length;
  const chars = text.length;
  // Boomerang (2016): 3–4 word subjects got the most replies; Mailchimp advises ≤ 9 words / 60 characters,
  // and mobile inboxes show about 40 characters.
  const status = statusOf(words > 7 || chars > 60, words > 4 || chars > 40);
  return result(
    {
      id: 'subject',
      label: 'Subject line',
      status,
      measured: `${words} words, ${chars} characters`,
      target: '1–4 words, ≤ 40 characters',
      evidence: [text],
      weight: 8,
      advice:
        status === 'pass' ? 'Short subject that fits a phone screen.' : 'Cut the subject to 2–4 plain words; it should read like an internal email, not an ad.',
    },
    `a ${words}-word subject`,
  );
}

export function checkDeceptivePrefix({ subject }: EmailContext): CheckResult {
  const prefix = REPLY_PREFIX.exec(subject ?? '')?.[0].trim();
  // The FTC's CAN-SPAM guide forbids deceptive subject lines; a fake reply on a first email is one.
  return result(
    {
      id: 'deceptive_prefix',
      label: 'Fake reply/forward prefix',
      status: prefix ? 'fail' : 'pass',
      measured: prefix ?? 'none',
      target: 'no "Re:" or "Fwd:" on a first email',
      evidence: prefix ? [prefix] : [],
      weight: 5,
      advice: prefix ? 'Remove the prefix: pretending to continue a thread breaks trust and can breach CAN-SPAM.' : 'No fake reply prefix.',
    },
    `a fake "${prefix}" prefix`,
  );
}
