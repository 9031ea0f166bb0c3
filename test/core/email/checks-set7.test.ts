// What set 7 showed the checks misread, and the checks of meaning added after it, each on a crafted email that is
// not in any labelled set (docs/email-rubric.md, "After set 7").
import { describe, expect, it } from 'vitest';
import { scoreEmail } from '../../../core/email/rubric.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};
const PITCH =
  'We route every supplier invoice to the right approver, so month-end closes faster. Pellwood Foods cut their close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';

describe('an industry statistic or a crowd of unnamed customers', () => {
  it('is not a fact about the prospect: "Studies show that retailers lose 31%…" gives no relevance', () => {
    const body = `Hi Omar,\n\nStudies show that retailers lose 31% of margin to manual returns.\n\n${PITCH}`;
    expect(check({ body }, 'relevance').status).not.toBe('pass');
    const crowd = `Hi Omar,\n\nOver 4,000 brands trust Ledgerly to close faster.\n\n${PITCH}`;
    expect(check({ body: crowd }, 'relevance').status).not.toBe('pass');
  });

  it('is a claim nobody can check, not proof: "Our clients have cut costs by 41.5%", "up to 5x"', () => {
    const vague = 'Hi Omar,\n\nOur clients have cut approval costs by 41.5% and sped up close by 62.3%.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body: vague }, 'proof_point').status).toBe('warn');
    const upTo = 'Hi Omar,\n\nFinance teams see up to 5x faster approvals with Ledgerly.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body: upTo }, 'proof_point').status).not.toBe('pass');
  });

  it('still lets one customer, named or described, be proof', () => {
    const one = 'Hi Omar,\n\nOne of our clients, a 40-store grocer, cut approval time by 41%.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body: one }, 'proof_point').status).toBe('pass');
    expect(check({ body: `Hi Omar,\n\n${PITCH}` }, 'proof_point').status).toBe('pass');
  });
});

describe('a fact the writer just said they looked at, and a rule that now applies', () => {
  it('reads the figure after "Was reading your reviews." as about them', () => {
    const body = `Hi Omar,\n\nWas reading your app store reviews. Nine of the last twenty mention refunds taking weeks.\n\n${PITCH}`;
    expect(check({ body }, 'relevance').status).toBe('pass');
  });

  it('reads a regulation that "has applied since March" as a trigger', () => {
    const body = `Hi Omar,\n\nThe EU Accessibility Act has applied since June, and audits of online shops start this autumn.\n\n${PITCH}`;
    expect(check({ body }, 'relevance').status).toBe('pass');
  });
});

describe('trigger tied to the pitch (trigger_link)', () => {
  it('fails a compliment that leads nowhere: the trigger, praise, then the sender describing itself', () => {
    const body =
      'Hi Omar,\n\nSaw that Brightfield just opened its third store in Leeds. Congratulations, what a milestone!\n\nWe are a retail software company working with grocers across Europe. I would love to learn more about your plans.\n\nDo you have 30 minutes next week?\n\nBest,\nRita\nLedgerly';
    const c = check({ body }, 'trigger_link');
    expect(c.status).toBe('fail');
    expect(c.evidence[0]).toContain('third store in Leeds');
  });

  it('fails a personal trigger: a race, a holiday, a wedding says nothing about what the business needs', () => {
    const body = `Hi Omar,\n\nSaw on LinkedIn that you finished the Berlin half marathon on Sunday in 1:38.\n\n${PITCH}`;
    expect(check({ body }, 'trigger_link')).toMatchObject({ status: 'fail', measured: 'a personal trigger' });
  });

  it('passes the same praise when the next sentence says what the event means for them', () => {
    const body =
      'Hi Omar,\n\nCongrats on the Series B. Most finance teams at that stage still close the books in 10+ days, because approvals run through email.\n\n' +
      PITCH;
    expect(check({ body }, 'trigger_link').status).toBe('pass');
    const guess = 'Hi Omar,\n\nCongrats on opening the Leeds store. I am guessing supplier invoices for three stores now land in one shared inbox.\n\n' + PITCH;
    expect(check({ body: guess }, 'trigger_link').status).toBe('pass');
    // A second fact about them before "…: we did X" is read on its own.
    const colon =
      'Hi Omar,\n\nCongrats on the Series B. If the plan includes the four finance roles on your careers page: we closed the books for Pellwood Foods in 4 days with a team of two.\n\nWorth a look?\n\nBest,\nRita';
    expect(check({ body: colon }, 'trigger_link').status).toBe('pass');
  });

  it('passes when the pitch picks up the trigger topic, and has nothing to tie when there is no trigger', () => {
    const body = `Hi Omar,\n\nSaw Brightfield moved supplier invoices onto SAP last month.\n\nWe route every supplier invoice to the right approver inside SAP. Pellwood Foods cut their close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita`;
    expect(check({ body }, 'trigger_link').status).toBe('pass');
    expect(check({ body: `Hi Omar,\n\n${PITCH}` }, 'trigger_link')).toMatchObject({ status: 'pass', measured: 'no trigger to tie' });
  });
});

