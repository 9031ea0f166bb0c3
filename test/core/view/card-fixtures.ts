// Cards for the view layer's and every platform converter's tests: one of each type as tools produce them,
// and named realistic cases (long texts, empty lists, every state). One set, so every platform is tested on
// the same cards.
import type { Card, LeadCardItem, LeadListCard, PatternsCard, RescoreCard } from '../../../core/cards.ts';
import type { EmailScore } from '../../../core/email/types.ts';

/** A lead numbered i: distinct ids, names, companies and scores for lists. */
export function numberedLead(i: number, over: Partial<LeadCardItem> = {}): LeadCardItem {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    fullName: `Lead Number ${i}`,
    email: `lead${i}@acme${i}.io`,
    title: 'CTO',
    company: `Acme ${i}`,
    companyDomain: `acme${i}.io`,
    industry: 'Fintech',
    companySize: 120,
    country: 'Germany',
    city: 'Berlin',
    techStack: ['Postgres', 'Kubernetes'],
    status: 'new',
    score: 90 - (i % 50),
    ownerName: 'Rita Rep',
    enrichedAt: null,
    ...over,
  };
}

export function leadList(count: number, opts: { offset?: number; next?: boolean } = {}): LeadListCard {
  const offset = opts.offset ?? 1;
  return {
    type: 'lead_list',
    title: 'CTOs · Fintech · Germany',
    leads: Array.from({ length: count }, (_, i) => numberedLead(offset + i)),
    offset,
    next: opts.next ? { tool: 'findLeads', input: { filter: { title: 'CTO' }, cursor: `c${offset + count}` } } : undefined,
  };
}

const score: EmailScore = {
  score: 48,
  grade: 'D',
  wordCount: 180,
  summary: 'Too long, 3 calls to action, spam words.',
  checks: [
    {
      id: 'length',
      label: 'Length',
      status: 'fail',
      measured: 180,
      target: '50–125 words',
      evidence: ['180 words'],
      weight: 2,
      advice: 'Cut it to under 125 words.',
    },
    { id: 'spam_words', label: 'Spam words', status: 'fail', measured: 2, target: '0', evidence: ['FREE', 'act now'], weight: 1, advice: 'Drop hype words.' },
    { id: 'subject', label: 'Subject line', status: 'pass', measured: 4, target: '2–7 words', evidence: [], weight: 1, advice: '' },
  ],
};

/** One card of each type, as tools produce them. */
/** A patterns card with a significant and an insignificant pattern (the label carries markup to escape). */
export const patternsCard: PatternsCard = {
  type: 'patterns',
  title: "What makes leads reply · my team's leads",
  goal: 'replied',
  leads: 3200,
  positives: 412,
  baseRate: 0.12875,
  patterns: [
    { label: 'Fintech · C-level · Germany', leads: 270, positives: 97, rate: 0.359, lift: 2.8, ciLow: 0.305, ciHigh: 0.418, significant: true },
    { label: 'from webinar', leads: 800, positives: 160, rate: 0.2, lift: 1.55, ciLow: 0.173, ciHigh: 0.229, significant: true },
    { label: 'uses *Stripe* <b>', leads: 40, positives: 8, rate: 0.2, lift: 1.55, ciLow: 0.105, ciHigh: 0.349, significant: false },
  ],
  model: { auc: 0.62, staticScoreAuc: 0.51, folds: 5 },
  notes: ["The current score's AUC is over the 3100 leads that had one."],
};

/** A rescore's score distribution before and after. */
export const rescoreCard: RescoreCard = {
  type: 'rescore',
  title: 'Fit scores recomputed · goal: replied',
  goal: 'replied',
  leads: 2340,
  changed: 1980,
  auc: 0.62,
  staticScoreAuc: 0.51,
  before: [120, 300, 410, 380, 300, 260, 220, 180, 110, 60],
  after: [900, 700, 400, 200, 80, 40, 12, 5, 2, 1],
};

