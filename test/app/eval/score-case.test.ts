// Scoring one phrasing case: required values only, leads compared as leads, ordinals against the setup.
import { describe, expect, it } from 'vitest';
import { parsePhrasingSet, type PhrasingCase } from '../../../app/eval/phrasing-set.ts';
import { scoreCase, type CaseContext, type KnownLead } from '../../../app/eval/score-case.ts';

const JANE: KnownLead = { id: '00000000-0000-4000-8000-000000000001', fullName: 'Jane Doe', email: 'jane@acme.io' };
const MAX: KnownLead = { id: '00000000-0000-4000-8000-000000000002', fullName: 'Max Müller', email: 'max@finly.de' };
const ctx: CaseContext = {
  setupList: [JANE, MAX],
  resolveLead: async (v) => [JANE, MAX].find((l) => l.id === v || l.email === v || l.fullName.toLowerCase() === v.toLowerCase()),
};
const kase = (c: Partial<PhrasingCase>): PhrasingCase => ({ id: 'c', text: 't', tool: 'findLeads', args: {}, ...c });

describe('scoreCase', () => {
  it('needs the expected values, ignoring case, punctuation, a plural "s" and extra arguments', async () => {
    const c = kase({ args: { industry: ['Fintech'], title: 'founder', limit: 3 } });
    expect((await scoreCase(c, { name: 'findLeads', input: { industry: ['fintech', 'SaaS'], title: 'Founders', limit: 3, sort: 'score' } }, ctx)).pass).toBe(
      true,
    );
    const miss = await scoreCase(c, { name: 'findLeads', input: { industry: ['SaaS'], title: 'Founder', limit: 5 } }, ctx);
    expect(miss.pass).toBe(false);
    expect(miss.problems).toEqual(['industry ["SaaS"] lacks ["Fintech"]', 'limit 5 is not 3']);
  });

  it('compares leads as leads: a name, an email and an id of the same lead agree', async () => {
    const c = kase({ tool: 'getLead', args: { lead: 'Jane Doe' } });
    for (const lead of ['jane doe', JANE.email, JANE.id]) expect((await scoreCase(c, { name: 'getLead', input: { lead } }, ctx)).pass).toBe(true);
    expect((await scoreCase(c, { name: 'getLead', input: { lead: MAX.id } }, ctx)).pass).toBe(false);
  });

  it('points an ordinal into the setup list, -1 being the last', async () => {
    const second = kase({ tool: 'enrichLead', ordinal: 2 });
    expect((await scoreCase(second, { name: 'enrichLead', input: { lead: MAX.id } }, ctx)).pass).toBe(true);
    expect((await scoreCase(second, { name: 'enrichLead', input: { lead: JANE.id } }, ctx)).pass).toBe(false);
    expect((await scoreCase(kase({ tool: 'getLead', ordinal: -1 }), { name: 'getLead', input: { lead: 'max@finly.de' } }, ctx)).pass).toBe(true);
    expect((await scoreCase(kase({ tool: 'getLead', ordinal: 3 }), { name: 'getLead', input: { lead: JANE.id } }, ctx)).problems).toEqual([
      'the setup listed no lead #3',
    ]);
  });

  it('accepts any note for "note": true', async () => {
    const c = kase({ tool: 'updateLead', args: { lead: 'Jane Doe', note: true } });
    expect((await scoreCase(c, { name: 'updateLead', input: { lead: JANE.id, note: 'wants a demo' } }, ctx)).pass).toBe(true);
    expect((await scoreCase(c, { name: 'updateLead', input: { lead: JANE.id, status: 'contacted' } }, ctx)).problems).toEqual(['no note']);
  });

  it('passes a no-tool case only when no tool was called, and flags an inverted negation', async () => {
    expect((await scoreCase(kase({ tool: null }), undefined, ctx)).pass).toBe(true);
    expect((await scoreCase(kase({ tool: null }), { name: 'findLeads', input: {} }, ctx)).problems).toEqual(['called findLeads, expected no tool']);
    const neg = await scoreCase(kase({ args: { excludeCountry: ['Germany'] } }), { name: 'findLeads', input: { country: ['germany'] } }, ctx);
    expect(neg).toMatchObject({ pass: false, negationInverted: true });
    expect((await scoreCase(kase({ args: { country: ['Spain'] } }), { name: 'findLeads', input: { excludeCountry: ['Spain'] } }, ctx)).negationInverted).toBe(
      true,
    );
  });
});

describe('parsePhrasingSet', () => {
  it('reads JSONL, skipping blank and // lines', () => {
    const cases = parsePhrasingSet('// comment\n{"id":"a","text":"hi","tool":null}\n\n{"id":"b","text":"x","tool":"myUsage","args":{},"split":"dev"}\n');
    expect(cases.map((c) => [c.id, c.tool, c.args])).toEqual([
      ['a', null, {}],
      ['b', 'myUsage', {}],
    ]);
  });

  it('names every bad line', () => {
    expect(() =>
      parsePhrasingSet(
        '{"id":"a","text":"hi","tool":null}\n{"id":"a","text":"again","tool":null}\n{"id":"c","text":"x","tool":"getLead","ordinal":0}\n[',
        'set.jsonl',
      ),
    ).toThrow(
      /set\.jsonl has 3 bad lines:\n {2}line 2: id "a" is used twice\n {2}line 3: ordinal ordinal is 1-based \(or -1 for the last\)\n {2}line 4: not valid JSON/,
    );
    expect(() => parsePhrasingSet('\n')).toThrow(/holds no cases/);
  });
});
