// The ask, "you" focus, spam, shouting, links and relevance on crafted emails.
import { describe, expect, it } from 'vitest';
import { scoreEmail } from '../../../core/email/rubric.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};

describe('the ask, recognised by structure', () => {
  it('fails when nothing is asked', () => {
    expect(check({ body: 'Your reps could ramp faster with daily practice.' }, 'call_to_action').status).toBe('fail');
  });

  it.each([
    ['Should I send the two-page teardown to you or to your AppSec lead?', 'action'],
    ['Would a shortlist of three pre-audited suppliers be useful?', 'action'],
    ['Is Thursday at 10 CET bad for a short call with your maintenance lead?', 'time'],
    ['Who owns vendor onboarding on your side until that hire starts?', 'referral'],
    ['Is that a problem worth fixing this quarter?', 'interest'],
    ['Want me to run a cost scan on one week of your query history?', 'action'],
  ])('passes one question proposing a step: %s', (ask, kind) => {
    const c = check({ body: `Kovac Moulding cut complaints by 71%. ${ask}` }, 'call_to_action');
    expect(c.status).toBe('pass');
    expect(c.measured).toBe(`1 ask (${kind})`);
  });

  it('does not take a discovery or rhetorical question for an ask', () => {
    expect(check({ body: 'How are you handling alert volume today? Did you know 43% of teams miss alerts?' }, 'call_to_action').status).toBe('fail');
  });

  it('fails a passive "let me know if interested" as the only ask', () => {
    const c = check({ body: 'We help teams ramp faster. Please let me know if interested.' }, 'call_to_action');
    expect(c.status).toBe('fail');
    expect(c.evidence[0]).toContain('(passive)');
  });

  it('warns on an ask that is not a question', () => {
    expect(check({ body: 'Reps ramp faster with practice. Book a time here: calendly.com/sam/15' }, 'call_to_action').status).toBe('warn');
  });

  it('warns on two separate asks, fails three, and reads "…? Or …?" as one ask with two ways to say yes', () => {
    const two = check({ body: 'Are you free Tuesday for a call? Should I also send the pricing sheet?' }, 'call_to_action');
    expect(two.status).toBe('warn');
    expect(two.measured).toBe('2 asks');
    const three = check({ body: 'Are you free Tuesday for a call? Should I also send the pricing sheet? Can you loop in your CFO?' }, 'call_to_action');
    expect(three).toMatchObject({ status: 'fail', measured: '3 asks' });
    const either = check({ body: 'Are you free Tuesday for a call? Or should I send a short video first?' }, 'call_to_action');
    expect(either.status).toBe('pass');
    expect(either.evidence).toHaveLength(2);
  });

  it('fails a manufactured deadline on its own', () => {
    expect(check({ body: 'Our price goes back to list on Friday. Open to a call?' }, 'spam_words').status).toBe('fail');
  });

  it('fails three or more competing asks, including requests after a leading condition', () => {
    const c = check(
      {
        body: 'Could you tell me who leads the migration? Also, would you be open to a demo next week? And if you have a minute, could you fill out our survey?',
      },
      'call_to_action',
    );
    expect(c.status).toBe('fail');
    expect(c.measured).toBe('3 asks');
  });

  it('only warns on a closing follow-up that leaves something useful and asks nothing; a first touch still fails', () => {
    const breakup =
      'I’ve reached out a couple of times about handoff notes. I’ll stop emailing. I’ve attached the two-page checklist Bakerstone used to cut downtime by 27%.';
    expect(check({ body: breakup }, 'call_to_action').status).toBe('warn');
    expect(check({ body: breakup, isFirstTouch: true }, 'call_to_action').status).toBe('fail');
    expect(check({ body: 'I’ve reached out a couple of times about handoff notes. I’ll stop emailing.' }, 'call_to_action').status).toBe('fail');
  });

  it('reads an offer right after the question it answers as the same ask', () => {
    const c = check({ body: 'Cobalt cut bounces by 40%. Want the three DNS records you need? I’ll send them, no strings.' }, 'call_to_action');
    expect(c).toMatchObject({ status: 'pass', measured: '1 ask (interest)' });
    expect(c.evidence).toHaveLength(2);
    // An offer that is not answering a question before it is a second ask.
    expect(check({ body: 'I can send the plan. Cobalt cut bounces by 40%. Are you free Tuesday?' }, 'call_to_action').status).toBe('warn');
  });

  it('counts the requests one question strings together, but not a step said with "let me know"', () => {
    const stacked = check(
      {
        body: 'Could you book a demo with me here [link], download our new whitepaper [link], and let me know who else on your team I should loop in?',
      },
      'call_to_action',
    );
    expect(stacked).toMatchObject({ status: 'fail', measured: '3 asks' });
    const two = check({ body: 'Could you fill out our intake form and book a call with our founder?' }, 'call_to_action');
    expect(two).toMatchObject({ status: 'warn', measured: '2 asks' });
    expect(check({ body: 'Could you take a look at the plan and let me know?' }, 'call_to_action').status).toBe('pass');
    expect(check({ body: 'Could you tell me who owns billing, payroll and HR?' }, 'call_to_action').status).toBe('pass');
  });

  it('takes "please" with a verb as a request, but not "please let me know"', () => {
    const c = check({ body: 'Can you reply with your salary bands? Please forward this to HR.' }, 'call_to_action');
    expect(c).toMatchObject({ status: 'warn', measured: '2 asks' });
    expect(c.evidence[1]).toContain('(imperative)');
  });

  it('warns on a high-effort ask (a long meeting, a signature)', () => {
    expect(check({ body: 'Could you get your team together for a 2-hour workshop next week?' }, 'call_to_action').status).toBe('warn');
    expect(check({ body: 'Can we book a 45 minute call on Tuesday?' }, 'call_to_action').status).toBe('warn');
    expect(check({ body: 'Can you sign today so I can lock in your pricing?' }, 'call_to_action').advice).toMatch(/small first/);
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
    const c = check({ body: 'Our CRM and API save your CEO time. IBM loves it. This is HUGE!! Open to a look?', lead: { company: 'IBM' } }, 'shouting');
    expect(c.evidence).toEqual(['HUGE', '!!']);
    expect(c.status).toBe('fail');
  });

  it('does not take acronyms, currency codes or a term repeated from the subject for shouting', () => {
    const c = check({ subject: 'DORA testing', body: 'Under DORA you need TLPT. Rinse got CAC to EUR 24 against EUR 41. DMARC next?' }, 'shouting');
    expect(c.evidence).toEqual(['DORA']);
    expect(c.status).toBe('warn');
  });

  it('warns on a single capitalised word', () => {
    expect(check({ body: 'This is URGENT. Open to a look?' }, 'shouting').status).toBe('warn');
  });
});

