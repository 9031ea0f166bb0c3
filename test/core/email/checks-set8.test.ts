// What set 8 showed the checks misread — facts about the prospect from their own documents and their market, stock
// outcomes passing as a value proposition, and asks that demand a lot — each on a crafted email that is not in any
// labelled set (docs/email-rubric.md, "After set 8").
import { describe, expect, it } from 'vitest';
import { frictionOf } from '../../../core/email/checks/ask.ts';
import { scoreEmail } from '../../../core/email/rubric.ts';
import { namedEntities } from '../../../core/email/text-signals.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};
const PITCH =
  'We route every supplier invoice to the right approver, so month-end closes faster. Pellwood Foods cut their close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
const relevanceOf = (opening: string) => check({ body: `Hi Omar,\n\n${opening}\n\n${PITCH}` }, 'relevance').status;

describe('a fact from something the prospect published', () => {
  it('reads a job ad by what it says: "Your open AP analyst role mentions keying in supplier invoices"', () => {
    expect(relevanceOf('Your open AP analyst role mentions keying in supplier invoices by hand, the slowest part of any close we have seen.')).toBe('pass');
  });

  it('but only what the record says specifically: "Your careers page says you are growing fast" is no detail', () => {
    expect(relevanceOf("Your careers page says you're growing fast.")).not.toBe('pass');
  });

  it('reads a registry or filing listing, and "US" in capitals is the country, not the sender', () => {
    expect(relevanceOf('Your expansion filing on Companies House lists 3 new UK sites opening before the autumn.')).toBe('pass');
    expect(relevanceOf('Your supplier portal in the US lists 40 approved vendors across 6 states.')).toBe('pass');
  });

  it('reads what their executive said on a call: "On Tuesday\'s investor call your CFO flagged…"', () => {
    expect(relevanceOf("On Tuesday's investor call your CFO flagged late supplier payments as a margin risk.")).toBe('pass');
  });
});

describe('a change in their market or a rule that hits their business', () => {
  it('is a fact about them: carriers that have added a question set this year, a relief that no longer applies', () => {
    expect(relevanceOf('Freight insurers have added a new cold-chain question set for food distributors this year.')).toBe('pass');
    expect(relevanceOf('Now that EU duty relief no longer applies, every pallet Kessel Foods ships from Antwerp to Oslo needs a customs entry.')).toBe('pass');
  });

  it('but a population with no change and no date is still an industry statistic', () => {
    expect(relevanceOf('Most food distributors lose 4% of margin to late invoices.')).not.toBe('pass');
    expect(relevanceOf('Many companies have added AI tools this year.')).not.toBe('pass');
  });
});

describe('what is not a fact about the prospect', () => {
  it('"recently" is no detail: "Saw that Acme raised funding recently, congrats!" warns', () => {
    expect(relevanceOf('Saw that Acme raised funding recently, congrats!')).toBe('warn');
    expect(relevanceOf('Saw that Acme raised a $12M Series A last week.')).toBe('pass');
  });

  it('a request naming their people is what the sender wants, not news about them', () => {
    const body =
      'Hi Omar,\n\nTo see the fit, please block 60 minutes next week with your CFO, controller and AP lead.\n\nWe route every supplier invoice to the right approver.\n\nDoes Tuesday work?\n\nBest,\nRita\nLedgerly';
    expect(check({ body }, 'relevance').status).toBe('fail');
  });

  it('a follow-up recapping the thread names what it was about: the topic at their company is the detail', () => {
    const body =
      "Hi Omar,\n\nI've written twice before about invoice exceptions at Kessel Foods and haven't heard back.\n\nPellwood Foods cut their close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly";
    expect(check({ body }, 'relevance').status).toBe('pass');
  });
});

describe('proof and value in name only', () => {
  it('a logo count is a claim nobody can check: "Trusted by 500+ companies"', () => {
    const body = 'Hi Omar,\n\nTrusted by 500+ companies, we help finance teams close the books in days.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body }, 'proof_point').status).toBe('warn');
  });

  it('"I\'ve" is the writer, not a customer: an attached 30-page deck is no proof', () => {
    expect(namedEntities("I've attached our 30-page deck")).toEqual([]);
    const body = "Hi Omar,\n\nI've attached our 30-page deck and our pricing sheet.\n\nWorth a look?\n\nBest,\nRita\nLedgerly";
    expect(check({ body }, 'proof_point').status).not.toBe('pass');
  });

  it('a customer named as having done what the sentence before measured owns that result', () => {
    const body =
      'Hi Omar,\n\nDistributors that match invoices on receipt save about £90 a supplier a year. Pellwood Foods did it last spring with their existing ERP.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body }, 'proof_point').status).toBe('pass');
  });

  it("the clause after one saying whom the work was for tells that customer's result", () => {
    const body = 'Hi Omar,\n\nFor Pellwood Foods we moved approvals into the ERP; their close went from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body }, 'proof_point').status).toBe('pass');
    const nobody = 'Hi Omar,\n\nWe moved approvals into the ERP; the close went from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body: nobody }, 'proof_point').status).toBe('warn');
  });

  it('a value proposition made only of stock outcomes fails; one with some substance warns', () => {
    const stock = 'Hi Omar,\n\nTrusted by 500+ companies, we help teams like yours drive results faster.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body: stock }, 'value_proposition').status).toBe('fail');
    const some = 'Hi Omar,\n\nWe help teams like yours close invoices faster.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body: some }, 'value_proposition').status).toBe('warn');
  });
});

