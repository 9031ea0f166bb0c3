// A few hand-written leads that make the README's example requests work on the demo data, owned by the
// demo rep (or unassigned, which the rep also sees): "find CTOs at fintech companies in Germany",
// "show me 10 leads in healthcare with 50-200 employees that use HubSpot", "enrich jane@acme.io", …
import crypto from 'node:crypto';
import type { DemoLead } from './types.ts';

type Showcase = Omit<
  DemoLead,
  'id' | 'ownerId' | 'createdAt' | 'updatedAt' | 'enrichedAt' | 'lastActivityAt' | 'source' | 'status' | 'linkedinUrl' | 'firstName' | 'lastName' | 'seniority'
> & {
  seniority: DemoLead['seniority'];
  unassigned?: boolean;
};

const SHOWCASE: Showcase[] = [
  {
    fullName: 'Jane Doe',
    email: 'jane@acme.io',
    title: 'VP of Sales',
    seniority: 'vp',
    company: 'Acme',
    companyDomain: 'acme.io',
    industry: 'SaaS',
    companySize: 240,
    country: 'United States',
    city: 'Austin',
    techStack: ['Salesforce', 'Slack', 'Gong'],
    score: 88,
  },
  {
    fullName: 'Lukas Becker',
    email: 'lukas.becker@kontoflow.de',
    title: 'CTO',
    seniority: 'c_level',
    company: 'Kontoflow',
    companyDomain: 'kontoflow.de',
    industry: 'Fintech',
    companySize: 85,
    country: 'Germany',
    city: 'Berlin',
    techStack: ['AWS', 'Kubernetes', 'PostgreSQL', 'HubSpot'],
    score: 92,
  },
  {
    fullName: 'Sophie Wagner',
    email: 'sophie@zahlwerk.de',
    title: 'Chief Technology Officer',
    seniority: 'c_level',
    company: 'Zahlwerk',
    companyDomain: 'zahlwerk.de',
    industry: 'Fintech',
    companySize: 140,
    country: 'Germany',
    city: 'Munich',
    techStack: ['Google Cloud', 'Kafka', 'Snowflake'],
    score: 86,
  },
  {
    fullName: 'Jonas Richter',
    email: 'j.richter@finbridge.de',
    title: 'Co-Founder & CTO',
    seniority: 'c_level',
    company: 'Finbridge',
    companyDomain: 'finbridge.de',
    industry: 'Fintech',
    companySize: 35,
    country: 'Germany',
    city: 'Frankfurt',
    techStack: ['Azure', 'Stripe', 'Datadog'],
    score: 81,
    unassigned: true,
  },
  {
    fullName: 'Mia Hoffmann',
    email: 'mia.hoffmann@ledgerly.de',
    title: 'CTO',
    seniority: 'c_level',
    company: 'Ledgerly',
    companyDomain: 'ledgerly.de',
    industry: 'Fintech',
    companySize: 60,
    country: 'Germany',
    city: 'Hamburg',
    techStack: ['AWS', 'Go', 'Okta'],
    score: 77,
    unassigned: true,
  },
  {
    fullName: 'Emma Clarke',
    email: 'emma.clarke@careloop.com',
    title: 'VP of Marketing',
    seniority: 'vp',
    company: 'CareLoop',
    companyDomain: 'careloop.com',
    industry: 'Healthcare',
    companySize: 120,
    country: 'United States',
    city: 'Boston',
    techStack: ['HubSpot', 'Zendesk', 'AWS'],
    score: 90,
  },
  {
    fullName: 'Daniel Kim',
    email: 'daniel@medivera.ca',
    title: 'Head of Growth',
    seniority: 'director',
    company: 'Medivera',
    companyDomain: 'medivera.ca',
    industry: 'Healthcare',
    companySize: 75,
    country: 'Canada',
    city: 'Toronto',
    techStack: ['HubSpot', 'Intercom'],
    score: 84,
  },
  {
    fullName: 'Olivia Martin',
    email: 'olivia.martin@clinicly.co.uk',
    title: 'Director of Sales',
    seniority: 'director',
    company: 'Clinicly',
    companyDomain: 'clinicly.co.uk',
    industry: 'Healthcare',
    companySize: 180,
    country: 'United Kingdom',
    city: 'London',
    techStack: ['HubSpot', 'Salesforce', 'Google Cloud'],
    score: 79,
  },
  {
    fullName: 'Noah Fischer',
    email: 'noah.fischer@pulsewell.de',
    title: 'COO',
    seniority: 'c_level',
    company: 'Pulsewell',
    companyDomain: 'pulsewell.de',
    industry: 'Healthcare',
    companySize: 55,
    country: 'Germany',
    city: 'Berlin',
    techStack: ['HubSpot', 'Slack'],
    score: 73,
    unassigned: true,
  },
];

/** Deterministic ids so the same seed still gives deep-equal data. */
function idFor(email: string, seed: number): string {
  const h = crypto.createHash('sha256').update(`${seed}:${email}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const SHOWCASE_EMAILS = SHOWCASE.map((s) => s.email);

export function showcaseLeads(opts: { seed: number; ownerId: string; now: Date }): DemoLead[] {
  return SHOWCASE.map(({ unassigned, ...s }, i) => {
    const [firstName, ...rest] = s.fullName.split(' ');
    const createdAt = new Date(opts.now.getTime() - (3 + i) * 86_400_000);
    return {
      ...s,
      id: idFor(s.email, opts.seed),
      firstName: firstName!,
      lastName: rest.join(' '),
      linkedinUrl: `https://www.linkedin.com/in/${s.fullName.toLowerCase().replace(/\s+/g, '-')}`,
      status: 'new',
      ownerId: unassigned ? null : opts.ownerId,
      source: 'demo',
      enrichedAt: null,
      lastActivityAt: null,
      createdAt,
      updatedAt: createdAt,
    };
  });
}
