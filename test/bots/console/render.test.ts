import { describe, expect, it } from 'vitest';
import type { Card, DigestCard, EmailRoastCard, LeadCardItem, LeadListCard, UsageCard } from '../../../core/cards.ts';
import type { Check, EmailScore } from '../../../core/email/types.ts';
import { ValidationError } from '../../../core/errors.ts';
import { renderCard } from '../../../bots/console/render/index.ts';
import { createStyle } from '../../../bots/console/render/style.ts';
import { renderTable } from '../../../bots/console/render/table.ts';
import { rescoreCard } from '../../core/view/card-fixtures.ts';

// Independent of the renderer's own helpers, so a bug there cannot hide a width overflow.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const plain = (s: string) => s.replace(ANSI, '');
const columns = (line: string) => [...plain(line)].length;
const render = (card: Card, width = 100, timeZone?: string) => renderCard(card, { width, color: false, timeZone });
/** Output with line breaks and indentation folded, to find text that was wrapped. */
const flat = (s: string) => plain(s).replace(/\s+/g, ' ');

function lead(over: Partial<LeadCardItem> = {}): LeadCardItem {
  return {
    id: '0b6f3c1e-6f1d-4c7a-9a51-2d8f0c3e7a11',
    fullName: 'Jana Müller',
    email: 'jana.mueller@kontorbank.de',
    title: 'CTO',
    company: 'Kontorbank',
    companyDomain: 'kontorbank.de',
    industry: 'Fintech',
    companySize: 1250,
    country: 'Germany',
    city: 'Berlin',
    techStack: ['Postgres', 'Kubernetes', 'Kafka'],
    status: 'new',
    score: 92,
    ownerName: 'Rita Rep',
    enrichedAt: '2026-02-10T09:15:00.000Z',
    ...over,
  };
}

const people = [
  lead(),
  lead({
    fullName: 'Maximilian Alexander von Hohenberg-Schwarzenfeld',
    title: 'Vice President of Engineering & Platform Infrastructure',
    company: 'Norddeutsche Landes- und Girozentrale Digital Services GmbH',
    city: 'Frankfurt am Main',
    companySize: 48000,
    score: 77,
    status: 'contacted',
  }),
  lead({ fullName: 'Lukas Brandt', title: null, company: null, city: null, country: 'Austria', companySize: null, score: 64, status: 'replied' }),
];

const leadList = (over: Partial<LeadListCard> = {}): LeadListCard => ({
  type: 'lead_list',
  title: 'CTO · Fintech · Germany',
  leads: people,
  offset: 1,
  ...over,
});

const check = (over: Partial<Check> & Pick<Check, 'id' | 'label' | 'status'>): Check => ({
  measured: 0,
  target: '',
  evidence: [],
  weight: 1,
  advice: '',
  ...over,
});

const roastScore: EmailScore = {
  score: 42,
  grade: 'F',
  wordCount: 212,
  summary: 'Too long, 3 calls to action and hype words.',
  checks: [
    check({ id: 'subject', label: 'Subject line', status: 'pass', measured: '4 words', target: '2–7 words' }),
    check({
      id: 'length',
      label: 'Length',
      status: 'fail',
      measured: '212 words',
      target: '50–125 words',
      advice: 'Cut it to one problem and one ask, under 125 words.',
    }),
    check({
      id: 'spam_words',
      label: 'Spam words',
      status: 'fail',
      measured: 4,
      target: '0',
      evidence: ['FREE', 'act now', 'guaranteed', '100% risk-free'],
      advice: 'Drop hype words; they trip spam filters and read as a pitch.',
    }),
    check({
      id: 'call_to_action',
      label: 'Calls to action',
      status: 'warn',
      measured: 2,
      target: '1',
      evidence: ['Book a demo here', 'Reply with a time that suits you for a call next week'],
      advice: 'Keep one clear ask.',
    }),
  ],
};

const roast: EmailRoastCard = {
  type: 'email_roast',
  original: { subject: 'FREE offer inside', body: 'Hi there, act now!', score: roastScore },
  critique: 'The email talks about your product for four paragraphs before it mentions the reader once.',
  rewrite: {
    subject: 'Kafka lag at Kontorbank',
    body: 'Hi Jana,\n\nnoticed Kontorbank runs Kafka on Kubernetes. Teams like yours cut consumer lag by 40% with us.\n\nWorth a 15-minute call on Thursday?',
    score: { score: 88, grade: 'A', wordCount: 31, summary: 'Clear and short.', checks: [] },
  },
};

