// How the offline model understands wordings it was not written for: negation, typos, counts beside
// filters, out-of-scope questions, news about a lead, and names and values from the organisation's data.
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import type { LeadVocabulary } from '../../../../core/db/lead-vocabulary-repository.ts';
import { createOfflineModel, offlineActorOptions, type OfflineActor } from '../../../../core/models/offline/offline-model.ts';
import { editBudget, editDistance, knowledgeOf } from '../../../../core/models/offline/knowledge.ts';
import { correctSpelling } from '../../../../core/models/offline/spelling.ts';
import { classifyIntent } from '../../../../core/models/offline/intent-classifier.ts';
import { INTENT_CORPUS } from '../../../../core/models/offline/intent-corpus.ts';
import { contextMessages, SEARCH_LEADS, toolsWithoutExecute, type PhrasingContext } from './phrasings.ts';

const lead = (n: number, fullName: string, company: string) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  fullName,
  email: `${fullName.split(' ')[0]!.toLowerCase()}@${company.toLowerCase()}.io`,
  company,
});
const VOCABULARY: LeadVocabulary = {
  industries: ['Aquaculture', 'Fintech', 'Healthcare'],
  countries: ['Germany', 'Norway'],
  cities: ['Berlin', 'Bergen'],
  technologies: ['HubSpot', 'Stripe', 'FishTrack'],
  companies: ['Kontoflow', 'Zahlwerk', 'SeaFarm'],
  leads: [lead(1, 'Lukas Becker', 'Kontoflow'), lead(2, 'Sophie Wagner', 'Zahlwerk'), lead(3, 'Jane Doe', 'Acme'), lead(4, 'Ola Nordmann', 'SeaFarm')],
  complete: true,
};
const ACTOR = { id: '11111111-1111-4111-8111-111111111111', role: 'rep' as const };

async function turn(text: string, context?: PhrasingContext, vocabulary: LeadVocabulary | null = VOCABULARY) {
  const asked: (OfflineActor | undefined)[] = [];
  const result = await generateText({
    model: createOfflineModel({ now: () => new Date('2026-01-05T09:00:00Z'), vocabulary: async (a) => (asked.push(a), vocabulary ?? undefined) }),
    messages: [...contextMessages(context), { role: 'user', content: text }],
    tools: toolsWithoutExecute(),
    providerOptions: offlineActorOptions(ACTOR),
  });
  const call = result.toolCalls[0];
  return { tool: call?.toolName ?? null, input: call?.input as Record<string, unknown> | undefined, text: result.text, asked };
}

