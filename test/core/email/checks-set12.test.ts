// What set 12 showed the checks misread — facts about the prospect in their own published words or in what is
// published about them (job ads quoting a pain, their reviews, their conference session, a recall notice), words in
// quotes read as the sender's, a name in the writer's compliment read as a customer — and an email with no outcome
// and no proof that relevance alone carried past 65. Each on a crafted email that is not in any labelled set, with its
// negative half (docs/email-rubric.md, "After set 12").
import { describe, expect, it } from 'vitest';
import { countYouAndSelf } from '../../../core/email/checks/engagement.ts';
import { findTriggers, isObservation } from '../../../core/email/checks/relevance.ts';
import { evidenceScore, lacksOutcomeAndProof, NO_OUTCOME_NO_PROOF_CEILING } from '../../../core/email/evidence-model.ts';
import { scoreEmail } from '../../../core/email/rubric.ts';
import { RUBRIC_MODEL } from '../../../core/email/rubric-weights.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};
const email = (opening: string, middle: string, ask: string) => `Hi Noor,\n\n${opening}\n\n${middle}\n\n${ask}\n\nBest,\nTomas\nBrightwell`;
const PITCH = 'We set up refund tracking for Pelham Outdoor; refund complaints fell from 60 a month to 14 within a quarter.';
const ASK = 'Would a 20-minute call next Tuesday be useful?';

describe('relevance: their own published words, and what is published about them', () => {
  it('job ads that quote a pain are their fact, even when the quote says "our"', () => {
    const ads = 'Each of Norbeck\'s four open data engineer roles mentions "untangling our nightly batch jobs."';
    expect(findTriggers([ads])[0]?.specific).toBe(true);
    expect(check({ body: email(ads, PITCH, ASK) }, 'relevance').status).toBe('pass');
  });

  it('a count of their reviews, and their conference session on a topic, are their facts', () => {
    expect(findTriggers(["Nine of Tidewell's last 40 Trustpilot reviews mention refunds taking over two weeks."])[0]?.specific).toBe(true);
    expect(findTriggers(['Caught your Gartner session on supplier risk scoring for mid-size distributors.'])[0]?.specific).toBe(true);
    const body = email("Nine of Tidewell's last 40 Trustpilot reviews mention refunds taking over two weeks.", PITCH, ASK);
    expect(check({ body }, 'relevance').status).toBe('pass');
  });

  it('plural records say it without the -s, and a warning letter to a name is about that name', () => {
    const roles = "Both of Halvorsen's open controller roles ask for experience cleaning up intercompany reconciliations.";
    expect(findTriggers([roles])[0]?.specific).toBe(true);
    expect(findTriggers(['The FDA warning letter to Corvel Labs cites gaps in batch record review.'])[0]?.specific).toBe(true);
    // Not the sender's own: "our" owns the post, and a topic with no name is not a party.
    expect(findTriggers(['Check out our podcast episode on pricing with the CFO of a retailer.'])).toEqual([]);
    expect(findTriggers(['Reviews matter more than ever.'])).toEqual([]);
  });

  it('a recall notice about a line of theirs is their fact, and the compliment before it names no customer', () => {
    expect(findTriggers(['Sorry to hear about the recall notice on the Brightfield spinach bags'])[0]?.specific).toBe(true);
    expect(isObservation('Sorry to hear about the recall notice on the Brightfield spinach bags')).toBe(true);
    expect(isObservation('Loved your Medium article on why onboarding emails get ignored.')).toBe(true);
  });

  it("but a record that says nothing checkable, or one that is the sender's own, is no fact with a detail", () => {
    expect(findTriggers(['Your Gartner session was great.']).filter((t) => t.specific)).toEqual([]);
    expect(findTriggers(["Tidewell's reviews mention you."]).filter((t) => t.specific)).toEqual([]);
    expect(findTriggers(['Our recall notice on the Brightfield line went out in May.'])).toEqual([]);
    // The sender's own webinar is not a record of theirs, whatever it is on.
    expect(findTriggers(['Join our webinar on the future of frontline learning next Thursday']).filter((t) => t.specific)).toEqual([]);
    // The writer's own results are still not a fact about them, quoted or not.
    expect(isObservation('We cut refund complaints by 70% for Pelham Outdoor.')).toBe(false);
  });
});

