// What set 6 showed the checks misread, each on a crafted email (docs/email-rubric.md, "After set 6").
import { describe, expect, it } from 'vitest';
import { scoreEmail } from '../../../core/email/rubric.ts';
import { analyseEmail, refersToEarlierEmail } from '../../../core/email/structure.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};

describe('a quoted earlier message', () => {
  const body =
    'Hi Sofia,\n\nBumping this to the top of your inbox in case it got buried. Can you let me know either way?\n\nThanks!\nChris\n\n> On Tue, Chris wrote:\n> Hi Sofia, saw you opened a second warehouse in Reno last week; worth a chat about our platform?';

  it('is not read as what this email says, and makes it a follow-up', () => {
    const s = analyseEmail(body);
    expect(s.sentences.join(' ')).not.toContain('Reno');
    expect(s.signOff).toEqual(['Thanks!', 'Chris']);
    expect(refersToEarlierEmail(body)).toBe(true);
    expect(refersToEarlierEmail('Hi Sofia,\n\nSaw the Reno news. Worth a chat?')).toBe(false);
  });

  it('lends its trigger to no nag: "bumping this" with nothing new fails', () => {
    expect(check({ body }, 'follow_up_nag').status).toBe('fail');
  });
});

describe('an opening fact measured in words', () => {
  it('passes relevance: "four of your target accounts" measures as "4" does', () => {
    const body =
      'Hi Owen, this week four of your target accounts, including two hospital systems in Ohio, were comparing intake software on review sites. Want the list?';
    expect(check({ body }, 'relevance').status).toBe('pass');
    expect(check({ body: 'Hi Owen, your target accounts were comparing intake software on review sites. Want the list?' }, 'relevance').status).not.toBe(
      'pass',
    );
  });
});

describe('an ask after a time clause', () => {
  it('passes "When you get to benefits, could I send a one-page summary…?" as one offer of a step', () => {
    const c = check(
      { body: 'Rowan Freight cut driver turnover by 11 points. When you get to benefits, could I send a one-page summary of the rollout?' },
      'call_to_action',
    );
    expect(c.status).toBe('pass');
    expect(c.measured).toBe('1 ask (action)');
  });

  it('still reads an open discovery question after a time clause as no ask', () => {
    expect(check({ body: 'When you get to benefits next quarter, how do you plan to reach drivers who never open email?' }, 'call_to_action').status).toBe(
      'fail',
    );
  });
});

describe('a result told with an irregular verb', () => {
  it('passes the proof point: "Fenwick Denim … kept 41% of return value as exchanges"', () => {
    const body = 'Fenwick Denim did that with our returns portal and kept 41% of return value as exchanges instead of refunds. Worth a look?';
    expect(check({ body }, 'proof_point').status).toBe('pass');
    expect(check({ body: 'Fenwick Denim did that with our returns portal and kept return value as exchanges. Worth a look?' }, 'proof_point').status).toBe(
      'warn',
    );
  });
});

describe('a spec sheet in bullets', () => {
  const spec = (n: number) =>
    [
      'Hi Mr. Brandt,',
      '',
      'Introducing the TX-10 Pro rugged tablet:',
      '',
      ...[
        '- IP68 and MIL-STD-810H certified',
        '- 10.1" 1000-nit display',
        '- Hot-swappable 8,000mAh battery',
        '- Rated for 6-foot drops',
        '- Wi-Fi 6, Bluetooth 5.2',
      ].slice(0, n),
      '',
      'Can I send you a price sheet?',
      '',
      'Thanks,',
      'Gary',
    ].join('\n');

  it('gives no proof point and no relevance: five bullets measure the product, and "Introducing" is the sender', () => {
    expect(check({ body: spec(5) }, 'proof_point').status).toBe('fail');
    expect(check({ body: spec(5) }, 'relevance').status).toBe('fail');
  });

  it('still reads a bullet of a short list as a statement', () => {
    const body = 'Hi Jo,\n\nWhat changed for Kestrel:\n\n- Kestrel Foods cut picking errors by 38% in a quarter\n- onboarding took two days\n\nWorth a look?';
    expect(check({ body }, 'proof_point').status).toBe('pass');
  });
});

