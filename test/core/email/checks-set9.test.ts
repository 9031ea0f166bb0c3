// What set 9 showed the checks misread — an ask that asks a stranger for internal documents, figures that measure
// nothing passing as proof and as an outcome, a customer story read as news about the prospect, and a trigger lost
// because a company shared a word with the sender — each on a crafted email that is not in any labelled set
// (docs/email-rubric.md, "After set 9").
import { describe, expect, it } from 'vitest';
import { frictionOf } from '../../../core/email/checks/ask.ts';
import { scoreEmail } from '../../../core/email/rubric.ts';
import { isOwnEntity, onlyBareFigures } from '../../../core/email/text-signals.ts';
import type { CheckId, EmailToScore } from '../../../core/email/types.ts';

const check = (email: EmailToScore, id: CheckId) => {
  const c = scoreEmail(email).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
};
const email = (middle: string, ask = 'Worth a look?') =>
  `Hi Omar,\n\nSaw Kessel Foods opened a second warehouse in Leeds last month.\n\n${middle}\n\n${ask}\n\nBest,\nRita\nLedgerly Finance`;
const PITCH = 'We route every supplier invoice to the right approver. Pellwood Foods cut their month-end close from 9 days to 4.';

describe('what an ask demands', () => {
  it('asking a stranger for internal information fails the ask on its own', () => {
    const c = check({ body: email(PITCH, "Could you send me last year's AP budget before we talk?") }, 'call_to_action');
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('demands their internal information');
    expect(frictionOf(['Could you share your current network diagram and org chart?'])).toEqual(['their internal information']);
  });

  it('but offering to send our own material, or asking for a short call, demands nothing', () => {
    expect(frictionOf(['Should I send you our two-page budget template?', 'Worth a 15-minute call on Thursday?'])).toEqual([]);
    expect(check({ body: email(PITCH, 'Should I send the two-page benchmark?') }, 'call_to_action').status).toBe('pass');
  });

  it('reads "with you, your CFO, your plant managers and …", everyone\'s availability and an on-site demo as demands', () => {
    expect(frictionOf(['A workshop with you, your CFO, your plant managers and your IT director.'])).toEqual(['several of their people']);
    expect(frictionOf(["Could you send me everyone's availability?"])).toEqual(['several of their people']);
    expect(frictionOf(['Then a half-day on-site demo at your plant.'])).toEqual(['a long block of their time']);
    expect(frictionOf(['We could follow with an on-site visit.', 'A call with you and your CFO?'])).toEqual(['a long block of their time']);
  });

  it('reads a 10,000-character paste of request-like text without a demand it does not make', () => {
    expect(frictionOf([`Please send me ${'the notes and '.repeat(800)}thanks.`])).toEqual([]);
  });
});

describe('figures that measure nothing', () => {
  it('"Acme achieved 37% with our platform, and Zenith saw 2.4x" is no proof and no outcome', () => {
    const body = email('Acme Corp achieved 37% with our platform, and Zenith Group saw 2.4x.', 'Open to 15 minutes on Tuesday?');
    expect(check({ body }, 'proof_point').status).toBe('warn');
    expect(check({ body }, 'proof_point').measured).toBe('a number that measures nothing');
    expect(check({ body }, 'value_proposition').status).toBe('fail');
  });

  it('but a figure with the thing it measures is a result', () => {
    expect(onlyBareFigures('Acme Corp achieved 37% with our platform.')).toBe(true);
    expect(onlyBareFigures('Acme Corp saw a 37% drop in churn with our platform.')).toBe(false);
    expect(onlyBareFigures('Acme Corp saw 37% fewer stockouts.')).toBe(false);
    expect(onlyBareFigures('Acme Corp cut stockouts by 37% in a quarter.')).toBe(false);
    const body = email('Acme Corp saw 37% fewer stockouts in the first quarter on our platform.');
    expect(check({ body }, 'proof_point').status).toBe('pass');
  });
});

describe('what is not a fact about the prospect', () => {
  const relevanceOf = (opening: string) => check({ body: `Hi Omar,\n\n${opening}\n\n${PITCH}\n\nWorth a look?\n\nBest,\nRita\nLedgerly` }, 'relevance').status;

  it('another party\'s story with our product is proof: "Rayburn Tool moved to Ledgerly last year"', () => {
    expect(relevanceOf('Rayburn Tool moved to Ledgerly last year and now closes its books 5 days faster.')).toBe('fail');
    expect(relevanceOf('The Town of Fairhaven went live on our platform in 11 weeks last year.')).toBe('fail');
  });

  it('"runs Kubernetes, so I thought of you" is no value proposition', () => {
    const body = 'Hi Omar,\n\nHalden Logistics runs Kubernetes, so I thought of you.\n\nOpen to 15 minutes on Tuesday?\n\nBest,\nNoah\nKubeBoost';
    expect(check({ body }, 'value_proposition').status).toBe('fail');
    expect(check({ body }, 'relevance').status).not.toBe('pass');
  });

  it('but their own event still is, with "last Tuesday", "noted" and "approved" read', () => {
    expect(relevanceOf('Congrats on launching the usage-based tier at Stackwell last Tuesday.')).toBe('pass');
    expect(relevanceOf('I noted that the Millbrook City Council approved Resolution 2024-118 on March 12.')).toBe('pass');
  });
});

