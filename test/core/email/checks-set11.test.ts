// What set 11 showed the checks misread — real facts about the prospect that relevance did not see (what a filing
// discloses, what an executive put a miss down to, a published report that places them, a requirement now imposed on
// them, a measured look at their product, a greeting ended by a dash), triggers that lead nowhere (bad news greeted
// as an opening, a general fact the email never uses) and one that the pitch points back at, and names that are
// not customers (a tool they run, a metric) — each on a crafted email that is not in any labelled set, with its
// negative half (docs/email-rubric.md, "After set 11").
import { describe, expect, it } from 'vitest';
import { findTriggers } from '../../../core/email/checks/relevance.ts';
import { findProofPoints } from '../../../core/email/checks/substance.ts';
import { scoreEmail } from '../../../core/email/rubric.ts';
import { analyseEmail } from '../../../core/email/structure.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};
const email = (opening: string, middle: string, ask: string) => `Hi Priya,\n\n${opening}\n\n${middle}\n\n${ask}\n\nBest,\nDev\nLedgerline`;
const PITCH = 'We rebuilt the close checklist for Ardent Foods; their auditor cleared the same control in one quarter.';
const ASK = 'Worth a 20-minute call next week?';

describe('relevance: real facts about them, phrased another way', () => {
  it('what their filing discloses, and what an executive put a miss down to, are their facts', () => {
    expect(findTriggers(['Your last 8-K discloses the sale of the Tulsa distribution business.'])[0]?.specific).toBe(true);
    expect(findTriggers(['On the investor call your CEO blamed slower Q3 bookings on the ERP cutover.'])[0]?.specific).toBe(true);
    expect(findTriggers(["At last week's investor day your COO put the margin slip down to freight costs."])[0]?.specific).toBe(true);
    expect(findTriggers(['Halvard disclosed in its latest 10-Q that freight costs rose 22%.'])[0]?.specific).toBe(true);
    const body = email('Your annual report discloses two restatements of deferred revenue.', PITCH, ASK);
    expect(check({ body }, 'relevance').status).toBe('pass');
  });

  it('but a filing that says nothing checkable, or an executive who only sounded upbeat, is no fact with a detail', () => {
    expect(findTriggers(['Your 10-K says you are growing fast.']).filter((t) => t.specific)).toEqual([]);
    expect(findTriggers(['On the call your CFO sounded upbeat.'])).toEqual([]);
  });

  it("a named publisher's latest report is their fact when the sentence places them in it", () => {
    const report = "Freightwatch's latest survey ranks the Rotterdam terminals worst for dwell time, and most of Brandt Cargo's inbound lands there.";
    expect(findTriggers([report])[0]?.specific).toBe(true);
    expect(
      findTriggers(["The Census Bureau's annual data puts Maricopa County first for new housing starts, and your three yards are all in it."]),
    ).toHaveLength(1);
  });

  it('but a report about the market that does not place them is an industry statistic', () => {
    expect(findTriggers(["Gartner's latest report puts AI at the top of CIO budgets this year."])).toEqual([]);
  });

  it('a requirement someone now imposes on them is a rule that applies to them, even with a population as subject', () => {
    expect(findTriggers(["Most lenders now won't fund a fleet loan without 12 months of telematics data."])).toHaveLength(1);
    expect(findTriggers(['Several grocery chains no longer accept paper invoices from their 300 largest suppliers.'])).toHaveLength(1);
    expect(findTriggers(["Most freight brokers now can't get cargo cover without GPS tracking on every trailer."])).toHaveLength(1);
    const mandate = "The state's new e-invoicing mandate starts in July for every supplier billing public hospitals.";
    expect(findTriggers([mandate])[0]?.specific).toBe(true);
  });

  it('but a population that only wants or needs something is still an industry trend', () => {
    expect(findTriggers(['Most companies now want better data on their fleets.'])).toEqual([]);
    expect(findTriggers(['Many retailers need a faster checkout.'])).toEqual([]);
    expect(findTriggers(["Most companies now can't grow without AI."])).toEqual([]);
    expect(findTriggers(['Our new onboarding standard starts in July.'])).toEqual([]);
  });

  it('a rule with the date by which it binds them, and an RFP their name owns, are their facts', () => {
    const rule = "The EPA's revised lead and copper rule gives utilities like Fairview Water until October 2027 to inventory every service line.";
    expect(findTriggers([rule])[0]?.specific).toBe(true);
    const rfp = "City of Maple Grove's RFP for utility billing software closes on June 14, and it requires a hosted option with SOC 2 Type II.";
    // Even when the sender's own story names another city ("the City of Elk River").
    expect(findTriggers([rfp, 'We replaced the billing system for the City of Elk River in 2023.'])[0]?.sentence).toBe(rfp);
  });

  it('an opening sentence about them may start "You\'re …"', () => {
    const talk = "You're presenting on returns fraud at NRF Protect next month, so you already know wardrobing is up.";
    expect(findTriggers([talk])[0]?.specific).toBe(true);
    expect(findTriggers(["You're probably evaluating a few vendors this quarter."])).toEqual([]);
  });

  it('but a rule of thumb with a date, or an RFP nobody owns, is not', () => {
    expect(findTriggers(['As a rule, finance teams close the books by March.'])).toEqual([]);
    expect(findTriggers(['The rule of thumb is to renew by January.'])).toEqual([]);
    expect(findTriggers(['Most RFPs require a hosted option and references.'])).toEqual([]);
  });

  it('a measured look the writer took at their product is first-hand research', () => {
    expect(findTriggers(["I timed Corbel's mobile checkout: 9 steps and 41 seconds before the payment page."])[0]?.specific).toBe(true);
    expect(findTriggers(['I audited your onboarding emails and counted 14 in the first week.'])[0]?.specific).toBe(true);
  });

  it('but the writer doing something unmeasured, or for their own sake, is not', () => {
    expect(findTriggers(["I reviewed Corbel's website."])).toEqual([]);
    expect(findTriggers(["I helped Corbel's team with 3 launches."])).toEqual([]);
  });

  it('a greeting ends at a spaced hyphen or an en dash, so the fact after it opens the email', () => {
    expect(analyseEmail('Hi Erin - your latest 10-Q discloses a material weakness in revenue recognition.').greeting).toBe('Hi Erin -');
    expect(analyseEmail('Hi Erin – your latest 10-Q discloses a material weakness.').greeting).toBe('Hi Erin –');
    expect(analyseEmail('Hi-fi speakers - we sell them to 40 stores.').greeting).toBeUndefined();
  });
});