describe('the ask weighs what it demands', () => {
  const email = (middle: string, ask = 'Does Thursday work?') =>
    `Hi Omar,\n\nWe route every supplier invoice to the right approver. Pellwood Foods cut their close from 9 days to 4.\n\n${middle}\n\n${ask}\n\nBest,\nRita\nLedgerly`;

  it('two demands (a long block, homework, attachments to read, several of their people) make it fail', () => {
    const body = email(
      "Please set aside 90 minutes for a full demo. I've attached a vendor questionnaire for you to complete beforehand.",
      'Does Thursday work?',
    );
    const c = check({ body }, 'call_to_action');
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual(expect.arrayContaining(['demands a long block of their time', 'demands homework']));
    expect(frictionOf(["I've attached our 48-page deck, our MSA and our price list.", 'Bring your CFO, controller and AP lead.'])).toEqual([
      'attachments to read',
      'several of their people',
    ]);
  });

  it('reads a 10,000-character paste of list-like text without backtracking (a list with no "and" is no list)', () => {
    expect(frictionOf(['with your cfo, '.repeat(700)])).toEqual([]);
    expect(frictionOf(['attached deck, '.repeat(700)])).toEqual([]);
    expect(frictionOf([`I've attached ${'the deck, '.repeat(700)}and our MSA.`])).toEqual(['attachments to read']);
    expect(frictionOf([`Please bring your ${'cfo, '.repeat(2000)}and controller.`])).toEqual([]);
    expect(frictionOf(['A demo with your CIO, CISO, CTO, head of IAM and procurement lead.'])).toEqual(['several of their people']);
    expect(frictionOf(['A demo with your CIO and CISO.'])).toEqual([]);
  });

  it('one demand alone is not a fail, and a short call demands nothing', () => {
    expect(check({ body: email('Happy to keep it short.', 'Worth a 45-minute walkthrough on Thursday?') }, 'call_to_action').status).toBe('warn');
    expect(check({ body: email('Happy to keep it short.', 'Worth a 15-minute look on Thursday?') }, 'call_to_action').status).toBe('pass');
    expect(frictionOf(["I've attached the one-page checklist."])).toEqual([]);
    // Their own decision is not homework we set, and pages we would fix are not pages to read.
    expect(frictionOf(['Would a 45-minute call be useful before you sign the venue contract?', 'Should I send the 12 pages and the fix for each?'])).toEqual([
      'a long block of their time',
    ]);
  });
});

describe('the same facts in other words', () => {
  it('a record named anywhere in the sentence, with what it says about them', () => {
    expect(relevanceOf('The job ad for your AP lead role mentions matching 3,000 invoices a month by hand.')).toBe('pass');
    expect(relevanceOf("On Thursday's earnings call you told analysts that supplier costs rose 6% in Q3.")).toBe('pass');
  });

  it('a change under way or just decided in their market, with a date', () => {
    expect(relevanceOf('Norwegian supermarkets are phasing out unlabelled pallets from June for every food distributor.')).toBe('pass');
    expect(relevanceOf('The EU deforestation rule was adopted last month and covers every cocoa importer.')).toBe('pass');
  });

  it('a rule that now requires something of them, from a date', () => {
    expect(relevanceOf('Starting in March, Norwegian customs will require a pre-arrival notice for every food pallet from the EU.')).toBe('pass');
  });
});

describe('the trigger tied to the pitch through a compound word', () => {
  it('"interviewing radiologists" is picked up by "a 12-radiologist diary study"', () => {
    const body =
      'Hi Beth,\n\nYour open UX researcher role mentions interviewing radiologists, a hard audience to book.\n\nWe filled a 12-radiologist diary study for ScanAI in 8 days last quarter.\n\nWould a quote help?\n\nBest,\nArjun\nPanelPoint';
    expect(check({ body }, 'trigger_link').status).toBe('pass');
    const elsewhere = body.replace('a 12-radiologist diary study', 'a 12-person diary study');
    expect(check({ body: elsewhere }, 'trigger_link').status).toBe('warn');
  });
});
