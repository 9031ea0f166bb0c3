// The offline model's phrasing for setOffer (the tool itself asks for confirmation before saving).
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../../core/models/offline/parse-intent.ts';

const ctx = { leads: [] } as never;

describe('offline phrasing for setOffer', () => {
  it('reads the organisation offer with repeated proof points, keeping their punctuation', () => {
    const intent = parseIntent(
      'set our offer: product Rampwise; value: ramp new reps in half the time; proof: Northwind cut ramp from 5 months to 10 weeks; proof: Brightline booked 31% more meetings, in one quarter; customer: sales teams of 10-200 reps; ask: Worth a look?',
      ctx,
    );
    expect(intent).toEqual({
      kind: 'tool',
      calls: [
        {
          toolName: 'setOffer',
          input: {
            level: 'organisation',
            product: 'Rampwise',
            valueProposition: 'ramp new reps in half the time',
            proofPoints: ['Northwind cut ramp from 5 months to 10 weeks', 'Brightline booked 31% more meetings, in one quarter'],
            typicalCustomer: 'sales teams of 10-200 reps',
            preferredAsk: 'Worth a look?',
          },
        },
      ],
    });
  });

  it('targets the team for "my team’s offer" and a user for "the offer for <email>"', () => {
    expect(parseIntent("please set my team's offer: ask: Should I send the checklist?", ctx)).toMatchObject({
      kind: 'tool',
      calls: [{ input: { level: 'team', preferredAsk: 'Should I send the checklist?' } }],
    });
    expect(parseIntent('set the offer for bob@test.io: value: get suppliers paid in days', ctx)).toMatchObject({
      kind: 'tool',
      calls: [{ input: { level: 'user', who: 'bob@test.io', valueProposition: 'get suppliers paid in days' } }],
    });
  });

  it('asks what to set when no field is recognised', () => {
    expect(parseIntent('set our offer: something nice', ctx)).toMatchObject({ kind: 'clarify', toolName: 'setOffer' });
  });
});

describe('offline phrasing for showOffer', () => {
  it.each(['what is our offer?', "what's our offer", 'show my offer', 'what do we sell?'])('reads "%s"', (text) => {
    expect(parseIntent(text, ctx)).toEqual({ kind: 'tool', calls: [{ toolName: 'showOffer', input: {} }] });
  });
});