describe('negation with scope', () => {
  it.each([
    ['fintech leads outside germany', { industry: ['Fintech'], excludeCountry: ['Germany'] }],
    ['leads that are not disqualified', { excludeStatus: ['disqualified'] }],
    ['who uses stripe but not hubspot', { tech: ['Stripe'], excludeTech: ['HubSpot'] }],
    ['healthcare leads except those in Berlin', { industry: ['Healthcare'], excludeCity: ['Berlin'] }],
    ['non-fintech leads in Germany', { excludeIndustry: ['Fintech'], country: ['Germany'] }],
    ['leads in Germany other than fintech that use HubSpot', { country: ['Germany'], excludeIndustry: ['Fintech'], tech: ['HubSpot'] }],
  ])('%s', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ['healthcare leads, leave out Germany', { industry: ['Healthcare'], excludeCountry: ['Germany'] }],
    ['leads anywhere but Norway', { excludeCountry: ['Norway'] }],
    ['fintech leads, any status but contacted', { industry: ['Fintech'], excludeStatus: ['contacted'] }],
    ['leads in Germany, hide the disqualified ones', { country: ['Germany'], excludeStatus: ['disqualified'] }],
    ['fintech leads; filter out anyone on HubSpot', { industry: ['Fintech'], excludeTech: ['HubSpot'] }],
    ['neither fintech nor healthcare, leads in Norway', { excludeIndustry: ['Fintech', 'Healthcare'], country: ['Norway'] }],
    ['fintech leads that are neither contacted nor replied', { industry: ['Fintech'], excludeStatus: ['contacted', 'replied'] }],
    ['healthcare leads, nothing from Germany', { industry: ['Healthcare'], excludeCountry: ['Germany'] }],
    ['fintech leads, nobody in Berlin', { industry: ['Fintech'], excludeCity: ['Berlin'] }],
    ['leads using Stripe but no HubSpot', { tech: ['Stripe'], excludeTech: ['HubSpot'] }],
    ['fintech leads, Germany excluded', { industry: ['Fintech'], excludeCountry: ['Germany'] }],
    ['healthcare leads with Norway not included', { industry: ['Healthcare'], excludeCountry: ['Norway'] }],
    ['fintech leads, Germany and Norway excluded', { industry: ['Fintech'], excludeCountry: ['Germany', 'Norway'] }],
    ['leads from anywhere other than Germany', { excludeCountry: ['Germany'] }],
    ['exclude contacted and disqualified, fintech only', { excludeStatus: ['disqualified', 'contacted'], industry: ['Fintech'] }],
  ])('%s (every cue excludes)', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ['no rush, but show me healthcare leads in Germany', { industry: ['Healthcare'], country: ['Germany'] }],
    ['not sure, maybe fintech leads in Norway', { industry: ['Fintech'], country: ['Norway'] }],
    ["don't forget to show fintech leads in Berlin", { industry: ['Fintech'], city: ['Berlin'] }],
    ['no problem — healthcare leads please', { industry: ['Healthcare'] }],
    ["I don't mind which industry, just leads in Norway", { country: ['Norway'] }],
    ["make sure you don't miss the fintech leads", { industry: ['Fintech'] }],
    ['not just fintech, healthcare leads too', { industry: ['Fintech', 'Healthcare'] }],
    ['nothing but fintech leads in Germany', { industry: ['Fintech'], country: ['Germany'] }],
    ["don't forget to exclude Germany from the fintech leads", { excludeCountry: ['Germany'], industry: ['Fintech'] }],
  ])('%s (a negation word that negates no filter excludes nothing)', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ["couldn't locate the fintech leads in Berlin, where are they?", { industry: ['Fintech'], city: ['Berlin'] }],
    ["haven't eaten lunch yet, healthcare leads in Norway please", { industry: ['Healthcare'], country: ['Norway'] }],
    ['I never got round to it — show me the fintech leads in Germany', { industry: ['Fintech'], country: ['Germany'] }],
    ['not to complain, but I need 5 healthcare leads in Bergen', { industry: ['Healthcare'], city: ['Bergen'], limit: 5 }],
    ["aren't there any fintech leads in Norway?", { industry: ['Fintech'], country: ['Norway'] }],
    ["wasn't expecting much, but any qualified fintech leads?", { status: ['qualified'], industry: ['Fintech'] }],
  ])('%s (a negator attached to a word that is neither a value nor a relation to one excludes nothing)', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ["fintech leads that aren't based in Germany", { industry: ['Fintech'], excludeCountry: ['Germany'] }],
    ["companies that don't run HubSpot, in Norway", { excludeTech: ['HubSpot'], country: ['Norway'] }],
    ["I don't want anyone from Germany, fintech leads only", { excludeCountry: ['Germany'], industry: ['Fintech'] }],
    ['healthcare leads that are not yet customers', { industry: ['Healthcare'], excludeStatus: ['customer'] }],
    ['fintech leads, not the ones in Berlin', { industry: ['Fintech'], excludeCity: ['Berlin'] }],
    ["leads in Norway, but nobody who's already a customer", { country: ['Norway'], excludeStatus: ['customer'] }],
    ['gaming studios, not the US ones though', { industry: ['Gaming'], excludeCountry: ['United States'] }],
    ['healthcare directors, not the UK ones please', { industry: ['Healthcare'], seniority: ['director'], excludeCountry: ['United Kingdom'] }],
  ])('%s (a negator attached to a value or a relation to one still excludes)', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ["I don't trust the Berlin numbers, fintech leads please", { industry: ['Fintech'] }],
    ["don't bug me about the Bergen leads, show me the ones in Berlin", { city: ['Berlin'] }],
    ["I wouldn't rate the fintech data — healthcare leads in Norway", { industry: ['Healthcare'], country: ['Norway'] }],
    ["didn't love the Germany results; Norway fintech leads instead", { country: ['Norway'], industry: ['Fintech'] }],
    ['not gonna lie the Berlin leads were rough, show me Bergen fintech leads', { city: ['Bergen'], industry: ['Fintech'] }],
    ["I don't know the healthcare market well, fintech leads in Germany", { industry: ['Fintech'], country: ['Germany'] }],
    ["honestly I don't get why the Bergen leads never convert, anyway show me fintech leads in Berlin", { industry: ['Fintech'], city: ['Berlin'] }],
    ["I don't think the Berlin leads are any good, healthcare in Norway", { industry: ['Healthcare'], country: ['Norway'] }],
  ])('%s (a value in a negation whose scope is unknown is neither searched for nor excluded)', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ["fintech leads in Germany, don't bother with the disqualified ones", { industry: ['Fintech'], country: ['Germany'], excludeStatus: ['disqualified'] }],
    ["don't care about Germany, fintech leads in Norway", { excludeCountry: ['Germany'], industry: ['Fintech'], country: ['Norway'] }],
    ["healthcare leads, don't worry about the ones on HubSpot", { industry: ['Healthcare'], excludeTech: ['HubSpot'] }],
  ])('%s (a negated verb that relates leads to a value through its preposition excludes it)', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ["not urgent at all but I'd love a list of fintech CTOs in Berlin", { industry: ['Fintech'], title: 'CTO', city: ['Berlin'] }],
    ["no rush at all but I'd like healthcare leads in Norway", { industry: ['Healthcare'], country: ['Norway'] }],
  ])('%s ("at all but" followed by a clause is no "all but")', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it('keeps a contraction whole: "doesn\'t" is not corrected to "does"', () => {
    expect(correctSpelling("leads that doesn't use HubSpot", knowledgeOf(VOCABULARY))).toBe("leads that doesn't use HubSpot");
  });

  it('keeps a negated verb to itself: "haven\'t contacted … in healthcare" is new leads in healthcare', async () => {
    expect((await turn("leads I haven't contacted in healthcare")).input).toEqual({ status: ['new'], industry: ['Healthcare'] });
  });

  it('reads "hasn\'t replied" in news as no reply', async () => {
    const r = await turn("Sophie Wagner hasn't replied, still just contacted");
    expect(r).toMatchObject({ tool: 'updateLead', input: { lead: VOCABULARY.leads[1]!.id, status: 'contacted' } });
  });
});

