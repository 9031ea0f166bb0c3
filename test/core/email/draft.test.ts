// Drafts are judged by checks that do not come from the rubric or the drafter: the offer's value
// proposition is there, a fact about this lead is there, and drafts for different leads differ in more
// than the names.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.ts';
import { type DraftLead, draftFirstTouchEmail } from '../../../core/email/draft.ts';
import type { Offer } from '../../../core/email/offer.ts';

const OFFER: Offer = {
  product: 'Onboardly',
  valueProposition: 'cut new-vendor setup from weeks to days',
  proofPoints: [
    'Copperleaf Studios cut vendor setup from 12 days to 2',
    'Harbor Health, a hospital group, onboarded 300 suppliers in a month',
    'Mintline, a fintech, stopped two payment-fraud attempts in its first quarter',
  ],
  typicalCustomer: 'finance teams at 50-500 person companies',
};

const FIRST = [undefined, 'María', 'Jo', "O'Neil"];
const TITLES = [undefined, 'VP of Sales', 'CTO', 'Head of Marketing', 'Controller', 'Founder & CEO', 'Director of People', 'Support Lead', 'IT Manager', 'COO'];
const COMPANIES = [undefined, 'Acme', 'Globex Corp.', 'ACME Robotics', 'International Business Machines Corporation', 'example.com'];
const INDUSTRIES = [undefined, 'Software', 'Healthcare', 'Financial Services', 'Retail', 'Logistics and Supply Chain Management', 'SaaS'];
const CITIES = [undefined, 'Austin', 'São Paulo'];
const TECH = [undefined, ['HubSpot'], ['Salesforce', 'Slack'], [], ['NetSuite']];
const NOTES = [undefined, [], ['hiring two AP clerks in Lisbon'], ['moving to NetSuite by Q3']];

/** 200 leads mixing every field, including missing ones, in different combinations. */
function leads(): DraftLead[] {
  return Array.from({ length: 200 }, (_, i) => {
    const pick = <T>(a: T[], k: number): T => a[(i * k + Math.floor(i / a.length)) % a.length]!;
    const first = pick(FIRST, 1);
    return {
      fullName: `${first ?? 'Alex'} Example`,
      firstName: first,
      title: pick(TITLES, 5),
      company: pick(COMPANIES, 3),
      industry: pick(INDUSTRIES, 7),
      city: pick(CITIES, 11),
      techStack: pick(TECH, 13),
      notes: pick(NOTES, 17),
    };
  });
}

const drafts = leads().map((lead, i) => ({
  lead,
  draft: draftFirstTouchEmail(lead, { name: 'Sam Rep', company: 'Onboardly' }, { offer: OFFER, seed: i % 4 }),
}));

/** The facts a reader could check against the lead record: notes, stack, title, industry. */
function leadSpecificFacts(lead: DraftLead): string[] {
  return [...(lead.notes ?? []), ...(lead.techStack ?? []), lead.title, lead.industry?.toLowerCase()].filter((f): f is string => !!f);
}

/** The body with every name-like value of the lead blanked out: what is left is the pitch itself. */
function withoutNames(body: string, lead: DraftLead): string {
  let out = body;
  for (const v of [lead.fullName, lead.firstName, lead.company?.replace(/[,\s]+(corp|corporation|inc)\.?$/i, ''), lead.company, lead.city]) {
    if (v) out = out.split(v).join('<name>');
  }
  return out.replace(/^Hi .*$/m, '');
}

