// What the demo organisation sells, so "draft an intro email to …" works out of the box. Fictional.
export const DEMO_OFFER = {
  product: 'Rampwise',
  valueProposition: 'ramp new sales reps in half the time with daily practice calls on your own deals',
  proofPoints: [
    'Northwind Health cut new-rep ramp from 5 months to 10 weeks',
    'Brightline, a 40-rep fintech team, booked 31% more first meetings in one quarter',
    'Copperleaf Software’s new SDRs hit quota in 6 weeks instead of 12',
  ],
  typicalCustomer: 'sales teams of 10 to 200 reps',
};