describe('a role the rep turns down', () => {
  it('is never searched for: "no, not the CTO list again — I need COOs in Germany" searches COOs', async () => {
    const r = await turn('no, not the CTO list again — I need COOs in Germany');
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual({ title: 'COO', country: ['Germany'] });
  });

  it('"no CTOs, fintech leads in Berlin" searches fintech in Berlin with no title', async () => {
    const r = await turn('no CTOs, fintech leads in Berlin');
    expect(r.input?.title).toBeUndefined();
    expect(r.input).toMatchObject({ industry: ['Fintech'], city: ['Berlin'] });
  });

  it('keeps a role the negation does not reach: "CTOs, not in Germany" and "not just CTOs"', async () => {
    expect((await turn('CTOs, not in Germany')).input).toMatchObject({ title: 'CTO', excludeCountry: ['Germany'] });
    expect((await turn('fintech CTOs in Berlin, not just the new ones')).input).toMatchObject({ title: 'CTO' });
  });
});

describe('an exclusion over a coordinated list', () => {
  it.each([
    ['fintech leads excluding anyone contacted or who replied', { industry: ['Fintech'], excludeStatus: ['contacted', 'replied'] }],
    ['healthcare leads excluding anyone contacted and anyone who replied', { industry: ['Healthcare'], excludeStatus: ['contacted', 'replied'] }],
    ['leads excluding Germany, Norway or France', { excludeCountry: ['Germany', 'Norway', 'France'] }],
    ['fintech leads not in Germany or in Norway', { industry: ['Fintech'], excludeCountry: ['Germany', 'Norway'] }],
    ['leads that are not contacted, qualified or replied', { status: ['new'], excludeStatus: ['replied', 'qualified'] }],
  ])('%s: the exclusion covers every value of its kind in the list', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each([
    ['excluding contacted ones, and only in Berlin', { excludeStatus: ['contacted'], city: ['Berlin'] }],
    ['excluding contacted leads and only fintech', { excludeStatus: ['contacted'], industry: ['Fintech'] }],
    ['fintech leads not in Germany and in Norway', { industry: ['Fintech'], excludeCountry: ['Germany'], country: ['Norway'] }],
    ['no fintech, healthcare and aquaculture in Berlin', { excludeIndustry: ['Fintech'], industry: ['Healthcare', 'Aquaculture'], city: ['Berlin'] }],
    ['leads except Germany, Norway leads please', { excludeCountry: ['Germany'], country: ['Norway'] }],
    ['except disqualified leads, and Stripe users too', { excludeStatus: ['disqualified'], tech: ['Stripe'] }],
  ])('%s: a coordination that starts a new include is searched for', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });
});

describe('a status change and a note in one line', () => {
  it('reads the lead named before the colon and the quoted note without its quotes', async () => {
    expect(await turn("Sophie Wagner: mark as qualified and add a note 'wants pricing by Friday'")).toMatchObject({
      tool: 'updateLead',
      input: { lead: lead(2, 'Sophie Wagner', 'Zahlwerk').id, status: 'qualified', note: 'wants pricing by Friday' },
    });
  });

  it('leaves words before the colon that name no lead to the conversation: "quick one: mark as contacted"', async () => {
    const r = await turn('quick one: mark as contacted', 'lead');
    expect(r.tool).toBe('updateLead');
    expect(r.input).toMatchObject({ status: 'contacted' });
    expect(r.input!.lead).not.toMatch(/quick/i);
  });

  it('logs no note from a claim put to us to check', async () => {
    expect((await turn('a friend says Jane Doe is a name every CRM uses for testing, is that true?')).tool).not.toBe('updateLead');
  });
});