export const sampleCards: Card[] = [
  leadList(3, { next: true }),
  {
    type: 'lead_detail',
    lead: { ...numberedLead(1), linkedinUrl: 'https://linkedin.com/in/x', seniority: 'c_level', source: 'import', createdAt: '2026-01-02T00:00:00.000Z' },
    activities: [{ at: '2026-01-03T00:00:00.000Z', type: 'status_change', text: 'new → contacted', actorName: 'Rita Rep' }],
    enrichments: [{ at: '2026-01-04T00:00:00.000Z', source: 'agent', fields: ['companySize'], costUsd: 0.02 }],
  },
  {
    type: 'enrichment',
    lead: numberedLead(2),
    source: 'agent',
    changes: [{ field: 'companySize', before: null, after: 250 }],
    costUsd: 0.02,
    notes: ['Found on the company site'],
  },
  {
    type: 'email_roast',
    original: { subject: 'FREE offer', body: 'Hi there, act now!', score },
    rewrite: { subject: 'Quick question', body: 'Hi Jane, ...', score: { ...score, score: 86, grade: 'B', checks: [] } },
  },
  { type: 'email_draft', lead: numberedLead(3), draft: { subject: 'Idea for Acme 3', body: 'Hi Lead, ...', score: { ...score, score: 80, grade: 'B' } } },
  {
    type: 'usage',
    userName: 'Rita Rep',
    day: '2026-03-01',
    spentUsd: 0.42,
    reservedUsd: 0.01,
    limitUsd: 5,
    remainingUsd: 4.57,
    resetsAt: '2026-03-02T00:00:00+01:00',
    timeZone: 'Europe/Berlin',
    byName: [{ name: 'gpt-5-mini', kind: 'model', calls: 12, costUsd: 0.4 }],
  },
  {
    type: 'confirmation',
    actionId: 'pa_1',
    tool: 'updateLead',
    summary: 'Mark Lead Number 1 (Acme 1) as contacted',
    expiresAt: '2026-03-01T12:00:00.000Z',
    state: 'pending',
  },
  { type: 'lead_updated', lead: numberedLead(1, { status: 'contacted' }), changes: [{ field: 'status', before: 'new', after: 'contacted' }] },
  {
    type: 'digest',
    managerName: 'Mia Manager',
    teamName: 'DACH',
    period: { label: 'Week 9', start: '2026-02-23', end: '2026-03-01', cadence: 'weekly' },
    reps: [
      {
        name: 'Rita Rep',
        leadsAdded: 10,
        leadsEnriched: 4,
        emailsRoasted: 3,
        emailsDrafted: 2,
        avgRoastScore: 71,
        avgRoastScoreChange: 5,
        statusChanges: { contacted: 3 },
        spendUsd: 1.2,
        budgetUsd: 35,
        change: { leadsAdded: 2, leadsEnriched: -1, emails: 1 },
      },
    ],
    attention: { staleLeads: [numberedLead(7)], hotUncontacted: [numberedLead(8)], inactiveReps: ['Ivan Idle'] },
    topLeads: [numberedLead(9)],
    totals: { spendUsd: 1.2, budgetUsd: 35, leadsAdded: 10, leadsEnriched: 4 },
  },
  { type: 'error', message: 'The enrichment agent is down; try again later.', code: 'dependency_down' },
  patternsCard,
  {
    type: 'lookalikes',
    title: 'Leads like your customers',
    seeds: 8,
    leads: [{ ...numberedLead(1), similarity: 0.93, reason: 'uses Stripe like 8 of 8 seeds; title word cto like 8 of 8 seeds' }],
  },
  rescoreCard,
];

export const longText = 'We help fintech CTOs cut cloud spend without slowing releases. '.repeat(80);

/** A realistic lead (one person), to vary with overrides. */
export function realisticLead(overrides: Partial<LeadCardItem> = {}): LeadCardItem {
  return {
    id: '6f1c1f4e-1111-4a4a-9b9b-000000000001',
    fullName: 'Jane Doe',
    email: 'jane.doe@acme-payments.de',
    title: 'CTO',
    company: 'Acme Payments GmbH',
    companyDomain: 'acme-payments.de',
    industry: 'Fintech',
    companySize: 240,
    country: 'Germany',
    city: 'Berlin',
    techStack: ['AWS', 'Kubernetes', 'PostgreSQL'],
    status: 'new',
    score: 87,
    ownerName: 'Sam Rep',
    enrichedAt: '2026-11-20T09:30:00.000Z',
    ...overrides,
  };
}

