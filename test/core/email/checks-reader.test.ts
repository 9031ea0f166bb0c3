// Questions, calls to action, "you" focus, spam words, shouting, links and personalisation on crafted emails.
import { describe, expect, it } from 'vitest';
import { scoreEmail } from '../../../core/email/rubric.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};

describe('questions check', () => {
  it('warns when there is no question', () => {
    expect(check({ body: 'Your reps could ramp faster. Let me know.' }, 'questions').status).toBe('warn');
  });

  it('passes one to three questions and fails four, quoting each', () => {
    expect(check({ body: 'Is ramp slow? Are reps busy? Want a look?' }, 'questions').status).toBe('pass');
    const c = check({ body: 'Is ramp slow? Are reps busy? Is hiring hard? Want a look?' }, 'questions');
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual(['"Is ramp slow?"', '"Are reps busy?"', '"Is hiring hard?"', '"Want a look?"']);
  });
});

describe('call to action check', () => {
  it('fails when there is no ask', () => {
    expect(check({ body: 'Your reps could ramp faster with daily practice.' }, 'call_to_action').status).toBe('fail');
  });

  it('passes exactly one interest-based ask', () => {
    const c = check({ body: 'Reps ramp faster with practice. Would you be open to a quick look?' }, 'call_to_action');
    expect(c.status).toBe('pass');
    expect(c.evidence).toEqual(['"Would you be open to a quick look?"']);
  });

  it('warns on two asks and lists both', () => {
    const c = check({ body: 'Are you free Tuesday? Or just reply with a good time.' }, 'call_to_action');
    expect(c.status).toBe('warn');
    expect(c.evidence).toEqual(['"Are you free Tuesday?"', '"Or just reply with a good time."']);
  });

  it('counts a calendar link as an ask and fails three', () => {
    const c = check(
      { body: 'Can we talk? Grab time here: calendly.com/sam/15. Let me know if Friday works.' },
      'call_to_action',
    );
    expect(c.status).toBe('fail');
    expect(c.measured).toBe(3);
  });

  it('points a single meeting ask toward an interest-based one', () => {
    expect(check({ body: 'Can we book a 30 minute call on Tuesday?' }, 'call_to_action').advice).toMatch(/interest-based/);
  });
});

describe('"you" vs "I/we" check', () => {
  it('passes when you-words match or outnumber I/we-words and gives both counts', () => {
    const c = check({ body: 'You and your team could ramp faster. We can help. Open to a look?' }, 'you_focus');
    expect(c.status).toBe('pass');
    expect(c.evidence).toEqual(['2 "you" words', '1 "I/we" word']);
  });

  it('warns when slightly self-focused and fails when I/we words are more than double', () => {
    expect(check({ body: 'We help teams like yours. I think you would like it. Our tool is simple.' }, 'you_focus').status).toBe('warn');
    expect(check({ body: "I'm Bob. We build tools. Our team and I love them. You might too." }, 'you_focus').status).toBe('fail');
  });

  it('does not count "US" (the country) as "us"', () => {
    expect(check({ body: 'You sell across the US. Open to a look?' }, 'you_focus').evidence).toEqual(['1 "you" word', '0 "I/we" words']);
  });
});

describe('spam-word check', () => {
  it('quotes each trigger phrase as written, longest match first', () => {
    const c = check({ subject: 'Act now', body: 'Get a 100% free trial today. Risk-free, guaranteed.' }, 'spam_words');
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual(['Act now', '100% free', 'Risk-free', 'guaranteed']);
  });

  it('warns on a single trigger word', () => {
    const c = check({ body: 'It comes with a free onboarding plan. Open to a look?' }, 'spam_words');
    expect(c.status).toBe('warn');
    expect(c.evidence).toEqual(['free']);
  });

  it('matches whole words only and leaves availability questions alone', () => {
    const c = check({ body: 'Are you free Tuesday? Our freelance writers feel carefree. Feel free to pass.' }, 'spam_words');
    expect(c.status).toBe('pass');
  });
});

describe('shouting check', () => {
  it('flags ALL CAPS words and "!!" but not acronyms or lead names', () => {
    const c = check(
      { body: 'Our CRM and API save your CEO time. IBM loves it. This is HUGE!! Open to a look?', lead: { company: 'IBM' } },
      'shouting',
    );
    expect(c.evidence).toEqual(['HUGE', '!!']);
    expect(c.status).toBe('fail');
  });

  it('warns on a single capitalised word', () => {
    expect(check({ body: 'This is URGENT. Open to a look?' }, 'shouting').status).toBe('warn');
  });
});

describe('links check', () => {
  it('counts full URLs and bare domains, but not email addresses or Node.js', () => {
    const c = check(
      { body: 'See https://acme.io/a, www.acme.io and acme.io/pricing. Mail sam@acme.io. We use Node.js. Open?' },
      'links',
    );
    expect(c.evidence).toEqual(['https://acme.io/a', 'www.acme.io', 'acme.io/pricing']);
    expect(c.status).toBe('fail');
  });

  it('passes one link and warns on two', () => {
    expect(check({ body: 'See acme.io. Open to a look?' }, 'links').status).toBe('pass');
    expect(check({ body: 'See acme.io and globex.com. Open to a look?' }, 'links').status).toBe('warn');
  });
});

describe('personalisation check', () => {
  it.each(['{{first_name}}', '[First Name]', '{FirstName}', '%FIRSTNAME%', '{!Lead.Company}'])(
    'fails the unfilled token %s and quotes it',
    (token) => {
      const c = check({ body: `Hi ${token}, open to a look?` }, 'personalisation');
      expect(c.status).toBe('fail');
      expect(c.evidence).toEqual([token]);
    },
  );

  it('passes when the body mentions the lead’s company, city and tech, listing each', () => {
    const c = check(
      {
        body: 'Hi Dana,\n\nAcme Robotics runs on HubSpot out of Denver. Open to a look?',
        lead: { firstName: 'Dana', company: 'Acme Robotics Inc.', city: 'Denver', techStack: ['HubSpot', 'Slack'] },
      },
      'personalisation',
    );
    expect(c.status).toBe('pass');
    expect(c.evidence).toEqual(['company: Acme Robotics', 'city: Denver', 'tech: HubSpot']);
  });

  it('passes a specific observation even without lead facts', () => {
    const c = check({ body: 'Congrats on the Series B. Open to a look?' }, 'personalisation');
    expect(c.status).toBe('pass');
    expect(c.evidence).toEqual(['"Congrats on the Series B."']);
  });

  it('warns when only a first-name greeting is personal', () => {
    const c = check({ body: 'Hi Dana,\n\nReps ramp faster with practice. Open to a look?' }, 'personalisation');
    expect(c.status).toBe('warn');
    expect(c.evidence).toEqual(['Hi Dana,']);
  });

  it('fails a generic greeting with nothing personal', () => {
    expect(check({ body: 'Hi there,\n\nReps ramp faster with practice. Open to a look?' }, 'personalisation').status).toBe('fail');
  });

  it('keeps Markdown links from counting as tokens', () => {
    expect(check({ body: 'Congrats on the [launch](https://acme.io). Open?' }, 'personalisation').status).toBe('pass');
  });
});