describe('typos', () => {
  it('allows more edits in longer words and none in short ones', () => {
    expect([3, 4, 5, 6, 12].map(editBudget)).toEqual([0, 1, 1, 2, 2]);
    expect(editDistance('germny', 'germany', 2)).toBe(1);
    expect(editDistance('usgae', 'usage', 1)).toBe(1);
    expect(editDistance('fintech', 'retail', 2)).toBe(3);
  });

  it('corrects towards known words but never changes common English', () => {
    const k = knowledgeOf(VOCABULARY);
    expect(correctSpelling('fintek leads in germny', k)).toBe('fintech leads in germany');
    expect(correctSpelling('is it going to rain in Bergen', k)).toBe('is it going to rain in Bergen');
    expect(correctSpelling('aquacultre leads', k)).toBe('aquaculture leads');
  });

  it.each([
    ['fintek leads in germny', 'findLeads', { industry: ['Fintech'], country: ['Germany'] }],
    ["waht's my usgae today", 'myUsage', {}],
    ['mrak sophie wagnr as contaced', 'updateLead', { lead: VOCABULARY.leads[1]!.id, status: 'contacted' }],
  ])('%s', async (text, tool, input) => {
    expect(await turn(text)).toMatchObject({ tool, input });
  });
});

describe('counts beside filters', () => {
  it('"give me 3 replied leads" keeps the status', async () => {
    expect((await turn('give me 3 replied leads')).input).toEqual({ limit: 3, status: ['replied'] });
  });
});

describe('bounds, counts, owner and order in other words', () => {
  it.each([
    ['fintech leads, limit 8', { industry: ['Fintech'], limit: 8 }],
    ['what fintech leads were added most recently?', { industry: ['Fintech'], sort: 'recent' }],
    ['score not below 70, fintech, Germany', { minScore: 70, industry: ['Fintech'], country: ['Germany'] }],
    ['companies with not more than 200 people using Stripe', { companySizeMax: 200, tech: ['Stripe'] }],
    ['fintech leads in Germany, company size 1000 or more', { industry: ['Fintech'], country: ['Germany'], companySizeMin: 1000 }],
    ["leads that aren't assigned to anyone, in healthcare", { owner: 'unassigned', industry: ['Healthcare'] }],
  ] as const)('%s', async (text, input) => {
    expect(await turn(text)).toMatchObject({ tool: 'findLeads' });
    expect((await turn(text)).input).toEqual(input);
  });

  it('reads a technology alone between commas in a terse list, but not one after "at"', async () => {
    expect((await turn('fintech, stripe, not Norway')).input).toEqual({ industry: ['Fintech'], tech: ['Stripe'], excludeCountry: ['Norway'] });
    expect((await turn('leads at Stripe, Germany')).input).not.toHaveProperty('tech');
  });

  it('reads the people of a city as the city, negated or not, but never a word that only looks like one', async () => {
    expect((await turn('fintech leads, no Berliners')).input).toEqual({ industry: ['Fintech'], excludeCity: ['Berlin'] });
    expect((await turn('Berliners in fintech')).input).toEqual({ city: ['Berlin'], industry: ['Fintech'] });
    expect((await turn('team leaders in Bergen')).input).toEqual({ city: ['Bergen'] });
  });

  it('reads "a Stripe shop" as the technology, and never searches for a company the rep said to skip', async () => {
    const { input } = await turn('pull every Stripe shop in Berlin, but skip Acme, we talked to them already');
    expect(input).toEqual({ tech: ['Stripe'], city: ['Berlin'] });
  });

  it('a negated bound excludes no value: "not more than 200 people using Stripe" keeps Stripe', async () => {
    const { input } = await turn('companies with not more than 200 people using Stripe');
    expect(input).not.toHaveProperty('excludeTech');
  });
});

describe('out of scope', () => {
  it.each(['how bad is traffic in Berlin today', 'what currency do they use in Norway', 'tell me a joke about CTOs', 'how do I center a div'])(
    '%s: no tool, a short answer of what SalesOS does',
    async (text) => {
      const r = await turn(text);
      expect(r.tool).toBeNull();
      expect(r.text).toMatch(
        /^That's outside what I can help with\. I'm SalesOS: I work on your leads and outreach — find leads, .*\. Say "help" for examples\.$/,
      );
      expect(r.text.length).toBeLessThan(300);
    },
  );
});

describe('out of scope: actions no tool performs, even on a known lead', () => {
  it.each([
    'could you ring Sophie Wagner for me',
    'please text Lukas Becker that I am running late',
    'set a reminder to email Jane Doe on Friday',
    'send Ola Nordmann a calendar invite for Tuesday',
    'erase all my fintech leads',
    'our lead vocalist quit the band',
    'book a meeting with Sophie Wagner on Thursday at 3',
    'set up a zoom with Lukas Becker next week',
  ])('%s: no tool', async (text) => {
    const r = await turn(text);
    expect(r.tool).toBeNull();
  });

  it.each([
    ['call with Sophie Wagner went well, she replied and wants a demo', 'updateLead'],
    ['send Lukas Becker a follow-up email', 'draftEmail'],
  ])('%s: still %s', async (text, tool) => {
    expect((await turn(text)).tool).toBe(tool);
  });
});

