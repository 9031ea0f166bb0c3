import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.ts';
import { type DraftLead, draftFirstTouchEmail } from '../../../core/email/draft.ts';
import { findAsks } from '../../../core/email/checks/ask.ts';
import { analyseEmail } from '../../../core/email/structure.ts';

const FIRST = [undefined, 'María', 'Jo', "O'Neil"];
const TITLES = [undefined, 'VP of Sales', 'CTO', 'Head of Marketing', 'Senior Vice President, Global Revenue Operations and Strategy',
  'Controller', 'Founder & CEO', 'Director of People', 'Support Lead', 'Product Manager', 'IT Manager', 'COO'];
const COMPANIES = [undefined, 'Acme', 'Globex Corp.', 'ACME Robotics', 'International Business Machines Corporation', 'Free Now', 'example.com'];
const INDUSTRIES = [undefined, 'Software', 'Healthcare', 'Financial Services', 'Retail', 'Manufacturing', 'Logistics and Supply Chain Management', 'SaaS'];
const CITIES = [undefined, 'Austin', 'São Paulo', 'New York'];
const TECH = [undefined, ['HubSpot'], ['Salesforce', 'Slack'], [], ['AWS']];

/** 200 leads mixing every field, including missing ones, in different combinations. */
function leads(): DraftLead[] {
  return Array.from({ length: 200 }, (_, i) => {
    const pick = <T,>(a: T[], k: number): T => a[(i * k + Math.floor(i / a.length)) % a.length]!;
    const first = pick(FIRST, 1);
    return {
      fullName: `${first ?? 'Alex'} Example`,
      firstName: first,
      title: pick(TITLES, 5),
      company: pick(COMPANIES, 3),
      industry: pick(INDUSTRIES, 7),
      city: pick(CITIES, 11),
      techStack: pick(TECH, 13),
      companySize: ((i * 37) % 5000) + 1,
    };
  });
}

const drafts = leads().map((lead, i) => ({
  lead,
  draft: draftFirstTouchEmail(lead, { name: 'Sam Rep', company: i % 3 ? 'Rampwise' : undefined }, {
    seed: i % 4,
    purpose: i % 5 === 0 ? 'book more demos without more headcount' : undefined,
  }),
}));

describe('draftFirstTouchEmail', () => {
  it('never leaves a merge token, "undefined" or "null" in a draft', () => {
    for (const { draft } of drafts) {
      expect(`${draft.subject}\n${draft.body}`).not.toMatch(/undefined|null|\{|\}|\[|\]|%\w+%/);
    }
  });

  it('keeps every draft to 25–50 words, one question, one ask and a 1–4 word subject without "Re:"', () => {
    for (const { draft } of drafts) {
      const s = analyseEmail(draft.body);
      expect(s.words.length).toBeGreaterThanOrEqual(25);
      expect(s.words.length).toBeLessThanOrEqual(50);
      expect(s.sentences.filter((x) => x.includes('?'))).toHaveLength(1);
      expect(findAsks(s.sentences)).toHaveLength(1);
      expect(draft.subject.split(/\s+/).length).toBeLessThanOrEqual(4);
      expect(draft.subject).not.toMatch(/^(re|fwd?|fw):/i);
    }
  });

  it('mentions a lead fact whenever one is known', () => {
    const d = draftFirstTouchEmail({ fullName: 'Dana Lee', company: 'Acme', industry: 'Retail' }, { name: 'Sam' });
    expect(d.body).toMatch(/Acme|retail/);
  });

  it('varies the wording across leads and seeds', () => {
    const bodies = new Set(drafts.map(({ draft }) => draft.body.replace(/^Hi .*$/m, '')));
    expect(bodies.size).toBeGreaterThan(50);
    const lead = { fullName: 'Dana Lee', title: 'VP of Sales', company: 'Acme', city: 'Austin', techStack: ['HubSpot'] };
    const bySeed = new Set([0, 1, 2, 3, 4, 5].map((seed) => draftFirstTouchEmail(lead, { name: 'Sam' }, { seed }).body));
    expect(bySeed.size).toBeGreaterThan(1);
  });

  it('is deterministic for the same lead, sender and seed', () => {
    const lead = { fullName: 'Dana Lee', title: 'CTO', company: 'Acme' };
    expect(draftFirstTouchEmail(lead, { name: 'Sam' }, { seed: 3 })).toEqual(draftFirstTouchEmail(lead, { name: 'Sam' }, { seed: 3 }));
  });

  it('greets by first name, skipping an honorific, and signs with the sender’s name', () => {
    const d = draftFirstTouchEmail({ fullName: 'Dr. Lee Wong' }, { name: 'Sam Rep' });
    expect(d.body.startsWith('Hi Lee,')).toBe(true);
    expect(d.body.trimEnd().endsWith('Sam Rep')).toBe(true);
  });

  it('uses the purpose as the value line', () => {
    const d = draftFirstTouchEmail({ fullName: 'Dana Lee', company: 'Acme' }, { name: 'Sam', company: 'Rampwise' }, { purpose: 'to book more demos.' });
    expect(d.body).toContain('Rampwise helps teams like yours book more demos.');
  });

  it('rejects a lead without a name, a sender without a name and a fractional seed', () => {
    expect(() => draftFirstTouchEmail({ fullName: ' ' }, { name: 'Sam' })).toThrow(ValidationError);
    expect(() => draftFirstTouchEmail({ fullName: 'Dana' }, { name: '' })).toThrow(/sender needs a name/);
    expect(() => draftFirstTouchEmail({ fullName: 'Dana' }, { name: 'Sam' }, { seed: 1.5 })).toThrow(/seed/);
  });
});