describe('links check', () => {
  it('counts full URLs and bare domains, but not email addresses or Node.js', () => {
    const c = check({ body: 'See https://acme.io/a, www.acme.io and acme.io/pricing. Mail sam@acme.io. We use Node.js. Open?' }, 'links');
    expect(c.evidence).toEqual(['https://acme.io/a', 'www.acme.io', 'acme.io/pricing']);
    expect(c.status).toBe('fail');
  });

  it('passes one link and warns on two', () => {
    expect(check({ body: 'See acme.io. Open to a look?' }, 'links').status).toBe('pass');
    expect(check({ body: 'See acme.io and globex.com. Open to a look?' }, 'links').status).toBe('warn');
  });
});

describe('relevance check', () => {
  it.each(['{{first_name}}', '[First Name]', '{FirstName}', '%FIRSTNAME%', '{!Lead.Company}'])('fails the unfilled token %s and quotes it', (token) => {
    const c = check({ body: `Hi ${token}, open to a look?` }, 'relevance');
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual([token]);
  });

  it('passes a specific, dated observation about the prospect', () => {
    const c = check({ body: 'Saw Lumora Pay posted three reconciliation roles in Lisbon last week. Open to a look?' }, 'relevance');
    expect(c.status).toBe('pass');
    expect(c.evidence[0]).toContain('three reconciliation roles');
  });

  it('does not count the prospect’s name, company or title as relevance', () => {
    const c = check({ body: 'Hi Tom,\n\nAs VP of Engineering at Redwood Analytics, you are probably busy. Open to a look?' }, 'relevance');
    expect(c.status).not.toBe('pass');
  });

  it('does not pass flattery, and only warns on an observation without a detail', () => {
    expect(check({ body: 'Saw your recent LinkedIn post, great insights. Worth a chat?' }, 'relevance').status).toBe('fail');
    expect(check({ body: 'Saw your recent LinkedIn post about hiring. Worth a chat?' }, 'relevance').status).toBe('warn');
  });

  it('passes when the email uses the lead’s recent activity or notes, and only warns on static facts', () => {
    const lead = { firstName: 'Dana', company: 'Acme', techStack: ['HubSpot'], notes: ['Dana said onboarding new reps takes three months'] };
    const live = check({ body: 'Hi Dana,\n\nYou mentioned onboarding new reps takes months. Open to a look?', lead }, 'relevance');
    expect(live.status).toBe('pass');
    expect(live.evidence).toContain('recent: Dana said onboarding new reps takes three months');
    expect(check({ body: 'Hi Dana,\n\nYour team uses HubSpot. Open to a look?', lead }, 'relevance').status).toBe('warn');
  });

  it('reads a reason clause about them, their product as the subject, and first-hand research as facts about them', () => {
    expect(check({ body: 'With the Dayton plant adding a second shift, leaks cost twice as much. Open to an audit?' }, 'relevance').status).toBe('pass');
    expect(check({ body: 'Your booking page only sends a confirmation email, no SMS reminder. Open to a look?' }, 'relevance').status).toBe('warn');
    expect(check({ body: 'Quick heads-up: greenleaf.io has no DMARC record, and Gmail and Yahoo now require one. Want the fix?' }, 'relevance').status).toBe(
      'pass',
    );
    expect(check({ body: 'I signed up for Brewbox last week to see your welcome flow. Should I send the teardown?' }, 'relevance').status).toBe('pass');
    // A guess, a role or an industry average is not a fact about them.
    expect(check({ body: 'Your team could probably use faster onboarding. Open to a look?' }, 'relevance').status).toBe('fail');
    expect(check({ body: 'With cart abandonment averaging 70% across e-commerce, every checkout counts. Open to a look?' }, 'relevance').status).toBe('fail');
  });

  it('reads the premise of a one-sentence question: "with 9 new AEs starting this month, would …?"', () => {
    const body = 'Hi Jane, with 9 new AEs starting at Acme this month, would a scorecard that cut ramp by 3 weeks at Tessel be useful? Happy to send it over.';
    expect(check({ body }, 'relevance').status).toBe('pass');
    expect(check({ body }, 'proof_point').status).toBe('pass');
    expect(check({ body }, 'call_to_action').status).toBe('pass');
  });

  it('only warns on a tech-stack list or a result claim that names tools: static facts, not news', () => {
    expect(check({ body: 'I noticed Kontoflow uses AWS, Kubernetes and PostgreSQL. Open to a chat?' }, 'relevance').status).toBe('warn');
    expect(check({ body: 'Acme uses Salesforce, Slack and Gong. Companies using Salesforce see 62% more pipeline. Worth a look?' }, 'relevance').status).toBe(
      'fail',
    );
  });

  it('does not take news about the sender (named in the sign-off) for news about the prospect', () => {
    const body = (news: string) => `Hi Christine,\n\n${news}\n\nDo you have time for a quick call this week?\n\nBest regards,\nNathan Cole\nFinLoop`;
    expect(check({ body: body('FinLoop was recently named a Top 50 Fintech Company by FinTech Breakthrough.') }, 'relevance').status).toBe('fail');
    expect(check({ body: body('Halverson Group was recently named a Top 50 Fintech Company by FinTech Breakthrough.') }, 'relevance').status).toBe('pass');
  });

  it('keeps Markdown links from counting as tokens', () => {
    expect(check({ body: 'Congrats on the [launch](https://acme.io) last week. Open?' }, 'relevance').status).toBe('pass');
  });
});

