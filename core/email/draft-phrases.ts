// The vocabulary the first-touch composer draws on: what each kind of role struggles with, in short plain
// words so drafts stay at a low reading grade. What the rep sells comes from the offer profile, not from here.

export type RoleArea = 'leadership' | 'sales' | 'marketing' | 'engineering' | 'product' | 'finance' | 'people' | 'it' | 'support' | 'operations' | 'general';

const ROLE_RULES: [RoleArea, RegExp][] = [
  ['leadership', /\b(ceo|founder|co-?founder|owner|(?<!vice[\s-])president|managing director|general manager|chief executive)\b/i],
  ['sales', /\b(sales|revenue|account executive|account manager|business development|bdr|sdr|cro|commercial|revops)\b/i],
  ['marketing', /\b(marketing|growth|demand|brand|content|cmo|communications)\b/i],
  ['engineering', /\b(engineer|engineering|developer|cto|devops|sre|architect|software)\b/i],
  ['product', /\b(product|design|ux)\b/i],
  ['finance', /\b(finance|financial|cfo|controller|accounting|accountant|treasurer)\b/i],
  ['people', /\b(hr|people|talent|recruit\w*|human resources|chro)\b/i],
  ['it', /\b(it|cio|information technology|security|ciso|infrastructure|systems)\b/i],
  ['support', /\b(support|success|customer|service|cx)\b/i],
  ['operations', /\b(operations|ops|coo|supply|logistics|procurement)\b/i],
];

export function roleAreaOf(title?: string): RoleArea {
  if (!title) return 'general';
  return ROLE_RULES.find(([, re]) => re.test(title))?.[0] ?? 'general';
}

interface RoleWords {
  /** Who they are, as a plural noun phrase: "sales teams". */
  teams: string;
  /** A short label for subjects: "Sales". */
  label: string;
  /** What teams like theirs struggle with, completing "Most sales teams ...". */
  pains: string[];
}

export const ROLE_WORDS: Record<RoleArea, RoleWords> = {
  leadership: {
    teams: 'founders',
    label: 'Growth',
    pains: ['find that busywork grows faster than the team', 'spend more time on admin than they would like'],
  },
  sales: {
    teams: 'sales teams',
    label: 'Sales',
    pains: ['lose hours each week to CRM updates', 'spend more time on admin than on calls'],
  },
  marketing: {
    teams: 'marketing teams',
    label: 'Pipeline',
    pains: ['get plenty of clicks but too few meetings', 'find it hard to tie their work to real deals'],
  },
  engineering: {
    teams: 'dev teams',
    label: 'On-call',
    pains: ['lose a day a week to alerts and noise', 'find that on-call work slows down the roadmap'],
  },
  product: {
    teams: 'product teams',
    label: 'Feedback',
    pains: ['have user feedback spread across five tools', 'find it hard to see what users ask for most'],
  },
  finance: {
    teams: 'finance teams',
    label: 'Month-end',
    pains: ['lose the first week of each month to the close', 'still chase numbers in spreadsheets'],
  },
  people: {
    teams: 'HR teams',
    label: 'Hiring',
    pains: ['spend weeks on each open role', 'find good hires slip away during slow steps'],
  },
  it: {
    teams: 'IT teams',
    label: 'App sprawl',
    pains: ['struggle to track every app in use', 'find new tools show up faster than they can check them'],
  },
  support: {
    teams: 'support teams',
    label: 'Ticket load',
    pains: ['see tickets grow faster than the team', 'answer the same questions again and again'],
  },
  operations: {
    teams: 'ops teams',
    label: 'Handoffs',
    pains: ['still run key handoffs by hand', 'lose time to manual steps between tools'],
  },
  general: {
    teams: 'teams',
    label: 'Quick idea',
    pains: ['find that busywork grows faster than headcount', 'lose hours each week to manual work'],
  },
};

export const SIGN_OFFS = ['Best', 'Thanks', 'Cheers'];