const usage: UsageCard = {
  type: 'usage',
  userName: 'Rita Rep',
  day: '2026-03-01',
  spentUsd: 0.42,
  reservedUsd: 0,
  limitUsd: 5,
  remainingUsd: 4.58,
  resetsAt: '2026-03-01T23:00:00.000Z',
  timeZone: 'Europe/Berlin',
  byName: [
    { name: 'enrichLead', kind: 'tool', calls: 3, costUsd: 0.06 },
    { name: 'gpt-5-mini', kind: 'model', calls: 14, costUsd: 0.36 },
  ],
  team: { spentUsd: 3.1, limitUsd: 50 },
};

const digest: DigestCard = {
  type: 'digest',
  managerName: 'Mia Manager',
  teamName: 'DACH',
  period: { label: 'Week 9', start: '2026-02-23', end: '2026-03-01', cadence: 'weekly' },
  reps: [
    {
      name: 'Rita Rep',
      leadsAdded: 12,
      leadsEnriched: 7,
      emailsRoasted: 5,
      emailsDrafted: 3,
      avgRoastScore: 71,
      avgRoastScoreChange: 6,
      statusChanges: { contacted: 4, qualified: 1 },
      spendUsd: 4.2,
      budgetUsd: 35,
      change: { leadsAdded: 3, leadsEnriched: -2, emails: 1 },
    },
    {
      name: 'Sam Seller',
      leadsAdded: 2,
      leadsEnriched: 0,
      emailsRoasted: 1,
      emailsDrafted: 0,
      avgRoastScore: 55,
      avgRoastScoreChange: -4,
      statusChanges: {},
      spendUsd: 0.3,
      budgetUsd: 35,
      change: { leadsAdded: 0, leadsEnriched: 0, emails: 0 },
    },
  ],
  attention: { staleLeads: [people[1]!], hotUncontacted: [lead({ fullName: 'Paula Fischer', score: 95 })], inactiveReps: ['Ivan Idle'] },
  topLeads: [lead({ fullName: 'Paula Fischer', score: 95 }), lead()],
  totals: { spendUsd: 4.5, budgetUsd: 70, leadsAdded: 14, leadsEnriched: 7 },
};

const allCards: Card[] = [
  leadList({ next: { tool: 'findLeads', input: { cursor: 'c3' } } }),
  {
    type: 'lead_detail',
    lead: {
      ...people[1]!,
      linkedinUrl: 'https://www.linkedin.com/in/maximilian-alexander-von-hohenberg-schwarzenfeld-0123456789',
      seniority: 'vp',
      source: 'import',
      createdAt: '2026-01-02T08:00:00.000Z',
    },
    activities: [
      {
        at: '2026-01-03T23:30:00.000Z',
        type: 'status_change',
        text: 'Status new → contacted after a long call about their migration off the legacy core banking system',
        actorName: 'Rita Rep',
      },
    ],
    enrichments: [{ at: '2026-02-10T09:15:00.000Z', source: 'agent', fields: ['companySize', 'techStack'], costUsd: 0.02 }],
  },
  {
    type: 'enrichment',
    lead: lead(),
    source: 'agent',
    changes: [
      { field: 'companySize', before: null, after: 1250 },
      { field: 'techStack', before: ['Postgres'], after: ['Postgres', 'Kubernetes', 'Kafka'] },
    ],
    costUsd: 0.02,
    notes: ['Headcount from the company imprint page, checked against LinkedIn.'],
  },
  roast,
  {
    type: 'email_draft',
    lead: lead(),
    draft: {
      subject: 'Kafka lag at Kontorbank',
      body: roast.rewrite!.body,
      score: { ...roastScore, score: 91, grade: 'A', checks: roastScore.checks.slice(0, 2) },
    },
  },
  usage,
  {
    type: 'confirmation',
    actionId: 'pa_1',
    tool: 'updateLead',
    summary: 'Mark Jana Müller (Kontorbank) as contacted',
    expiresAt: '2026-03-01T12:10:00.000Z',
    state: 'pending',
  },
  {
    type: 'lead_updated',
    lead: lead({ status: 'contacted' }),
    changes: [{ field: 'status', before: 'new', after: 'contacted' }],
    note: 'Called, wants a follow-up in April.',
  },
  digest,
  { type: 'error', message: 'The enrichment agent is down; try again in a few minutes.', code: 'dependency_down' },
  {
    type: 'patterns',
    title: "What makes leads reply · my team's leads",
    goal: 'replied',
    leads: 3200,
    positives: 412,
    baseRate: 0.12875,
    patterns: [{ label: 'Fintech · C-level · Germany', leads: 270, positives: 97, rate: 0.359, lift: 2.8, ciLow: 0.305, ciHigh: 0.418, significant: true }],
    model: { auc: 0.62, staticScoreAuc: 0.51, folds: 5 },
    notes: [],
  },
  rescoreCard,
  { type: 'lookalikes', title: 'Leads like your customers', seeds: 8, leads: [{ ...lead(), similarity: 0.93, reason: 'uses Stripe like 8 of 8 seeds' }] },
];