const roastScore: EmailScore = {
  score: 58,
  grade: 'D',
  wordCount: 142,
  summary: 'Too long (142 words), 3 calls to action, no question.',
  checks: [
    { id: 'length', label: 'Length', status: 'fail', measured: 142, target: '25–50 words', evidence: [], weight: 2, advice: 'Cut it to under 50 words.' },
    {
      id: 'call_to_action',
      label: 'Call to action',
      status: 'warn',
      measured: 3,
      target: 'exactly 1',
      evidence: ['Book a call', 'Reply here', 'Visit our site'],
      weight: 1,
      advice: 'Ask for one thing.',
    },
    { id: 'subject', label: 'Subject', status: 'pass', measured: '3 words', target: '1–4 words', evidence: [], weight: 1, advice: '' },
  ],
};

/** Realistic cards of every type, with long texts, empty lists and every state, each named. */
export function edgeCards(): { name: string; card: Card }[] {
  const many = Array.from({ length: 25 }, (_, i) =>
    realisticLead({ id: `lead-${i}`, fullName: `Lead *Number* ${i} ${'x'.repeat(i * 4)}`, status: i % 2 ? 'contacted' : 'new', techStack: [] }),
  );
  return [
    {
      name: 'lead list',
      card: {
        type: 'lead_list',
        title: 'CTOs · Fintech · Germany',
        leads: [realisticLead(), realisticLead({ id: 'l2', fullName: 'Max Mustermann', status: 'contacted', title: null, company: null, city: null })],
        offset: 1,
        next: { tool: 'findLeads', input: { industry: 'Fintech', cursor: 'abc' } },
      },
    },
    { name: 'lead list, long', card: { type: 'lead_list', title: longText, leads: many, offset: 11 } },
    { name: 'lead list, empty', card: { type: 'lead_list', title: 'Nobody', leads: [], offset: 1 } },
    {
      name: 'lead detail',
      card: {
        type: 'lead_detail',
        lead: {
          ...realisticLead(),
          linkedinUrl: 'https://www.linkedin.com/in/janedoe',
          seniority: 'c_level',
          source: 'import',
          createdAt: '2026-10-01T08:00:00.000Z',
        },
        activities: [
          { at: '2026-11-21T10:00:00.000Z', type: 'note', text: longText, actorName: 'Sam Rep' },
          { at: '2026-11-20T10:00:00.000Z', type: 'enriched', text: 'Enriched by agent' },
        ],
        enrichments: [{ at: '2026-11-20T09:30:00.000Z', source: 'agent', fields: ['companySize', 'techStack'], costUsd: 0.02 }],
      },
    },
    {
      name: 'lead detail, empty history',
      card: { type: 'lead_detail', lead: { ...realisticLead({ techStack: [] }), createdAt: '2026-10-01T08:00:00.000Z' }, activities: [], enrichments: [] },
    },
    {
      name: 'enrichment',
      card: {
        type: 'enrichment',
        lead: realisticLead(),
        source: 'agent',
        changes: [
          { field: 'companySize', before: null, after: 240 },
          { field: 'techStack', before: [], after: ['AWS', 'Go'] },
        ],
        costUsd: 0.02,
        notes: ['Company found on the web', longText],
      },
    },
    {
      name: 'enrichment, skipped',
      card: {
        type: 'enrichment',
        lead: realisticLead(),
        source: 'builtin',
        changes: [],
        costUsd: 0,
        notes: [],
        skippedReason: 'Enriched 3 days ago; ask again with "force" to refresh.',
      },
    },
    {
      name: 'email roast',
      card: {
        type: 'email_roast',
        original: { subject: 'Quick question', body: longText, score: roastScore },
        rewrite: {
          subject: 'Cloud spend',
          body: 'Hi Jane, saw Acme runs on AWS. Worth a 15-minute chat?',
          score: { ...roastScore, score: 91, grade: 'A', checks: [] },
        },
        critique: longText,
      },
    },
    { name: 'email roast, no rewrite', card: { type: 'email_roast', original: { body: '', score: { ...roastScore, checks: [] } } } },
    {
      name: 'email draft',
      card: {
        type: 'email_draft',
        lead: realisticLead(),
        draft: { subject: 'Cloud spend at Acme', body: 'Hi Jane,\n\nsaw Acme runs on AWS…\n\nWorth a chat?', score: roastScore },
      },
    },
    {
      name: 'usage',
      card: {
        type: 'usage',
        userName: 'Sam Rep',
        day: '2026-11-25',
        spentUsd: 1.234,
        reservedUsd: 0.05,
        limitUsd: 5,
        remainingUsd: 3.716,
        resetsAt: '2026-11-26T00:00:00.000Z',
        timeZone: 'Europe/Berlin',
        byName: [
          { name: 'gpt-4o-mini', kind: 'model', calls: 12, costUsd: 0.8 },
          { name: 'enrichLead', kind: 'tool', calls: 3, costUsd: 0.434 },
        ],
        team: { spentUsd: 12, limitUsd: 50 },
      },
    },
    {
      name: 'usage, nothing spent',
      card: {
        type: 'usage',
        userName: 'Sam Rep',
        day: '2026-11-25',
        spentUsd: 0,
        reservedUsd: 0,
        limitUsd: 0,
        remainingUsd: 0,
        resetsAt: '2026-11-26T00:00:00.000Z',
        timeZone: 'UTC',
        byName: [],
      },
    },
    {
      name: 'confirmation',
      card: {
        type: 'confirmation',
        actionId: 'pa_1',
        tool: 'updateLead',
        summary: 'Mark Jane Doe (Acme Payments GmbH) as contacted',
        expiresAt: '2026-11-25T20:00:00.000Z',
      },
    },
    {
      name: 'confirmation, confirmed',
      card: { type: 'confirmation', actionId: 'pa_1', tool: 'updateLead', summary: longText, expiresAt: '2026-11-25T20:00:00.000Z', state: 'confirmed' },
    },
    {
      name: 'lead updated',
      card: {
        type: 'lead_updated',
        lead: realisticLead({ status: 'contacted' }),
        changes: [{ field: 'status', before: 'new', after: 'contacted' }],
        note: 'Called, left a voicemail',
      },
    },
    { name: 'lead updated, no changes', card: { type: 'lead_updated', lead: realisticLead(), changes: [] } },
    {
      name: 'digest',
      card: {
        type: 'digest',
        managerName: 'Mia Manager',
        teamName: 'DACH',
        period: { label: 'Week of 18 Nov', start: '2026-11-18', end: '2026-11-25', cadence: 'weekly' },
        reps: [
          {
            name: 'Sam Rep',
            leadsAdded: 12,
            leadsEnriched: 8,
            emailsRoasted: 4,
            emailsDrafted: 2,
            avgRoastScore: 71.5,
            avgRoastScoreChange: 4,
            statusChanges: { contacted: 5 },
            spendUsd: 3.2,
            budgetUsd: 35,
            change: { leadsAdded: 3, leadsEnriched: -1, emails: 2 },
          },
        ],
        attention: { staleLeads: [realisticLead()], hotUncontacted: [realisticLead({ score: 95 })], inactiveReps: ['Ola Idle'] },
        topLeads: [realisticLead()],
        totals: { spendUsd: 3.2, budgetUsd: 35, leadsAdded: 12, leadsEnriched: 8 },
      },
    },
    {
      name: 'digest, empty team',
      card: {
        type: 'digest',
        managerName: 'Mia',
        teamName: 'New team',
        period: { label: 'Today', start: '2026-11-25', end: '2026-11-25', cadence: 'daily' },
        reps: [],
        attention: { staleLeads: [], hotUncontacted: [], inactiveReps: [] },
        topLeads: [],
        totals: { spendUsd: 0, budgetUsd: 0, leadsAdded: 0, leadsEnriched: 0 },
      },
    },
    { name: 'error', card: { type: 'error', message: 'The enrichment agent is not answering; try again in a few minutes.', code: 'dependency_down' } },
    {
      name: 'patterns',
      card: patternsCard,
    },
    {
      name: 'patterns, nothing found',
      card: {
        type: 'patterns',
        title: 'What makes leads buy · leads I can see',
        goal: 'customer',
        leads: 40,
        positives: 0,
        baseRate: 0,
        patterns: [],
        notes: ['Every lead has the same outcome.'],
      },
    },
    {
      name: 'rescore',
      card: rescoreCard,
    },
    {
      name: 'lookalikes',
      card: {
        type: 'lookalikes',
        title: 'Leads like your customers',
        seeds: 8,
        leads: [{ ...realisticLead(), similarity: 0.93, reason: 'uses Stripe like 8 of 8 seeds; title word cto like 8 of 8 seeds' }],
      },
    },
  ];
}

/** Every fixture card: the samples and the named cases. */
export function allFixtureCards(): { name: string; card: Card }[] {
  return [...sampleCards.map((card) => ({ name: `sample ${card.type}`, card })), ...edgeCards()];
}