describe('draftFirstTouchEmail', () => {
  it('states the offer’s product and value proposition in every draft', () => {
    for (const { draft } of drafts) {
      expect(draft.body).toContain('Onboardly');
      expect(draft.body).toContain('cut new-vendor setup from weeks to days');
    }
  });

  it('uses a fact about the lead (note, stack, title or industry) whenever one is known', () => {
    for (const { lead, draft } of drafts) {
      const facts = leadSpecificFacts(lead);
      if (!facts.length) continue;
      expect(
        facts.some((f) => draft.body.includes(f)),
        draft.body,
      ).toBe(true);
    }
  });

  it('prefers the rep’s note over static fields, and names the facts it used', () => {
    const d = draftFirstTouchEmail(
      { fullName: 'Dana Lee', company: 'Acme', title: 'Controller', techStack: ['NetSuite'], notes: ['hiring two AP clerks in Lisbon'] },
      { name: 'Sam' },
      { offer: OFFER },
    );
    expect(d.body).toContain('hiring two AP clerks in Lisbon');
    expect(d.usedFacts).toEqual(['note: hiring two AP clerks in Lisbon']);
  });

  it('writes different pitches, not just different names, for different leads', () => {
    const a = draftFirstTouchEmail(
      { fullName: 'Dana Lee', company: 'Acme', title: 'Controller', industry: 'Healthcare', techStack: ['NetSuite'] },
      { name: 'Sam' },
      { offer: OFFER },
    );
    const b = draftFirstTouchEmail(
      { fullName: 'Raj Patel', company: 'Globex', title: 'VP of Sales', industry: 'Financial Services', techStack: ['Salesforce'] },
      { name: 'Sam' },
      { offer: OFFER },
    );
    expect(withoutNames(a.body, { fullName: 'Dana Lee', company: 'Acme' })).not.toBe(withoutNames(b.body, { fullName: 'Raj Patel', company: 'Globex' }));
    const distinct = new Set(drafts.map(({ lead, draft }) => withoutNames(draft.body, lead)));
    expect(distinct.size).toBeGreaterThan(60);
  });

  it('picks the proof point closest to the lead (a hospital group for healthcare, a fintech for financial services)', () => {
    expect(
      draftFirstTouchEmail({ fullName: 'Dana Lee', industry: 'Healthcare', title: 'hospital finance lead' }, { name: 'Sam' }, { offer: OFFER }).body,
    ).toContain('Harbor Health');
    expect(draftFirstTouchEmail({ fullName: 'Raj Patel', industry: 'Fintech', title: 'Controller' }, { name: 'Sam' }, { offer: OFFER }).body).toContain(
      'Mintline',
    );
  });

  it('ends with the offer’s preferred ask when one is set, as a question', () => {
    const d = draftFirstTouchEmail(
      { fullName: 'Dana Lee', company: 'Acme' },
      { name: 'Sam' },
      { offer: { ...OFFER, preferredAsk: 'Should I send the two-page setup checklist' } },
    );
    expect(d.body).toContain('Should I send the two-page setup checklist?');
  });

  it('never leaves a merge token, "undefined" or "null", asks one question and keeps a short subject', () => {
    for (const { draft } of drafts) {
      expect(`${draft.subject}\n${draft.body}`).not.toMatch(/undefined|null|\{|\}|\[|\]|%\w+%/);
      expect(draft.body.split('?').length - 1).toBe(1);
      expect(draft.subject.split(/\s+/).length).toBeLessThanOrEqual(4);
      expect(draft.subject).not.toMatch(/^(re|fwd?|fw):/i);
      expect(draft.body.split(/\s+/).length).toBeLessThanOrEqual(100);
    }
  });

  it('is deterministic for the same lead, offer, sender and seed', () => {
    const lead = { fullName: 'Dana Lee', title: 'CTO', company: 'Acme' };
    expect(draftFirstTouchEmail(lead, { name: 'Sam' }, { offer: OFFER, seed: 3 })).toEqual(
      draftFirstTouchEmail(lead, { name: 'Sam' }, { offer: OFFER, seed: 3 }),
    );
  });

  it('greets by first name, skipping an honorific, and signs with the sender’s name', () => {
    const d = draftFirstTouchEmail({ fullName: 'Dr. Lee Wong' }, { name: 'Sam Rep' }, { offer: OFFER });
    expect(d.body.startsWith('Hi Lee,')).toBe(true);
    expect(d.body.trimEnd().endsWith('Sam Rep')).toBe(true);
  });

  it('rejects a lead without a name, a sender without a name, an offer without a value and a fractional seed', () => {
    expect(() => draftFirstTouchEmail({ fullName: ' ' }, { name: 'Sam' }, { offer: OFFER })).toThrow(ValidationError);
    expect(() => draftFirstTouchEmail({ fullName: 'Dana' }, { name: '' }, { offer: OFFER })).toThrow(/sender needs a name/);
    expect(() => draftFirstTouchEmail({ fullName: 'Dana' }, { name: 'Sam' }, { offer: { ...OFFER, valueProposition: ' ' } })).toThrow(/value proposition/);
    expect(() => draftFirstTouchEmail({ fullName: 'Dana' }, { name: 'Sam' }, { offer: OFFER, seed: 1.5 })).toThrow(/seed/);
  });
});