describe('written for this reader (audience_fit)', () => {
  const jargon =
    'Hi Omar,\n\nAs CFO of Brightfield, you know how painful it is when API latency spikes and your SREs chase traces across microservices.\n\nOur agent instruments every Kubernetes deployment with eBPF and streams telemetry in real time.\n\nCan we walk you through the architecture on Thursday?\n\nBest,\nRita';

  it('fails an engineering pitch written to a CFO', () => {
    const c = check({ body: jargon }, 'audience_fit');
    expect(c.status).toBe('fail');
    expect(c.measured).toContain('engineering pitch to a reader in finance');
  });

  it('reads the role from the CRM when the email does not name it', () => {
    const body = jargon.replace('As CFO of Brightfield, you know', 'You know');
    expect(check({ body }, 'audience_fit').status).toBe('pass');
    expect(check({ body, lead: { title: 'Chief Financial Officer, Finance' } }, 'audience_fit').status).toBe('fail');
    expect(check({ body, lead: { title: 'VP Engineering' } }, 'audience_fit').status).toBe('pass');
    // A role that owns two functions is pitched well in either's words.
    expect(check({ body, lead: { title: 'Head of Finance & IT' } }, 'audience_fit').status).toBe('pass');
  });

  it('passes a pitch about what the role owns', () => {
    const body =
      'Hi Omar,\n\nAs CFO of Brightfield, you are probably closing the books across three new stores this quarter.\n\nWe route supplier invoices to approvers and cut close time; Pellwood Foods went from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita';
    expect(check({ body }, 'audience_fit').status).toBe('pass');
  });

  it('fails a pitch about shareholders and sales targets to a charity', () => {
    const body =
      'Hi Omar,\n\nI came across the Northside Food Bank and its work this winter. As you plan to grow revenue and shareholder value, our platform helps your sales team close more deals.\n\nWorth a call?\n\nBest,\nRita';
    expect(check({ body }, 'audience_fit').status).toBe('fail');
  });
});

describe('the score mapping', () => {
  it('keeps a weak email whose only substance is a compliment and a crowd claim below 65, and the fixed one above 75', () => {
    const weak =
      'Hi Omar,\n\nCongrats on the new Leeds store, what a milestone!\n\nOver 2,000 retailers trust Ledgerly, and our clients see up to 3x faster approvals.\n\nWould you be open to a 30-minute call?\n\nBest,\nRita\nLedgerly';
    const strong =
      'Hi Omar,\n\nCongrats on the new Leeds store. With three stores, supplier invoices usually pile up in one shared inbox at month-end.\n\nWe route each invoice to the right approver. Pellwood Foods cut their close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(scoreEmail({ body: weak }).score).toBeLessThan(65);
    expect(scoreEmail({ body: strong }).score).toBeGreaterThanOrEqual(75);
  });
});

describe('a product with a spec list', () => {
  it('is the sender describing its catalogue, not news about the prospect', () => {
    const body =
      'Hi Omar,\n\nLedgerly offers OCR capture, three-way matching, approval routing, SAP and NetSuite sync, audit trails, mobile approvals and an open API.\n\nWould you like a quote?\n\nRegards,\nRita';
    expect(check({ body }, 'relevance').status).toBe('fail');
  });
});

describe('results bulleted under a line naming the customer', () => {
  it('are that customer’s results: "What we did for Pellwood when they opened a second site:" then bullets', () => {
    const body =
      'Hi Omar,\n\nSaw Brightfield opened its Leeds store last week.\n\nWhat we did for Pellwood Foods when they opened a second site:\n- Supplier setup moved into one queue in 2 weeks\n- Approval time 40% below what it was\n- No late-payment fees since\n\nWorth a look?\n\nBest,\nRita';
    expect(check({ body }, 'proof_point').status).toBe('pass');
    // The header lends a customer, not a result: feature bullets under it are no proof.
    const features = body
      .replace('- Supplier setup moved into one queue in 2 weeks', '- One supplier queue')
      .replace('- Approval time 40% below what it was', '- Mobile approvals')
      .replace('- No late-payment fees since', '- An audit trail');
    expect(check({ body: features }, 'proof_point').status).not.toBe('pass');
  });
});

describe('a company name that opens the sentence', () => {
  const pitch =
    '\n\nWe route every supplier invoice to the right approver. Pellwood Foods cut their close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
  const body = `Hi Dana,\n\nKontoflow keys in 4,000 invoices a month by hand.${pitch}`;

  it('is a name when the subject line, the lead or a possessive says so, so the opening figure is about them', () => {
    expect(check({ body, subject: 'Invoices at Kontoflow' }, 'relevance').status).toBe('pass');
    expect(check({ body, lead: { company: 'Kontoflow' } }, 'relevance').status).toBe('pass');
    expect(check({ body: `Hi Dana,\n\nKontoflow's AP team keys in 4,000 invoices a month by hand.${pitch}` }, 'relevance').status).toBe('pass');
  });

  it('is only a capitalised first word otherwise, like "Studies"', () => {
    expect(check({ body }, 'relevance').status).toBe('fail');
  });
});
