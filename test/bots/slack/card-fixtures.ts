// Sample cards of every type, as tools produce them.
import type { Card, LeadCardItem, LeadListCard } from '../../../core/cards.ts';
import type { EmailScore } from '../../../core/email/types.ts';

export function lead(i: number, over: Partial<LeadCardItem> = {}): LeadCardItem {
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
    leads: Array.from({ length: count }, (_, i) => lead(offset + i)),
    offset,
    next: opts.next ? { tool: 'findLeads', input: { filter: { title: 'CTO' }, cursor: `c${offset + count}` } } : undefined,
  };
}

export const score: EmailScore = {
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

export const allCards: Card[] = [
  leadList(3, { next: true }),
  {
    type: 'lead_detail',
    lead: { ...lead(1), linkedinUrl: 'https://linkedin.com/in/x', seniority: 'c_level', source: 'import', createdAt: '2026-01-02T00:00:00.000Z' },
    activities: [{ at: '2026-01-03T00:00:00.000Z', type: 'status_change', text: 'new → contacted', actorName: 'Rita Rep' }],
    enrichments: [{ at: '2026-01-04T00:00:00.000Z', source: 'agent', fields: ['companySize'], costUsd: 0.02 }],
  },
  {
    type: 'enrichment',
    lead: lead(2),
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
  { type: 'email_draft', lead: lead(3), draft: { subject: 'Idea for Acme 3', body: 'Hi Lead, ...', score: { ...score, score: 80, grade: 'B' } } },
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
  { type: 'lead_updated', lead: lead(1, { status: 'contacted' }), changes: [{ field: 'status', before: 'new', after: 'contacted' }] },
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
    attention: { staleLeads: [lead(7)], hotUncontacted: [lead(8)], inactiveReps: ['Ivan Idle'] },
    topLeads: [lead(9)],
    totals: { spendUsd: 1.2, budgetUsd: 35, leadsAdded: 10, leadsEnriched: 4 },
  },
  { type: 'error', message: 'The enrichment agent is down; try again later.', code: 'dependency_down' },
  {
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
  },
  {
    type: 'lookalikes',
    title: 'Leads like your customers',
    seeds: 8,
    leads: [{ ...lead(1), similarity: 0.93, reason: 'uses Stripe like 8 of 8 seeds; title word cto like 8 of 8 seeds' }],
  },
  {
    type: 'rescore',
    title: 'Fit scores recomputed · goal: replied',
    goal: 'replied',
    leads: 2340,
    changed: 1980,
    auc: 0.62,
    staticScoreAuc: 0.51,
    before: [120, 300, 410, 380, 300, 260, 220, 180, 110, 60],
    after: [900, 700, 400, 200, 80, 40, 12, 5, 2, 1],
  },
];
