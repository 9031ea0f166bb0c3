// What set 10 showed the checks misread — real facts about the prospect that relevance did not see (a role left
// open for months, a rule that now applies to them, what the writer found on their site), an offer read as no ask,
// a trigger tied by a clause or by the ask, and a pitch the email itself calls unrelated — each on a crafted email
// that is not in any labelled set, with its negative half (docs/email-rubric.md, "After set 10").
import { describe, expect, it } from 'vitest';
import { classifyAsk } from '../../../core/email/checks/ask.ts';
import { findTriggers } from '../../../core/email/checks/relevance.ts';
import { scoreEmail } from '../../../core/email/rubric.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};
const email = (opening: string, middle: string, ask: string) => `Hi Priya,\n\n${opening}\n\n${middle}\n\n${ask}\n\nBest,\nDev\nStackhire`;
const PITCH = 'We only place data engineers. Last year we filled four such roles at Corvane in an average of 27 days.';

describe('relevance: real facts about them', () => {
  it('a role left open for months is their hiring, with a date', () => {
    const body = email(
      "The staff data engineer role on Mirela's careers page has been up since February, so I suspect referrals have run dry.",
      PITCH,
      'Should I send two anonymised profiles this week?',
    );
    expect(check({ body }, 'relevance').status).toBe('pass');
    expect(findTriggers(['The analyst role at Mirela has been vacant for six months.'])[0]?.specific).toBe(true);
    expect(findTriggers(['The controls engineer role at Brenner Foods was reposted last week.'])[0]?.specific).toBe(true);
    expect(findTriggers(['The analyst role at Mirela is still open after 10 weeks.'])[0]?.specific).toBe(true);
  });

  it('but a role that merely exists, with no time and no event, is no fact with a detail', () => {
    expect(findTriggers(['Mirela has a data engineering team.'])).toEqual([]);
    const body = email('I know Mirela has a data engineering team.', PITCH, 'Should I send two anonymised profiles this week?');
    expect(check({ body }, 'relevance').status).toBe('fail');
  });

  it('a rule that "now needs" something of them is an event; what the writer found "on your site" is their fact', () => {
    expect(findTriggers(['With the new EU packaging rule, every pallet Brenner Foods ships to Austria now needs a recycled-content label.'])).toHaveLength(1);
    expect(findTriggers(['Every pallet Brenner Foods ships to Quebec now has to carry a French label.'])).toHaveLength(1);
    const site = email(
      'On your Dutch store, the checkout loads TikTok and Hotjar scripts before the consent banner.',
      'We fixed the same thing for Velden Home in a day; their consented sessions rose 9%.',
      'Who owns the consent banner on your side?',
    );
    expect(check({ body: site }, 'relevance').status).toBe('pass');
  });

  it('but "on your site" followed by a guess or by the sender, or "at your stage", is not their fact', () => {
    expect(findTriggers(['On your website, you probably have a contact form.'])).toEqual([]);
    expect(findTriggers(['On your website we could add a chat widget.'])).toEqual([]);
    expect(findTriggers(['At your stage, most finance teams close the books in 12 days or more.'])).toEqual([]);
    expect(findTriggers(['In your role, every vendor wants 30 minutes of your week.'])).toEqual([]);
  });
});

describe('the ask: an offer and the question that accepts it', () => {
  it('"Happy to put our sensors on five of your lines" is an offer, and "Interested?" or "Want me to set that up?" after it is one ask', () => {
    expect(classifyAsk('Happy to put our sensors on five of your lines for 30 days at no charge.')?.kind).toBe('offer');
    const opening = 'Saw that Halvard Foods bought the Tilburg plant and its 12 packing lines last month.';
    const middle = 'At Orrin Dairy, line-level alerts cut unplanned stops by 31% in a quarter.';
    for (const close of ['Interested?', 'Want me to set that up?']) {
      const body = email(opening, middle, `Happy to put our sensors on five of the Tilburg lines for 30 days. ${close}`);
      expect(check({ body }, 'call_to_action').status, close).toBe('pass');
    }
  });

  it('but "Interested?" alone is still passive, and a second, different question after an offer is still a second ask', () => {
    const opening = 'Saw that Halvard Foods bought the Tilburg plant and its 12 packing lines last month.';
    const middle = 'At Orrin Dairy, line-level alerts cut unplanned stops by 31% in a quarter.';
    expect(check({ body: email(opening, middle, 'Interested?') }, 'call_to_action').status).toBe('fail');
    const two = email(opening, middle, 'I can send the Orrin case study. Are you free for a call on Thursday at 10?');
    expect(check({ body: two }, 'call_to_action').measured).toBe('2 asks');
    const meeting = email(opening, middle, 'I can send the Orrin case study. Could we book 45 minutes to discuss it?');
    expect(check({ body: meeting }, 'call_to_action').status).not.toBe('pass');
  });
});

describe('the trigger tied to the pitch', () => {
  it('a clause saying what the trigger brings them ties it ("which is what your new enterprise buyers will start asking for")', () => {
    const body = email(
      'Congrats on the Series B.',
      'We run SOC 2 readiness for 60 B2B software companies, Talvo and Ostra among them, which is what your new enterprise buyers will start asking for.',
      'Want me to send what the first month looks like?',
    );
    expect(check({ body }, 'trigger_link').status).toBe('pass');
  });

  it('but a compliment followed by a pitch that says nothing of it is still a compliment that leads nowhere', () => {
    const body = email(
      'Congrats on the Series B.',
      'We run SOC 2 readiness for 60 B2B software companies, Talvo and Ostra among them.',
      'Want me to send what the first month looks like?',
    );
    expect(check({ body }, 'trigger_link').status).toBe('fail');
  });

  it('a pitch the email itself calls unrelated fails the tie, whatever the trigger', () => {
    const body = email(
      'Loved your keynote at DataConf last week on migrating 40 pipelines to streaming.',
      'On another note, we sell catered lunches for offices, with free delivery for orders over 20 people.',
      'Open to a quick call next week?',
    );
    const c = check({ body }, 'trigger_link');
    expect(c.status).toBe('fail');
    expect(c.measured).toBe('a pitch the email calls unrelated');
    for (const turn of ['Unrelated to your keynote, we', 'Different topic: we', 'Shifting gears, we']) {
      const other = body.replace('On another note, we', turn);
      expect(check({ body: other }, 'trigger_link').status, turn).toBe('fail');
    }
  });

  it('but "on a different day" or "separate from billing" is no change of topic', () => {
    const body = email(
      'Saw Mirela moved its billing to Stripe last month, with invoices now sent from two systems.',
      'Separate from billing, most teams that run two systems spend a day a month reconciling them; we cut that to an hour for Corvane.',
      'Worth a 15-minute look on Thursday?',
    );
    expect(check({ body }, 'trigger_link').status).not.toBe('fail');
  });
});