describe('a company that shares a word with the sender', () => {
  it('"Eastbrook Health" is not "PriceLens Health": a trailing word does not make a name ours', () => {
    const sender = new Set(['pricelens health', 'pricelens', 'health']);
    expect(isOwnEntity('Saw Eastbrook Health joined a coalition.', 'Eastbrook Health', sender)).toBe(false);
    expect(isOwnEntity('The PriceLens benchmark covers 60 systems.', 'PriceLens', sender)).toBe(true);
    const body =
      "Hi Naveen,\n\nSaw Eastbrook Health joined the Midwest purchasing coalition this spring. We benchmark surgical supply contracts for 60 health systems, and systems of Eastbrook's size paid a median 11% above coalition-best pricing.\n\nShould I send the two-page benchmark?\n\nBest,\nClaire Dubois\nPriceLens Health";
    expect(check({ body }, 'relevance').status).toBe('pass');
    // Peers "of Eastbrook's size" say for whom.
    expect(check({ body }, 'value_proposition').status).toBe('pass');
  });
});

describe('the same classes in other words', () => {
  it('reads other internal documents, a leadership team and coming on-site as demands', () => {
    expect(frictionOf(['Can you share your current SOC 2 report and your latest pen test results?'])).toEqual(['their internal information']);
    expect(frictionOf(['Could you send me your headcount plan for next year?'])).toEqual(['their internal information']);
    expect(frictionOf(["I'd like to come on-site for a full day with your leadership team."])).toEqual([
      'a long block of their time',
      'several of their people',
    ]);
    // Their leadership team as a subject is not a demand, and neither is "the plan" we would send.
    expect(frictionOf(['Your leadership team flagged onboarding at the offsite.', 'Should I send you our rollout plan?'])).toEqual([]);
  });

  it('a time frame is not a measured thing ("Zenith got 4x in 6 weeks"), and the trigger is no proof of an outcome', () => {
    expect(onlyBareFigures('Acme Corp saw 52% with our platform last quarter and Zenith got 4x in 6 weeks.')).toBe(true);
    expect(onlyBareFigures('Acme Corp cut onboarding from 9 days to 4 in 6 weeks.')).toBe(false);
    // "In pipeline", "at renewal" name what was measured; "on average", "across the board" do not.
    expect(onlyBareFigures('Acme saw 3x in pipeline.')).toBe(false);
    expect(onlyBareFigures('Acme got 37% at renewal.')).toBe(false);
    expect(onlyBareFigures('Acme saw 37% across the board.')).toBe(true);
    const body =
      'Hi Oscar,\n\nI saw Halden Logistics is hiring 4 DevOps engineers in Austin. Acme Corp saw 52% with our platform last quarter and Zenith got 4x in 6 weeks.\n\nCan I grab 15 minutes Thursday at 2pm?\n\nBest,\nNoah\nKubeBoost';
    expect(check({ body }, 'relevance').status).toBe('pass');
    expect(check({ body }, 'proof_point').status).toBe('warn');
    // "Hiring 4 engineers" is their news; it says nothing about what changes for them.
    expect(check({ body }, 'value_proposition').status).toBe('fail');
  });

  it('"…, which made me think of you" is the writer\'s reason, not an offer', () => {
    const body = 'Hi Dana,\n\nHalden Foods is on Snowflake, which made me think of you.\n\nOpen to 15 minutes on Tuesday?\n\nBest,\nNoah\nQueryFast';
    expect(check({ body }, 'value_proposition').status).toBe('fail');
  });

  it('an acceptance, a selection or a certification is an event: "was accepted into the Ohio MEP last month"', () => {
    const body =
      'Hi Dana,\n\nPrism Plastics was accepted into the Ohio Manufacturing Extension Partnership last month.\n\nWe route every supplier invoice to the right approver. Pellwood Foods cut their month-end close from 9 days to 4.\n\nWorth a look?\n\nBest,\nRita\nLedgerly';
    expect(check({ body }, 'relevance').status).toBe('pass');
    expect(check({ body: body.replace('was accepted into the Ohio Manufacturing Extension Partnership', 'is a plastics maker') }, 'relevance').status).not.toBe(
      'pass',
    );
  });

  it('a finding measured across their peers is evidence, even after "We benchmark …"; a bare "we" sentence is not', () => {
    const peers =
      'Hi Dana,\n\nPrism Plastics was accepted into the Ohio Manufacturing Extension Partnership last month. We benchmark energy contracts for 80 plants, and plants your size paid 9% above the best rate in the state last winter.\n\nShould I send the two-page benchmark?\n\nBest,\nMaya\nVoltLedger';
    expect(check({ body: peers }, 'proof_point').status).toBe('warn');
    expect(check({ body: peers }, 'proof_point').measured).toBe('a benchmark of their peers');
    const ours = peers.replace('and plants your size paid 9% above the best rate in the state last winter', 'and we have 9 analysts');
    expect(check({ body: ours }, 'proof_point').status).toBe('fail');
  });
});