describe('console patterns and lookalikes', () => {
  it("shows each pattern with its figures and the model against today's score", () => {
    const out = render(allCards.find((c) => c.type === 'patterns')!, 80, 'UTC');
    expect(out).toContain('412 of 3,200 contacted leads replied (13%).');
    expect(out).toContain('1. Fintech · C-level · Germany');
    expect(out).toContain('36% replied, 2.8× the average · 270 leads · 95% CI 31%–42% · significant');
    expect(out.replace(/\s+/g, ' ')).toContain("AUC 0.62 (5-fold cross-validated); today's fit score: 0.51");
  });

  it('shows the score distribution before and after a rescore', () => {
    const out = render(allCards.find((c) => c.type === 'rescore')!, 80, 'UTC');
    expect(out).toContain('Fit scores of 2,340 leads recomputed, 1,980 changed, from a model with AUC 0.62');
    expect(out).toMatch(/0–9\s+█+ 120\s+█+ 900/);
  });

  it('shows each lookalike with its similarity and reason', () => {
    const out = render(allCards.find((c) => c.type === 'lookalikes')!, 80, 'UTC');
    expect(out).toContain('compared with 8 leads');
    expect(out).toContain('93% similar — uses Stripe like 8 of 8 seeds');
  });
});

describe('console lead list', () => {
  it('shows a title with the count and one numbered row per lead with its key facts', () => {
    const out = render(leadList());
    expect(out.split('\n')[0]).toBe('CTO · Fintech · Germany — 3 leads');
    expect(out).toMatch(/^1 +Jana Müller +CTO +Kontorbank +Berlin, Germany +1,250 +92 +new$/m);
    expect(out).toMatch(/^3 +Lukas Brandt +Austria +64 +replied$/m);
    expect(out).toMatch(/#\s+Name\s+Title\s+Company\s+Location\s+Size\s+Score\s+Status/);
  });

  it('numbers rows from the card offset and hints at more results only when there are more', () => {
    const out = render(leadList({ offset: 11, next: { tool: 'findLeads', input: {} } }));
    expect(out.split('\n')[0]).toBe('CTO · Fintech · Germany — leads 11–13');
    expect(out).toMatch(/^11 +Jana Müller/m);
    expect(out).toMatch(/^13 +Lukas Brandt/m);
    expect(out).toContain('More results: say "show more".');
    expect(render(leadList())).not.toContain('show more');
  });

  it('cuts long cells with "…" and keeps numbers whole to fit 80 columns', () => {
    const out = render(leadList(), 80);
    const row = out.split('\n').find((l) => l.startsWith('2 '))!;
    expect(row).toContain('…');
    expect(row).not.toContain('Maximilian Alexander von Hohenberg-Schwarzenfeld');
    expect(row).toMatch(/48,000 +77 +contacted$/);
  });

  it('says so when no lead matches', () => {
    const out = render(leadList({ leads: [] }));
    expect(out).toContain('CTO · Fintech · Germany — no leads');
    expect(out).toContain('Nothing matches');
  });
});

describe('console lead detail', () => {
  const out = render(allCards[1]!, 120, 'Europe/Berlin');

  it('heads with name, title and company and aligns the facts in one column', () => {
    expect(flat(out.split('\n\n')[0]!)).toBe(
      'Maximilian Alexander von Hohenberg-Schwarzenfeld — Vice President of Engineering & Platform Infrastructure at Norddeutsche Landes- und Girozentrale Digital Services GmbH',
    );
    const facts = out.split('\n').filter((l) => /^  (Email|Size|Tech stack|Owner|Enriched):/.test(l));
    expect(facts).toHaveLength(5);
    expect(new Set(facts.map((l) => l.search(/(?<=: +)\S/)))).toHaveProperty('size', 1);
    expect(out).toMatch(/Tech stack: +Postgres, Kubernetes, Kafka/);
    expect(out).toMatch(/Size: +48,000 employees/);
    expect(out).toMatch(/Location: +Frankfurt am Main, Germany/);
  });

  it('lists recent activity and enrichment history with dates in the given time zone', () => {
    expect(out).toContain('Recent activity\n  2026-01-04 00:30 · Status new');
    expect(flat(out)).toContain(
      '2026-01-04 00:30 · Status new → contacted after a long call about their migration off the legacy core banking system (Rita Rep)',
    );
    expect(out).toContain('Enrichment history\n  2026-02-10 · agent · company size, tech stack · $0.02');
  });

  it('shows "none yet" for a lead without activity or enrichments', () => {
    const bare = render({ type: 'lead_detail', lead: { ...lead({ enrichedAt: null }), createdAt: '2026-01-02T08:00:00Z' }, activities: [], enrichments: [] });
    expect(bare).toMatch(/Recent activity\n {2}none yet/);
    expect(bare).toMatch(/Enrichment history\n {2}none yet/);
    expect(bare).toMatch(/Enriched: +never/);
  });
});

describe('console enrichment', () => {
  it('shows each change before → after with "—" for an empty before, the cost and the notes', () => {
    const out = render(allCards[2]!);
    expect(out.split('\n').slice(0, 2)).toEqual(['Enrichment: Jana Müller', 'Via the enrichment agent']);
    expect(out).toMatch(/Company size +— +→ +1,250/);
    expect(out).toMatch(/Tech stack +Postgres +→ +Postgres, Kubernetes, Kafka/);
    expect(out).toContain('Cost: $0.02');
    expect(out).toContain('• Headcount from the company imprint page, checked against LinkedIn.');
  });

  it('gives the reason when the enrichment was skipped', () => {
    const out = render({
      type: 'enrichment',
      lead: lead(),
      source: 'builtin',
      changes: [],
      costUsd: 0,
      notes: [],
      skippedReason: 'Enriched 3 days ago; nothing to refresh yet.',
    });
    expect(out).toBe('Enrichment: Jana Müller\nNothing to do: Enriched 3 days ago; nothing to refresh yet.');
  });
});

describe('console email roast', () => {
  const out = render(roast, 100);

  it('heads with score and grade and marks each check ✓, ! or ✗ with measured against target', () => {
    expect(out.split('\n')[0]).toBe('Email roast: 42/100 (F)');
    expect(out).toMatch(/^✓ Subject line +4 words · target 2–7 words$/m);
    expect(out).toMatch(/^✗ Length +212 words · target 50–125 words$/m);
    expect(out).toMatch(/^! Calls to action +2 · target 1$/m);
  });

  it('quotes at most three pieces of evidence per problem, then the advice', () => {
    expect(out).toContain('✗ Spam words');
    expect(out).toContain('    "FREE"\n    "act now"\n    "guaranteed"\n    …and 1 more\n    → Drop hype words; they trip spam filters and read as a pitch.');
    expect(out).not.toContain('100% risk-free');
    expect(out).toContain('    "Book a demo here"');
  });

  it('ends with the critique and the rewrite, its score and the gain', () => {
    expect(out).toContain('Critique\n  The email talks about your product');
    expect(out).toContain('Rewrite — 88/100 (A) · 42 → 88, +46\n\n  Subject: Kafka lag at Kontorbank');
    expect(out).toContain('  Subject: Kafka lag at Kontorbank\n\n  Hi Jana,\n\n  noticed Kontorbank runs Kafka');
  });

  it('keeps the rubric’s own quotes around a quoted sentence instead of adding a second pair', () => {
    const quoted = {
      ...roast,
      original: {
        ...roast.original,
        score: {
          ...roast.original.score,
          checks: [check({ id: 'value_proposition', label: 'Value proposition', status: 'warn', evidence: ['"Teams like yours save time with us."'] })],
        },
      },
    };
    const text = render(quoted, 100);
    expect(text).toContain('    "Teams like yours save time with us."');
    expect(text).not.toContain('""Teams');
  });

  it('wraps long evidence and advice instead of cutting them at 60 columns', () => {
    const narrow = render(roast, 60);
    expect(flat(narrow)).toContain('"Reply with a time that suits you for a call next week"');
    expect(flat(narrow)).toContain('→ Drop hype words; they trip spam filters and read as a pitch.');
  });
});

describe('console email draft', () => {
  it('shows the draft indented, its rubric score and only the checks that did not pass', () => {
    const out = render(allCards[4]!);
    expect(out).toContain('Draft for Jana Müller (CTO at Kontorbank)\n\n  Subject: Kafka lag at Kontorbank\n\n  Hi Jana,');
    expect(out).toContain('Rubric: 91/100 (A)');
    expect(out).toMatch(/✗ Length +212 words · target 50–125 words\n {4}→ Cut it to one problem/);
    expect(out).not.toContain('Subject line');
  });
});

describe('console usage', () => {
  it('sums up spend, remaining and the reset time in the user zone, with a bar and a per-name table', () => {
    const out = render(usage);
    expect(out).toMatch(/Spent: +\$0\.42\n {2}Daily limit: +\$5\.00\n {2}Remaining: +\$4\.58\n {2}Resets: +00:00 Europe\/Berlin/);
    expect(out).toMatch(/^█+░+ 8%$/m);
    expect(out).toMatch(/gpt-5-mini +model +14 +\$0\.36\nenrichLead +tool +3 +\$0\.06/);
    expect(out).toContain('Team: $3.10 of $50.00 today · $46.90 left');
  });

  it('says when nothing was spent yet and leaves out the team line without a team', () => {
    const out = render({ ...usage, spentUsd: 0, remainingUsd: 5, byName: [], team: undefined });
    expect(out).toContain('No model or tool calls yet today.');
    expect(out).toMatch(/^░+ 0%$/m);
    expect(out).not.toContain('Team:');
  });
});

describe('console confirmation, lead update and error', () => {
  const confirmation = allCards[6] as Extract<Card, { type: 'confirmation' }>;

  it('asks yes/no while pending, with the expiry in the given zone', () => {
    expect(render(confirmation, 100, 'Europe/Berlin')).toBe(
      'Please confirm: Mark Jana Müller (Kontorbank) as contacted\n  Expires 2026-03-01 13:10\n[y]es / [n]o',
    );
  });

  it('shows the outcome instead of the question once decided', () => {
    expect(render({ ...confirmation, state: 'confirmed' })).toBe('✓ Confirmed: Mark Jana Müller (Kontorbank) as contacted');
    expect(render({ ...confirmation, state: 'cancelled' })).toBe('✗ Cancelled: Mark Jana Müller (Kontorbank) as contacted');
    expect(render({ ...confirmation, state: 'expired' })).toBe('Expired: Mark Jana Müller (Kontorbank) as contacted');
  });

  it('states a lead update as before → after with its note', () => {
    expect(render(allCards[7]!)).toBe('Updated Jana Müller: status new → contacted\n  Note: Called, wants a follow-up in April.');
  });

  it('shows an error as ✗ and its message, then the code to quote', () => {
    expect(render(allCards[9]!)).toBe('✗ The enrichment agent is down; try again in a few minutes.\n  Code: dependency_down');
  });
});

describe('console digest', () => {
  it('tabulates each rep with trends, spend against budget and status moves', () => {
    const out = render(digest, 120);
    expect(out.split('\n').slice(0, 2)).toEqual(['DACH · Week 9', 'Weekly digest for Mia Manager · 2026-02-23 – 2026-03-01']);
    expect(out).toMatch(/Rita Rep +12 ↑3 +7 ↓2 +5\/3 ↑1 +71 ↑6 +\$4\.20 \/ \$35\.00 +contacted 4, qualified 1/);
    expect(out).toMatch(/Sam Seller +2 +0 +1\/0 +55 ↓4 +\$0\.30 \/ \$35\.00$/m);
  });

  it('lists what needs attention, the top leads and the totals', () => {
    const out = render(digest, 120);
    expect(out).toContain('Needs attention\n  Hot leads not contacted yet (1)\n    • Paula Fischer — CTO at Kontorbank · score 95 · new');
    expect(out).toContain('  Stale leads (1)\n    • Maximilian Alexander von Hohenberg-Schwarzenfeld');
    expect(out).toContain('  Inactive reps: Ivan Idle');
    expect(out).toContain('Top leads\n  1. Paula Fischer — CTO at Kontorbank · score 95 · new\n  2. Jana Müller');
    expect(out).toContain('Totals: 14 leads added · 7 enriched · $4.50 of $70.00 spent');
  });

  it('handles a quiet period with empty lists', () => {
    const out = render({
      ...digest,
      reps: [],
      attention: { staleLeads: [], hotUncontacted: [], inactiveReps: [] },
      topLeads: [],
      totals: { spendUsd: 0, budgetUsd: 70, leadsAdded: 0, leadsEnriched: 0 },
    });
    expect(out).toContain('Reps\n  No rep activity this period.');
    expect(out).toContain('Needs attention\n  Nothing this period.');
    expect(out).toContain('Top leads\n  None this period.');
    expect(out).toContain('Totals: 0 leads added · 0 enriched · $0.00 of $70.00 spent');
  });
});

describe('console rendering limits', () => {
  const cases = [60, 80, 120].flatMap((width) => allCards.map((card) => [card.type, width, card] as const));

  it.each(cases)('keeps a %s card within %i columns', (_type, width, card) => {
    const out = renderCard(card, { width, color: true, timeZone: 'Europe/Berlin' });
    for (const line of out.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(width);
  });

  it('still keeps within the width of a very narrow pane', () => {
    for (const card of allCards) {
      for (const line of renderCard(card, { width: 16, color: true }).split('\n')) expect(columns(line), line).toBeLessThanOrEqual(16);
    }
  });

  it('drops the least important lead columns before cutting names to nothing', () => {
    const header = render(leadList(), 60).split('\n')[2]!;
    expect(header.split(/ {2,}/)).toEqual(['#', 'Name', 'Title', 'Company', 'Score', 'Status']);
  });

  it('writes no escape codes with colour off and styles with colour on', () => {
    for (const card of allCards) {
      expect(renderCard(card, { width: 80, color: false })).not.toContain('\x1b');
      expect(renderCard(card, { width: 80, color: true })).toContain('\x1b[');
    }
  });

  it('drops control characters in lead data so an imported name cannot restyle the terminal', () => {
    const out = render(leadList({ leads: [lead({ fullName: 'Eve\x1b[2J\x1b]0;pwned\x07 Evil\nNext', company: 'Acme\tCorp' })] }));
    expect(out).not.toContain('\x1b');
    expect(out).toContain('Eve[2J]0;pwned Evil Next');
    expect(out).toContain('Acme Corp');
  });

  it('is deterministic and shows dates in UTC unless a zone is given', () => {
    const card = allCards[1]!;
    expect(render(card)).toBe(render(card));
    expect(render(card)).toContain('2026-01-03 23:30 · Status new');
  });

  it('rejects a width that is not a positive whole number of columns', () => {
    expect(() => renderCard(allCards[0]!, { width: 0, color: false })).toThrow(ValidationError);
    expect(() => renderCard(allCards[0]!, { width: 80.5, color: false })).toThrow(/positive whole number/);
  });
});

describe('text table', () => {
  const style = createStyle(false);
  const cols = [{ header: 'Name' }, { header: 'Notes', dropOrder: 1 }, { header: 'Calls', align: 'right' as const }];
  const rows = [
    ['Ada', 'short', '7'],
    ['Grace Hopper', 'a much longer note that will not fit', '1234'],
  ];

  it('sizes columns to their content and right-aligns numbers', () => {
    expect(renderTable(cols, rows, { width: 120, style })).toEqual([
      'Name          Notes                                 Calls',
      '─────────────────────────────────────────────────────────',
      'Ada           short                                     7',
      'Grace Hopper  a much longer note that will not fit   1234',
    ]);
  });

  it('shrinks the widest column with "…" first, then drops columns in their drop order', () => {
    const shrunk = renderTable(cols, rows, { width: 40, style });
    expect(shrunk[3]).toBe('Grace Hopper  a much longer note…   1234');
    const dropped = renderTable(cols, rows, { width: 20, style });
    expect(dropped[0]).toBe('Name          Calls');
    expect(dropped[3]).toBe('Grace Hopper   1234');
  });
});