describe('trigger_link: where the fact about them leads', () => {
  it('bad news at their business greeted as an opening fails', () => {
    const body = email(
      'Saw that Corvane closed its Leeds plant last month and moved 200 jobs to Poland. Great opportunity to rethink your payroll stack!',
      'We run payroll for 40 manufacturers across six countries.',
      ASK,
    );
    const c = check({ body }, 'trigger_link');
    expect(c.status).toBe('fail');
    expect(c.measured).toBe('bad news greeted as an opening');
    const fire = email(
      'Noticed the fire at your Dayton warehouse in March. A perfect moment to upgrade your sprinklers!',
      'We fit sprinkler systems in 200 warehouses a year.',
      ASK,
    );
    expect(check({ body: fire }, 'trigger_link').measured).toBe('bad news greeted as an opening');
  });

  it('but bad news met with what it means for them is a trigger like any other', () => {
    const body = email(
      'Saw that Corvane closed its Leeds plant last month and moved 200 jobs to Poland.',
      'Payroll across two countries usually breaks at the first month-end; we ran that move for Ardent Foods without a late payslip.',
      ASK,
    );
    expect(check({ body }, 'trigger_link').status).not.toBe('fail');
  });

  it('a pitch that points back at the trigger ("the same finding") ties it', () => {
    const body = email(
      'Your latest 10-Q discloses a material weakness in inventory controls.',
      'We cleared the same finding for Ardent Foods in one quarter.',
      ASK,
    );
    expect(check({ body }, 'trigger_link').status).toBe('pass');
  });

  it('a general fact about them that the email never uses fails; one the pitch picks up does not', () => {
    const unused = email(
      'I see Hartwell Pumps makes centrifugal pumps for water utilities.',
      'We helped Lumen Beauty double its TikTok following in 6 months.',
      ASK,
    );
    const c = check({ body: unused }, 'trigger_link');
    expect(c.status).toBe('fail');
    expect(c.measured).toBe('a general fact that leads nowhere');
    const used = email(
      'I see Hartwell Pumps makes centrifugal pumps for water utilities.',
      'We cut seal failures on centrifugal pumps by 31% for Tidewater Utilities.',
      ASK,
    );
    expect(check({ body: used }, 'trigger_link').status).not.toBe('fail');
  });
});

describe('names that are not customers', () => {
  it('a tool the prospects run is not a customer, and "get more out of it" is no specific outcome', () => {
    const body = email(
      'I noticed Vantor uses HubSpot.',
      'We work with many companies that use HubSpot and help them get more out of it.',
      'Open to a quick 15-minute call next week?',
    );
    expect(check({ body }, 'proof_point').status).toBe('fail');
    expect(check({ body }, 'value_proposition').status).toBe('fail');
    const running = email('I noticed Vantor uses HubSpot.', 'We help companies running HubSpot and Gong get more out of them.', 'Open to a quick call?');
    expect(check({ body: running }, 'value_proposition').status).toBe('fail');
  });

  it('but a customer named beside the tool is still a customer', () => {
    const proofs = findProofPoints(['We moved Halden Logistics off HubSpot, and their reps cut data entry by 6 hours a week.']);
    expect(proofs.map((p) => p.strength)).toEqual(['strong']);
  });

  it('"We\'ve" and "You\'re" are pronouns, not a customer\'s name', () => {
    expect(findProofPoints(["We've helped 300+ startups scale their outbound 4x."]).map((p) => p.strength)).not.toContain('strong');
    expect(findProofPoints(["We've helped Wexford Tools scale their outbound 4x in a year."]).map((p) => p.strength)).toEqual(['strong']);
  });

  it("a metric's name is what a figure measures, not who got it", () => {
    expect(findProofPoints(['Our platform delivers 300% ROI and a 40-point NPS lift for contractors.'])).toEqual([]);
    expect(findProofPoints(['Brightline got 300% ROI in the first year on our platform.']).map((p) => p.why)).not.toEqual([]);
  });
});