describe('small talk around a request that names filters', () => {
  it.each([
    ['good morning! coffee first, then healthcare leads in Bergen', { industry: ['Healthcare'], city: ['Bergen'] }],
    ["won't be long — fintech leads in Norway", { industry: ['Fintech'], country: ['Norway'] }],
    ["can't focus today, might as well prospect. CTOs in Berlin", { title: 'CTO', city: ['Berlin'] }],
  ])('%s: the search, not a greeting or an outside question', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it.each(['hi there, good morning!', "can't sleep, any tips?"])('%s: still no tool', async (text) => {
    expect((await turn(text)).tool).toBeNull();
  });
});

describe('sorting by score in other words', () => {
  it.each([
    ['top 10 gaming leads ranked by fit', { limit: 10, industry: ['Gaming'], sort: 'score' }],
    ['fintech leads in Norway, highest scores on top', { industry: ['Fintech'], country: ['Norway'], sort: 'score' }],
    ['healthcare leads by lead score', { industry: ['Healthcare'], sort: 'score' }],
  ])('%s', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });
});

describe('a digest stopped on some days with the wanted schedule named', () => {
  it('"stop sending the digest on fridays, only mon to thu at 8:30" is that schedule', async () => {
    const r = await turn('stop sending the digest on fridays, only mon to thu at 8:30');
    expect(r.tool).toBe('setDigestSchedule');
    expect(r.input).toMatchObject({ days: ['mon', 'tue', 'wed', 'thu'], time: '08:30', enabled: true });
  });

  it('"pause my digest" and "no more digests on weekends" with no schedule named still stop it', async () => {
    for (const text of ['pause my digest', 'no more digests on weekends']) {
      const r = await turn(text);
      expect(r.tool).toBe('setDigestSchedule');
      expect(r.input).toEqual({ enabled: false });
    }
  });
});

describe('a day of the month is no list position', () => {
  it.each(['quarterly check on the 3rd. which of my leads replied?', 'board call by the 21st, which of my leads replied'])(
    '%s: a search, not "the 3rd one"',
    async (text) => {
      const r = await turn(text);
      expect(r.tool).toBe('findLeads');
      expect(r.input).toMatchObject({ owner: 'me', status: ['replied'] });
    },
  );
});

describe('a company searched by name', () => {
  it('ends the name at a sentence adverb: "anyone at brightwave already?"', async () => {
    const r = await turn('do we have anyone at brightwave already? search for it');
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual({ query: 'brightwave' });
  });
});

describe('chat shorthand', () => {
  it('"w/o" is "without": an exclusion', async () => {
    expect((await turn('fintech leads w/o hubspot in Norway')).input).toEqual({ industry: ['Fintech'], excludeTech: ['HubSpot'], country: ['Norway'] });
  });
});

describe('notes', () => {
  it.each([
    ['note for Sophie Wagner — travelling until the 20th, draft something after', 'travelling until the 20th, draft something after'],
    ['note on Lukas Becker - prefers email over calls, follow up in May', 'prefers email over calls, follow up in May'],
  ])('%s: a note after a dash, whatever its words', async (text, note) => {
    expect(await turn(text)).toMatchObject({ tool: 'updateLead', input: { note } });
  });

  it.each([
    ['Sophie Wagner wrote back asking for pricing, can you log that', 'Sophie Wagner wrote back asking for pricing'],
    ['Lukas Becker wants a demo in March, could you please note that', 'Lukas Becker wants a demo in March'],
  ])('%s: the request around a trailing cue is no part of the note', async (text, note) => {
    expect(await turn(text)).toMatchObject({ tool: 'updateLead', input: { note } });
  });

  it('drops the lead\'s pronoun from a note after a status change: "note that she wants a demo" is "wants a demo"', async () => {
    expect(await turn('Move Sophie Wagner to qualified and note that she wants a demo next Tuesday')).toMatchObject({
      tool: 'updateLead',
      input: { status: 'qualified', note: 'wants a demo next Tuesday' },
    });
  });
});

describe('a search by name', () => {
  it.each([
    ['is there anybody named Nordmann?', 'Nordmann'],
    ['look up a company called Zahlwerk', 'Zahlwerk'],
    ['pull up prospects named wagner', 'wagner'],
  ])('%s: searches %s, no news of a call', async (text, query) => {
    expect(await turn(text)).toMatchObject({ tool: 'findLeads', input: { query } });
  });
});

