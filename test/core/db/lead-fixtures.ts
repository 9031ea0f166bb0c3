// A hand-built set of 30 leads with known attributes, owned by two reps of one team, a rep of another
// team and nobody, so every filter and scope has a known answer.
import type { TestDatabase } from '../../support/db.ts';
import { LeadRepository } from '../../../core/db/leads-repository.ts';
import { UserRepository } from '../../../core/db/users-repository.ts';
import type { Seniority, LeadStatus } from '../../../core/leads/filter.ts';

type Owner = 'ann' | 'bob' | 'cat' | null;
// key, name, title, seniority, company, industry, size, country, city, tech, status, score, owner
type Row = [string, string, string, Seniority, string, string, number, string, string, string[], LeadStatus, number, Owner];

export const ROWS: Row[] = [
  ['l01', 'Jane Doe', 'CTO', 'c_level', 'Acme Pay', 'Fintech', 120, 'Germany', 'Berlin', ['HubSpot', 'React'], 'new', 95, 'ann'],
  ['l02', 'John Smith', 'VP of Sales', 'vp', 'Acme Pay', 'Fintech', 120, 'Germany', 'Berlin', ['HubSpot', 'React'], 'contacted', 90, 'bob'],
  ['l03', 'Maria Garcia', 'Head of Sales', 'director', 'Globex Health', 'Healthcare', 800, 'Spain', 'Madrid', ['Salesforce'], 'replied', 88, null],
  ['l04', 'Lukas Weber', 'Director of Engineering', 'director', 'Initech', 'SaaS', 45, 'Germany', 'Munich', ['AWS', 'React', 'Slack'], 'new', 85, 'cat'],
  [
    'l05',
    'Emma Brown',
    'Chief Technology Officer',
    'c_level',
    'Northwind Cloud',
    'SaaS',
    300,
    'United Kingdom',
    'London',
    ['AWS', 'HubSpot'],
    'qualified',
    85,
    'ann',
  ],
  ['l06', 'Noah Wilson', 'Software Engineer', 'entry', 'Northwind Cloud', 'SaaS', 300, 'United Kingdom', 'London', ['AWS', 'HubSpot'], 'new', 40, null],
  [
    'l07',
    'Olivia Martin',
    'Senior Account Executive',
    'senior',
    'Umbrella Bank',
    'Financial Services',
    5000,
    'United States',
    'New York',
    ['Salesforce', 'Slack'],
    'contacted',
    70,
    'bob',
  ],
  ['l08', 'Liam Johnson', 'Head of Growth', 'director', 'Stark Health', 'Healthcare', 150, 'Germany', 'Hamburg', ['HubSpot'], 'new', 75, 'cat'],
  ['l09', 'Sophie Fischer', 'VP Engineering', 'vp', 'Stark Health', 'Healthcare', 150, 'Germany', 'Hamburg', ['HubSpot', 'AWS'], 'replied', 82, 'ann'],
  ['l10', 'Hugo Laurent', 'CEO', 'c_level', 'Apex Retail', 'E-commerce', 60, 'France', 'Paris', ['Shopify', 'Stripe'], 'new', 65, null],
  ['l11', 'Chloe Dubois', 'Marketing Manager', 'manager', 'Apex Retail', 'E-commerce', 60, 'France', 'Lyon', ['Shopify', 'HubSpot'], 'disqualified', 20, 'bob'],
  ['l12', 'Arjun Patel', 'Engineering Manager', 'manager', 'Helix Labs', 'Biotech', 30, 'India', 'Bangalore', ['AWS'], 'new', 55, 'cat'],
  ['l13', 'Priya Sharma', 'Head of Sales', 'director', 'Helix Labs', 'Biotech', 30, 'India', 'Mumbai', ['Salesforce', 'Slack'], 'qualified', 78, null],
  ['l14', 'Wei Chen', 'Data Analyst', 'entry', 'Cobalt Analytics', 'SaaS', 12, 'Singapore', 'Singapore', ['Snowflake', 'AWS'], 'new', 35, 'ann'],
  ['l15', 'Yuki Tanaka', 'Sales Manager', 'manager', 'Zenith Motors', 'Automotive', 20000, 'Japan', 'Tokyo', ['Salesforce'], 'customer', 60, 'bob'],
  ['l16', 'Mateo Silva', 'VP of Marketing', 'vp', 'Pixel Commerce', 'E-commerce', 220, 'Brazil', 'São Paulo', ['Shopify', 'Klaviyo'], 'new', 72, null],
  [
    'l17',
    'Freya Hansen',
    'Head of Operations',
    'director',
    'Polar Logistics',
    'Logistics',
    900,
    'Denmark',
    'Copenhagen',
    ['Salesforce', 'AWS'],
    'contacted',
    50,
    'cat',
  ],
  ['l18', 'Lars Berg', 'CFO', 'c_level', 'Polar Logistics', 'Logistics', 900, 'Denmark', 'Copenhagen', ['Salesforce'], 'new', 58, 'ann'],
  ['l19', 'Zofia Nowak', 'Software Engineer', 'entry', 'Lattice Security', 'Cybersecurity', 75, 'Poland', 'Warsaw', ['AWS', 'React'], 'new', 45, null],
  ['l20', 'Piotr Kowalski', 'CTO', 'c_level', 'Lattice Security', 'Cybersecurity', 75, 'Poland', 'Warsaw', ['AWS', 'React', 'HubSpot'], 'replied', 92, 'bob'],
  ['l21', 'Amelia Scott', 'Account Executive', 'entry', 'Summit Bank', 'Fintech', 400, 'United States', 'Boston', ['HubSpot', 'Stripe'], 'new', 60, 'cat'],
  [
    'l22',
    'Oliver King',
    'VP of Sales',
    'vp',
    'Summit Bank',
    'Fintech',
    400,
    'United States',
    'Boston',
    ['HubSpot', 'Stripe', 'Salesforce'],
    'qualified',
    88,
    null,
  ],
  ['l23', 'Leila Hassan', 'Head of Sales EMEA', 'director', 'Orbit Media', 'Media', 180, 'United Arab Emirates', 'Dubai', ['HubSpot'], 'new', 66, 'ann'],
  [
    'l24',
    'Omar Ali',
    'Sales Development Representative',
    'entry',
    'Orbit Media',
    'Media',
    180,
    'United Arab Emirates',
    'Dubai',
    ['HubSpot'],
    'contacted',
    30,
    'bob',
  ],
  [
    'l25',
    'Anna Müller',
    'Chief Executive Officer',
    'c_level',
    'Terra Energy',
    'Energy',
    2500,
    'Germany',
    'Frankfurt',
    ['Salesforce', 'Microsoft Azure'],
    'new',
    80,
    null,
  ],
  [
    'l26',
    'Felix Wagner',
    'Senior Software Engineer',
    'senior',
    'Terra Energy',
    'Energy',
    2500,
    'Germany',
    'Frankfurt',
    ['Microsoft Azure', 'React'],
    'new',
    50,
    'cat',
  ],
  ['l27', 'Sarah Lee', 'Director of Sales', 'director', 'Nova Fintech', 'Fintech', 90, 'United Kingdom', 'London', ['HubSpot', 'React'], 'replied', 77, 'ann'],
  ['l28', 'David Clark', 'Product Manager', 'manager', 'Nova Fintech', 'Fintech', 90, 'United Kingdom', 'Manchester', ['HubSpot'], 'new', 77, 'bob'],
  ['l29', 'Jane Doe', 'Recruiter', 'entry', 'Bright Works', 'Consulting', 8, 'Ireland', 'Dublin', ['Slack'], 'new', 10, 'cat'],
  [
    'l30',
    'Ethan Young',
    'Head of Sales',
    'director',
    'Meridian Insurance',
    'Insurance',
    650,
    'Germany',
    'Berlin',
    ['Salesforce', 'HubSpot'],
    'contacted',
    77,
    null,
  ],
];