describe('requests listed under a wish', () => {
  it('counts each bulleted step as an ask: three or more fail', () => {
    const body =
      "Hi Monique,\n\nRowan Freight cut driver turnover by 11 points with our app.\n\nI'd love to:\n- set up a 45-minute demo with your team,\n- get an intro to your CFO to talk budget,\n- have you join our webinar on the 14th.\n\nWhich of these works best?\n\nBest,\nSimone";
    const c = check({ body }, 'call_to_action');
    expect(c.status).toBe('fail');
    expect(c.evidence.filter((e) => e.endsWith('(listed request)'))).toHaveLength(3);
  });

  it('does not count a bulleted list of facts as asks', () => {
    const body =
      'Hi Monique,\n\nWhat changed at Rowan Freight:\n- usage rose to 23% in six months\n- driver turnover fell 11 points\n\nCould I send the one-page summary?';
    const c = check({ body }, 'call_to_action');
    expect(c.status).toBe('pass');
    expect(c.measured).toBe('1 ask (action)');
  });
});

describe('a bare time question after the proposal it answers', () => {
  it('warns on the effort the sentence before proposed ("a 45-minute demo … Does Wednesday work?")', () => {
    const proof = 'Halden Sparebank used Contractly to build their register of 430 contracts in five weeks.';
    const long = check({ body: `${proof} I think you'd find a 45-minute demo really valuable. Does Wednesday work?` }, 'call_to_action');
    expect(long.status).toBe('warn');
    const short = check({ body: `${proof} I think you'd find a 15-minute walkthrough useful. Does Wednesday work?` }, 'call_to_action');
    expect(short.status).toBe('pass');
  });
});

describe('an ask that gives the reader something', () => {
  it('is what the email offers: a warn on the value proposition, not a fail', () => {
    const body = 'Hi Owen, this week four of your target accounts were comparing intake software on review sites. Want the list?';
    expect(check({ body }, 'value_proposition').status).toBe('warn');
    expect(check({ body: 'Hi Owen, this week four of your target accounts were comparing intake software. Quick chat?' }, 'value_proposition').status).toBe(
      'fail',
    );
  });
});

describe("the sender's own customers", () => {
  it('give proof, not relevance: what a customer named in "our platform is trusted by …" did is not a fact about the reader', () => {
    const body =
      'Hi Elena,\n\nOur data platform is trusted by leaders like Siemens and Unilever. Unilever consolidated 47 data warehouses into one and cut costs by $12M a year.\n\nWorth a look?';
    expect(check({ body }, 'relevance').status).toBe('fail');
    expect(check({ body }, 'proof_point').status).toBe('pass');
    const trigger = 'Hi Elena,\n\nSweet Crumb opened 4 new bakeries in Ohio this spring. Unilever cut costs by $12M a year with our platform.\n\nWorth a look?';
    expect(check({ body: trigger }, 'relevance').status).toBe('pass');
  });
});

describe('a before/after pair', () => {
  it('is a result: "missing by 23% before, and by under 6% two quarters later"', () => {
    const body = "Here's the Norwood Software case: their forecast was missing by 23% before, and by under 6% two quarters later. Worth a look?";
    expect(check({ body }, 'proof_point').status).toBe('pass');
    expect(check({ body: "Here's the Norwood Software case: their forecast was missing by 23% before. Worth a look?" }, 'proof_point').status).not.toBe('pass');
  });
});

describe('a result told of "they"', () => {
  it('is the customer named just before: "We did the study for Luma Candle last year. They … avoided about $70k"', () => {
    const body = 'We did the nexus study for Luma Candle last year. They found 11 states and avoided about $70k in penalties. Should I send the checklist?';
    expect(check({ body }, 'proof_point').status).toBe('pass');
    const unnamed = 'We did a nexus study last year. They found 11 states and avoided about $70k in penalties. Should I send the checklist?';
    expect(check({ body: unnamed }, 'proof_point').status).not.toBe('pass');
  });
});

describe('manufactured pressure', () => {
  const body = 'Hi Carla,\n\nPricing goes up on the 1st, and onboarding slots for Q3 are almost gone.\n\nCan we talk today?\n\nJamie';

  it('fails the spam check: a price rise and slots "almost gone" are pressure', () => {
    const c = check({ body }, 'spam_words');
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual(expect.arrayContaining(['expiring offer', 'fake scarcity']));
  });

  it("is the sender's deadline, not a fact about the prospect", () => {
    expect(check({ body }, 'relevance').status).toBe('fail');
    expect(check({ body: 'Hi Carla,\n\nSaw your Q3 onboarding went live on the 1st.\n\nCan we talk today?' }, 'relevance').status).toBe('pass');
  });
});

describe('telling the reader what they will value', () => {
  it('is a stock phrase: "I think you\'d find a 45-minute demo really valuable"', () => {
    const c = check({ body: "As Head of Brand Marketing, I think you'd find a demo really valuable. Does Wednesday work?" }, 'cliches');
    expect(c.status).toBe('warn');
    expect(check({ body: 'You could find the gaps in a week with the checklist. Does Wednesday work?' }, 'cliches').status).toBe('pass');
  });
});