describe('out of scope by shape, whatever it names', () => {
  it.each([
    'how big is the fintech industry in Germany?',
    'how do most companies score leads? like what goes into it',
    'what makes a lead qualified in BANT?',
    'What is HubSpot used for? My VP keeps bringing it up',
    'I met Jane Doe at a conference last year, she was lovely',
    'my friend works at a fintech in Berlin and loves it',
    'send that email to Lukas Becker right now',
    'how many hospitals are there in Norway?',
    "how do you say 'qualified lead' in German?",
  ])('%s: no tool', async (text) => {
    expect((await turn(text)).tool).toBeNull();
  });

  it.each([
    ["I can't stress this enough, I need fintech leads in Berlin", { industry: ['Fintech'], city: ['Berlin'] }],
    ["the clinics campaign didn't work out, so let's try healthcare: CTOs in Norway", { industry: ['Healthcare'], title: 'CTO', country: ['Norway'] }],
    ['we never had much luck in Germany, so healthcare leads in Norway please', { industry: ['Healthcare'], country: ['Norway'] }],
  ])('%s: a request after a preamble in the same line is searched', async (text, want) => {
    expect(await turn(text)).toMatchObject({ tool: 'findLeads', input: want });
  });
});

describe('owner: the team named after the lead noun', () => {
  it.each([
    ['the qualified leads on my team', { status: ['qualified'], owner: 'team' }],
    ['fintech prospects across our team in Germany', { industry: ['Fintech'], owner: 'team', country: ['Germany'] }],
    ["team's leads in Norway", { owner: 'team', country: ['Norway'] }],
  ])('%s', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });
});

describe('out of scope: questions about the world that name a value', () => {
  it.each([
    'who founded Stripe',
    'is Kubernetes hard to learn',
    'how is the fintech market doing this year',
    'how far is Berlin from Bergen',
    'why are healthcare startups so slow to adopt new software',
    'what is aquaculture exactly',
    'how do I export my contacts to a spreadsheet',
    "what's the budget for the summer party",
    'how many vacation days do I have left',
    'the new intern leads the Berlin office tour, right?',
    "who's the CEO of Microsoft",
    'who owns Salesforce nowadays, still Benioff?',
    'why do so many Norwegian gaming studios use Unity?',
    'how should we decorate the office for a client visit from Oslo',
    'how can we celebrate closing our first healthcare customer',
    "what does 'contacted' mean for a lead here?",
    'what does ICP stand for',
    "what's SPIN selling and does it work?",
    'my boss expects 50 qualified leads per quarter, is that realistic?',
    'the VP I chatted with at the conference was super nice btw',
    'the CFO we met at the expo last night was so arrogant haha',
    'the COO I talked to at the hackathon yesterday was really rude lol',
  ])('%s: no tool', async (text) => {
    const r = await turn(text);
    expect(r.tool).toBeNull();
  });

  it.each([
    ['fintech leads that look promising in Germany', { industry: ['Fintech'], country: ['Germany'] }],
    ['gaming studios in Norway', { industry: ['Gaming'], country: ['Norway'] }],
    ['would it be possible to obtain a list of healthcare companies in Germany', { industry: ['Healthcare'], country: ['Germany'] }],
    ['healthcare, Norway, 20 results', { industry: ['Healthcare'], country: ['Norway'], limit: 20 }],
    ["I'd love a shortlist of fintech startups in Norway", { industry: ['Fintech'], country: ['Norway'] }],
    ['show me CTOs in Norway, is that ok?', { title: 'CTO', country: ['Norway'] }],
    ['why not show me the healthcare leads in Bergen', { industry: ['Healthcare'], city: ['Bergen'] }],
    ['I met someone from a gaming studio yesterday, find gaming leads in Oslo', { industry: ['Gaming'], city: ['Oslo'] }],
  ])('%s: still a search', async (text, want) => {
    const r = await turn(text);
    expect(r.tool).toBe('findLeads');
    expect(r.input).toEqual(want);
  });

  it('still reads a usage question in its own words', async () => {
    expect((await turn('how much have my questions to you cost today')).tool).toBe('myUsage');
    expect((await turn('did I blow through my AI budget already')).tool).toBe('myUsage');
    expect((await turn('how much assistant fuel do I have remaining this week')).tool).toBe('myUsage');
  });
});