describe('a measured result', () => {
  const proofOf = (sentence: string) =>
    scoreEmail({ body: `Hi Dana,\n\n${sentence}\n\nWould a copy of the plan help?\n\nSam` }).checks.find((c) => c.id === 'proof_point')!.status;

  it('needs a quantity: a percentage, money, a count or a before/after', () => {
    expect(proofOf('Brightline grew bookings 40% with us.')).toBe('pass');
    expect(proofOf('Brightline recovered $412,000 in duplicate bills.')).toBe('pass');
  });

  it('reads a level reached as a result, and a named customer without a number as a weak proof, not none', () => {
    expect(proofOf('For Rinse & Co. we got first-month CAC in Germany to EUR 24 against their EUR 41 target.')).toBe('pass');
    expect(proofOf('We ran the first test cycle for Nordbank Digital and their supervisor accepted the report.')).toBe('warn');
  });

  it('does not take a spec sheet’s figures for a result', () => {
    expect(proofOf('The VX-400 at Brightline features 600 dpi, 12 ips print speed, 512 MB RAM, Wi-Fi 6, RFID encoding and a 450-meter ribbon.')).toBe('fail');
  });

  it('does not take the sender’s own funding or awards for a customer’s result', () => {
    expect(proofOf('We are trusted by finance teams and just closed our $40M Series B.')).not.toBe('pass');
    expect(proofOf('Brightline cut month-end close by 40% with our Ledger Sync module.')).toBe('pass');
  });

  it('is not a calendar year, an ordinal or the "one" of "one-word"', () => {
    expect(proofOf('I graduated from Ann Arbor in 2012 and still make it back every fall.')).not.toBe('pass');
    expect(proofOf('Even a one-word answer from Brightline would be appreciated.')).not.toBe('pass');
    expect(proofOf('Brightline finished its fifth rollout last spring.')).not.toBe('pass');
  });
});