describe('"you" focus: words in quotes are theirs', () => {
  it('does not count "our" inside a quote as the writer speaking', () => {
    expect(countYouAndSelf('Your ads mention "untangling our nightly batch jobs." Are you hiring for it?')).toEqual({ you: 2, self: 0 });
  });

  it('but counts the writer\'s own "we" and "our" outside the quote', () => {
    expect(countYouAndSelf('We fixed "the nightly batch" for our clients.')).toEqual({ you: 0, self: 2 });
  });
});

describe('no outcome and no proof: never 65 or more, however relevant', () => {
  const RELEVANT_NOTHING =
    'Enjoyed your Medium article on why onboarding emails get ignored, especially the part about sending six in the first week. Spot on!';
  it('a relevant trigger, a clean ask and only "we solve exactly that" stays under 65', () => {
    const s = scoreEmail({ subject: 'Your onboarding article', body: email(RELEVANT_NOTHING, 'Our tool solves exactly that problem.', 'Worth a quick chat?') });
    expect(s.checks.find((c) => c.id === 'proof_point')?.status).toBe('fail');
    expect(s.score).toBeLessThan(65);
  });

  it('"exactly that" and customers only named are no outcome, and a claim nobody can check is no proof', () => {
    for (const middle of ['We work with companies like Stripe and Notion on exactly that.', 'Trusted by 300+ SaaS teams, we solve exactly that.']) {
      const s = scoreEmail({ subject: 'Your onboarding article', body: email(RELEVANT_NOTHING, middle, 'Worth a quick chat?') });
      expect(s.checks.find((c) => c.id === 'value_proposition')?.status, middle).toBe('warn');
      expect(s.score, middle).toBeLessThan(65);
    }
    const verdicts = (measured: string) => [
      { id: 'value_proposition' as const, status: 'warn' as const },
      { id: 'proof_point' as const, status: 'warn' as const, measured },
    ];
    expect(lacksOutcomeAndProof(verdicts('a claim nobody can check'))).toBe(true);
    expect(lacksOutcomeAndProof(verdicts('a customer named without a result'))).toBe(true);
    // The negative half: a customer's story without a number, or a number without a clear result, is some proof.
    expect(lacksOutcomeAndProof(verdicts('a customer without a number'))).toBe(false);
    expect(lacksOutcomeAndProof(verdicts('a number without a clear result'))).toBe(false);
    // A concrete offer with a customer named is not touched.
    expect(
      check({ body: email(RELEVANT_NOTHING, 'We cut onboarding email volume in half for PLG teams like Stripe.', 'Worth a quick chat?') }, 'value_proposition')
        .status,
    ).toBe('pass');
  });

  it('holds for any verdicts: with the value proposition not passed and the proof point failed, the score is 64 at most', () => {
    const allPass = [...Object.keys(RUBRIC_MODEL.weights)].map((id) => ({ id: id as CheckId, status: 'pass' as const }));
    const set = (id: CheckId, status: 'pass' | 'warn' | 'fail') => allPass.map((c) => (c.id === id ? { id, status } : c));
    const noOutcomeNoProof = set('proof_point', 'fail').map((c) => (c.id === 'value_proposition' ? { ...c, status: 'warn' as const } : c));
    expect(lacksOutcomeAndProof(noOutcomeNoProof)).toBe(true);
    expect(evidenceScore(RUBRIC_MODEL, noOutcomeNoProof)).toBeLessThanOrEqual(NO_OUTCOME_NO_PROOF_CEILING);
    // The negative half: an outcome or a proof lifts the ceiling, and a perfect email is not touched by it.
    expect(lacksOutcomeAndProof(set('proof_point', 'fail'))).toBe(false);
    expect(lacksOutcomeAndProof(set('proof_point', 'warn').map((c) => (c.id === 'value_proposition' ? { ...c, status: 'warn' as const } : c)))).toBe(false);
    expect(evidenceScore(RUBRIC_MODEL, allPass)).toBeGreaterThanOrEqual(95);
  });

  it("the same email with a customer's measured result is no longer held under 65 by the ceiling", () => {
    const body = email(RELEVANT_NOTHING, `Our tool solves exactly that problem. ${PITCH}`, 'Worth a quick chat?');
    const s = scoreEmail({ subject: 'Your onboarding article', body });
    expect(s.checks.find((c) => c.id === 'proof_point')?.status).toBe('pass');
    expect(s.score).toBeGreaterThanOrEqual(65);
  });
});