describe("the organisation's own data", () => {
  it('asks for the vocabulary of the actor named in the provider options', async () => {
    const r = await turn('aquaculture leads in norway');
    expect(r.asked).toEqual([{ actorId: ACTOR.id, role: 'rep' }]);
    expect(r.input).toEqual({ industry: ['Aquaculture'], country: ['Norway'] });
  });

  it('knows values only the data has, and matches a technology with a cue', async () => {
    expect((await turn('leads using fishtrack')).input).toEqual({ tech: ['FishTrack'] });
  });

  it('matches names case-insensitively, by first name, and with a typo', async () => {
    expect((await turn('mark jane as contacted')).input).toEqual({ lead: VOCABULARY.leads[2]!.id, status: 'contacted' });
    expect((await turn('tell me about sophie wagnr')).input).toEqual({ lead: VOCABULARY.leads[1]!.id });
  });

  it('recognises news about a lead as a status change', async () => {
    expect(await turn('Lukas Becker signed the contract')).toMatchObject({ tool: 'updateLead', input: { lead: VOCABULARY.leads[0]!.id, status: 'customer' } });
    expect(await turn('Kontoflow is officially a customer now')).toMatchObject({
      tool: 'updateLead',
      input: { lead: VOCABULARY.leads[0]!.id, status: 'customer' },
    });
  });

  it('roasts a pasted email under a short question, but keeps a multi-line note a note', async () => {
    expect((await turn('thoughts?\nSubject: Quick idea\n\nHi Sophie,\nWe cut reconciliation time by half. Worth a call?\nTim')).tool).toBe('roastEmail');
    const note = await turn('add a note to Sophie Wagner:\nHi team,\nshe wants pricing for 40 seats');
    expect(note).toMatchObject({ tool: 'updateLead', input: { lead: VOCABULARY.leads[1]!.id } });
    expect(note.input!.note).toContain('she wants pricing for 40 seats');
  });

  it.each([
    [
      'how does this read — Hello Sophie, we helped three Berlin banks halve reconciliation time. Open to a short call Thursday? Tim',
      'Hello Sophie, we helped three Berlin banks halve reconciliation time. Open to a short call Thursday? Tim',
    ],
    [
      "be brutal: 'hey Lukas, quick one. we automate invoice matching for fintechs. worth 10 minutes?'",
      'hey Lukas, quick one. we automate invoice matching for fintechs. worth 10 minutes?',
    ],
    [
      'does this land? "Dear Ola, saw SeaFarm expanding to Bergen, we track fish health across sites, keen to compare notes?"',
      'Dear Ola, saw SeaFarm expanding to Bergen, we track fish health across sites, keen to compare notes?',
    ],
  ])('roasts a message pasted on the same line as a request for an opinion: %s', async (text, body) => {
    expect(await turn(text)).toMatchObject({ tool: 'roastEmail', input: { body } });
  });

  it('does not roast an opinion question whose greeting is no pasted message', async () => {
    expect((await turn('what do you think, hi Sophie Wagner replied yesterday')).tool).not.toBe('roastEmail');
  });

  it('calls no tool for a name none of the leads the user may see has', async () => {
    const r = await turn('who is Jane Goodall');
    expect(r.tool).toBeNull();
  });

  it('answers from the catalogue when the vocabulary cannot be read', async () => {
    const result = await generateText({
      model: createOfflineModel({ vocabulary: async () => Promise.reject(new Error('connection refused')) }),
      prompt: 'fintech leads outside germany',
      tools: toolsWithoutExecute(),
      providerOptions: offlineActorOptions(ACTOR),
    });
    expect(result.toolCalls[0]).toMatchObject({ toolName: 'findLeads', input: { industry: ['Fintech'], excludeCountry: ['Germany'] } });
  });

  it('without a vocabulary, passes a name on as written', async () => {
    expect(await turn('tell me about Priya Shah', undefined, null)).toMatchObject({ tool: 'getLead', input: { lead: 'Priya Shah' } });
  });
});

describe('other wordings of known intents', () => {
  it.each([
    ['have I hit my cap yet', 'myUsage', {}],
    ['draft an email to Jane Doe about cost savings', 'draftEmail', { lead: VOCABULARY.leads[2]!.id, purpose: 'about cost savings' }],
    ['who should I contact at Kontoflow', 'findLeads', { query: 'Kontoflow' }],
    ['fill in the details for Sophie Wagner', 'enrichLead', { lead: VOCABULARY.leads[1]!.id }],
    ['find out more about Lukas Becker from public sources', 'enrichLead', { lead: VOCABULARY.leads[0]!.id }],
    ['can I get firmographics for Sophie Wagner', 'enrichLead', { lead: VOCABULARY.leads[1]!.id }],
    ['technographic data on Ola Nordmann', 'enrichLead', { lead: VOCABULARY.leads[3]!.id }],
  ] as const)('%s', async (text, tool, input) => {
    expect(await turn(text)).toMatchObject({ tool, input });
  });
});

describe('follow-ups', () => {
  it.each([
    ['enrich the last one', 'search', { lead: SEARCH_LEADS[2]!.id }],
    ['#2 replied', 'search', { lead: SEARCH_LEADS[1]!.id, status: 'replied' }],
    ['the third one looks interesting, details?', 'search', { lead: SEARCH_LEADS[2]!.id }],
    ["what's his background?", 'lead', { lead: SEARCH_LEADS[1]!.id }],
    ['how about the 2nd one, whose is that company', 'search', { lead: SEARCH_LEADS[1]!.id }],
    ['tell me about the 2nd one, is that a good fit', 'search', { lead: SEARCH_LEADS[1]!.id }],
    ['the 3rd one signed the contract today', 'search', { lead: SEARCH_LEADS[2]!.id, status: 'customer' }],
    ['draft for #1', 'search', { lead: SEARCH_LEADS[0]!.id }],
    ['number 2, what are their details?', 'search', { lead: SEARCH_LEADS[1]!.id }],
    ['show me his full record', 'lead', { lead: SEARCH_LEADS[1]!.id }],
  ] as const)('%s', async (text, context, input) => {
    expect((await turn(text, context)).input).toEqual(input);
  });

  it('reads a refusal told about a listed lead as news: "the last one told me no thanks" disqualifies it', async () => {
    expect(await turn('the last one told me no thanks', 'search')).toMatchObject({
      tool: 'updateLead',
      input: { lead: SEARCH_LEADS[2]!.id, status: 'disqualified' },
    });
    expect(await turn("Lukas Becker doesn't want to hear from us again. Take him off the list.")).toMatchObject({
      tool: 'updateLead',
      input: { lead: VOCABULARY.leads[0]!.id, status: 'disqualified' },
    });
  });

  it('without a list to point into, asks which lead rather than guessing', async () => {
    expect(await turn('draft for #1')).toMatchObject({ tool: null });
  });
});