export interface Fixture {
  leads: LeadRepository;
  users: UserRepository;
  ids: Record<'ann' | 'bob' | 'cat' | 'mia' | 'root', string>;
  /** lead key (l01..l30) -> id, and back */
  leadId: Record<string, string>;
  keyOf: Map<string, string>;
}

export async function loadFixture(db: TestDatabase): Promise<Fixture> {
  const users = new UserRepository(db.prisma);
  const leads = new LeadRepository(db.prisma);
  const mk = (name: string, role: 'rep' | 'manager' | 'admin') =>
    users.create({ email: `${name}@salesos.test`, name: name[0]!.toUpperCase() + name.slice(1), role, timeZone: 'Europe/Berlin' });
  const mia = await mk('mia', 'manager');
  const zed = await mk('zed', 'manager');
  const root = await mk('root', 'admin');
  const teamA = await users.createTeam('Team A', mia.id);
  const teamB = await users.createTeam('Team B', zed.id);
  const ann = await users.create({ email: 'ann@salesos.test', name: 'Ann', role: 'rep', timeZone: 'UTC', teamId: teamA.id });
  const bob = await users.create({ email: 'bob@salesos.test', name: 'Bob', role: 'rep', timeZone: 'UTC', teamId: teamA.id });
  const cat = await users.create({ email: 'cat@salesos.test', name: 'Cat', role: 'rep', timeZone: 'UTC', teamId: teamB.id });
  const ids = { ann: ann.id, bob: bob.id, cat: cat.id, mia: mia.id, root: root.id };
  const leadId: Record<string, string> = {};
  const keyOf = new Map<string, string>();
  // createdAt: l01 oldest ... l30 newest, one hour apart, so "recent" has a known order.
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (const [i, r] of ROWS.entries()) {
    const [key, fullName, title, seniority, company, industry, companySize, country, city, techStack, status, score, owner] = r;
    const lead = await leads.create({
      email: `${key}.${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
      fullName,
      title,
      seniority,
      company,
      industry,
      companySize,
      country,
      city,
      techStack,
      status,
      score,
      ownerId: owner ? ids[owner] : null,
    });
    await db.prisma.lead.update({ where: { id: lead.id }, data: { createdAt: new Date(base + i * 3_600_000) } });
    leadId[key] = lead.id;
    keyOf.set(lead.id, key);
  }
  return { leads, users, ids, leadId, keyOf };
}

export const keysWhere = (pred: (r: Row) => boolean) => ROWS.filter(pred).map((r) => r[0]);
