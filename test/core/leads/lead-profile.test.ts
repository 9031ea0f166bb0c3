// A stored lead as the agent's analyses see it, and fit scores from the fitted model.
import { describe, expect, it } from 'vitest';
import { leadProfileSchema } from '../../../core/enrichment/analysis-types.ts';
import { modelScorer, scoreDistribution } from '../../../core/leads/fit-score.ts';
import { leadProfile, sizeBand, titleWords, type LeadAttributesRow } from '../../../core/leads/lead-profile.ts';

const row = (over: Partial<LeadAttributesRow> = {}): LeadAttributesRow => ({
  industry: 'Fintech',
  seniority: 'c_level',
  companySize: 120,
  country: 'Germany',
  source: 'webinar',
  techStack: ['Stripe', 'Stripe ', 'HubSpot'],
  title: 'Chief Technology Officer & Co-Founder',
  score: 40,
  ...over,
});

describe('lead profile', () => {
  it("bands the company size at the contract's edges", () => {
    expect([1, 10, 11, 50, 51, 200, 201, 1000, 1001, 5000, 5001].map(sizeBand)).toEqual([
      '1-10',
      '1-10',
      '11-50',
      '11-50',
      '51-200',
      '51-200',
      '201-1000',
      '201-1000',
      '1001-5000',
      '1001-5000',
      '5001+',
    ]);
    expect(sizeBand(null)).toBeUndefined();
    expect(sizeBand(0)).toBeUndefined();
  });

  it('keeps the words of the title without filler, once each', () => {
    expect(titleWords('Head of Sales & Marketing, Head of EMEA')).toEqual(['head', 'sales', 'marketing', 'emea']);
    expect(titleWords('  ')).toBeUndefined();
  });

  it('holds attributes only, valid under the strict contract schema', () => {
    const p = leadProfile(row());
    expect(p).toEqual({
      industry: 'Fintech',
      seniority: 'c_level',
      sizeBand: '51-200',
      country: 'Germany',
      source: 'webinar',
      technologies: ['Stripe', 'HubSpot'],
      titleWords: ['chief', 'technology', 'officer', 'co', 'founder'],
    });
    expect(leadProfileSchema.safeParse(p).success).toBe(true);
    const long = leadProfile(row({ industry: 'x'.repeat(300), seniority: 'wizard', techStack: Array.from({ length: 80 }, (_, i) => `T${i}`) }));
    expect(leadProfileSchema.safeParse(long).success).toBe(true);
    expect(long.seniority).toBeUndefined();
    expect(leadProfile(row({ industry: null, companySize: null, title: null, techStack: [] }))).toEqual({
      seniority: 'c_level',
      country: 'Germany',
      source: 'webinar',
    });
  });
});

describe('fit score from the model', () => {
  const model = {
    kind: 'logistic_regression',
    folds: 5,
    auc: 0.7,
    aucStd: 0.01,
    intercept: -2,
    coefficients: [
      { attribute: 'industry' as const, value: 'fintech', weight: 1.5 },
      { attribute: 'technology' as const, value: 'Stripe', weight: 0.5 },
      { attribute: 'titleWord' as const, value: 'cto', weight: 1 },
    ],
  };
  const score = modelScorer(model);

  it("is the model's chance in percent, matching values whatever their case", () => {
    expect(score({})).toBe(Math.round(100 / (1 + Math.exp(2))));
    expect(score({ industry: 'FINTECH', technologies: ['stripe', 'Stripe'] })).toBe(50);
    expect(score({ industry: 'Fintech', titleWords: ['cto'], technologies: ['Stripe'] })).toBe(Math.round(100 / (1 + Math.exp(-1))));
  });

  it('counts scores per band of ten, 100 in the last', () => {
    expect(scoreDistribution([0, 9, 10, 55, 99, 100])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});