describe('a follow-up that refines the last search', () => {
  // The 'search' context's last search is { industry: ['Fintech'] }.
  it.each([
    ['now without Berlin', { industry: ['Fintech'], excludeCity: ['Berlin'] }],
    ['same thing but drop the ones on HubSpot', { industry: ['Fintech'], excludeTech: ['HubSpot'] }],
    ['same but in Bergen', { industry: ['Fintech'], city: ['Bergen'] }],
    ['only the CTOs', { industry: ['Fintech'], title: 'CTO' }],
    ['and just the qualified ones', { industry: ['Fintech'], status: ['qualified'] }],
  ] as const)('"%s" keeps the last search\'s filters and adds its own', async (text, input) => {
    expect(await turn(text, 'search')).toMatchObject({ tool: 'findLeads', input });
    expect((await turn(text, 'search')).input).toEqual(input);
  });

  // The thread's last search was "fintech leads in Berlin": its call's input is what is carried.
  async function afterBerlinSearch(text: string) {
    const result = await generateText({
      model: createOfflineModel({ now: () => new Date('2026-01-05T09:00:00Z'), vocabulary: async () => VOCABULARY }),
      messages: [
        { role: 'user', content: 'fintech leads in Berlin' },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'call_berlin', toolName: 'findLeads', input: { industry: ['Fintech'], city: ['Berlin'] } }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_berlin',
              toolName: 'findLeads',
              output: { type: 'json', value: { ok: true, summary: 'Found 1 lead.', leads: [lead(1, 'Lukas Becker', 'Kontoflow')] } },
            },
          ],
        },
        { role: 'assistant', content: 'Found 1 lead.\n\n1. Lukas Becker — Kontoflow (lukas@kontoflow.io)' },
        { role: 'user', content: text },
      ],
      tools: toolsWithoutExecute(),
      providerOptions: offlineActorOptions(ACTOR),
    });
    return result.toolCalls[0]?.input;
  }

  it('a place named anew replaces the earlier place instead of intersecting with it', async () => {
    expect(await afterBerlinSearch('same but in Germany')).toEqual({ industry: ['Fintech'], country: ['Germany'] });
    expect(await afterBerlinSearch('same but in Bergen')).toEqual({ industry: ['Fintech'], city: ['Bergen'] });
    expect(await afterBerlinSearch('now without Stripe')).toEqual({ industry: ['Fintech'], city: ['Berlin'], excludeTech: ['Stripe'] });
  });

  it('a new full request after a search with a place keeps none of it', async () => {
    expect(await afterBerlinSearch('show me healthcare leads')).toEqual({ industry: ['Healthcare'] });
  });

  it.each([
    ['find healthcare leads in Norway', { industry: ['Healthcare'], country: ['Norway'] }],
    ['show me leads using Stripe', { tech: ['Stripe'] }],
    ['healthcare leads without HubSpot', { industry: ['Healthcare'], excludeTech: ['HubSpot'] }],
  ] as const)('a new full request after a search inherits none of its filters: "%s"', async (text, input) => {
    expect((await turn(text, 'search')).input).toEqual(input);
  });

  it('without an earlier search, a refinement is searched on its own', async () => {
    expect((await turn('now without Berlin')).input).toEqual({ excludeCity: ['Berlin'] });
  });
});

describe('intent classifier', () => {
  it('is trained from the phrasing corpus: every class has examples and ranks its own examples first', () => {
    let right = 0;
    let total = 0;
    for (const [intent, lines] of Object.entries(INTENT_CORPUS)) {
      expect(lines.length).toBeGreaterThanOrEqual(10);
      for (const l of lines) {
        total++;
        if (classifyIntent(l)[0]!.intent === intent) right++;
      }
    }
    expect(right / total).toBeGreaterThan(0.95);
  });

  it('generalises to wordings outside the corpus', () => {
    expect(classifyIntent('have i blown through my allowance yet')[0]!.intent).toBe('usage');
    expect(classifyIntent('xperson inked the deal')[0]!.intent).toBe('update');
    expect(classifyIntent('is it snowing in xplace')[0]!.intent).toBe('other');
  });
});
