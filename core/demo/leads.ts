// Demo companies and the people (leads) who work at them. Values come from the catalog, so the demo data
// is exactly what filters and the import would produce; a few contacts share a company, as in real CRMs.
import type { Faker } from '@faker-js/faker';
import { COUNTRIES, INDUSTRIES } from '../leads/catalog.ts';
import type { LeadStatus, Seniority } from '../leads/filter.ts';
import { demoFit } from './fit.ts';
import { slug } from './staff.ts';
import type { DemoLead, DemoUser } from './types.ts';
import { COMMON_TECH, COUNTRY_TLDS, DEPARTMENTS, FREE_MAIL_DOMAINS, INDUSTRY_TECH, INDUSTRY_WORDS, LEAD_SOURCES, NAME_PREFIXES } from './vocabulary.ts';

const DAY_MS = 86_400_000;
export const DEMO_HISTORY_DAYS = 120;

interface Company {
  name: string;
  domain: string;
  industry: string;
  size: number;
  country: string;
  city: string;
  techStack: string[];
}

// Most companies a sales team prospects are small; a few are large enterprises.
const SIZE_BANDS = [
  { weight: 18, value: [2, 10] },
  { weight: 32, value: [11, 50] },
  { weight: 26, value: [51, 200] },
  { weight: 14, value: [201, 1000] },
  { weight: 7, value: [1001, 5000] },
  { weight: 3, value: [5001, 60000] },
] as const;

const COUNTRY_WEIGHT: Record<string, number> = { 'United States': 25, 'United Kingdom': 12, Germany: 12, France: 6, Netherlands: 5, Canada: 4 };

const SENIORITY_WEIGHTS: { value: Seniority; weight: number }[] = [
  { value: 'c_level', weight: 11 },
  { value: 'vp', weight: 10 },
  { value: 'director', weight: 16 },
  { value: 'manager', weight: 22 },
  { value: 'senior', weight: 19 },
  { value: 'entry', weight: 22 },
];

const STATUS_WEIGHTS: { value: LeadStatus; weight: number }[] = [
  { value: 'new', weight: 58 },
  { value: 'contacted', weight: 18 },
  { value: 'replied', weight: 9 },
  { value: 'qualified', weight: 7 },
  { value: 'disqualified', weight: 6 },
  { value: 'customer', weight: 2 },
];

function generateCompany(faker: Faker, takenDomains: Set<string>): Company {
  const industry = faker.helpers.arrayElement(INDUSTRIES);
  const country = faker.helpers.weightedArrayElement(COUNTRIES.map((c) => ({ value: c, weight: COUNTRY_WEIGHT[c.name] ?? 2 })));
  const [min, max] = faker.helpers.weightedArrayElement(SIZE_BANDS.map((b) => ({ weight: b.weight, value: b.value })));
  const tld = faker.helpers.arrayElement(COUNTRY_TLDS[country.name] ?? ['com', 'com', 'io']);
  let name = '';
  let domain = '';
  // A taken domain means a taken name: draw another, and only number the domain as a last resort.
  for (let attempt = 0; attempt < 6 && (!domain || takenDomains.has(domain)); attempt++) {
    ({ name, base: domain } = companyName(faker, industry));
    domain = `${domain}.${tld}`;
  }
  const base = domain.slice(0, -(tld.length + 1));
  for (let n = 2; takenDomains.has(domain); n++) domain = `${base}${n}.${tld}`;
  takenDomains.add(domain);

  const count = faker.number.int({ min: 2, max: 8 });
  const typical = INDUSTRY_TECH[industry] ?? [];
  const fromIndustry = Math.min(typical.length, Math.ceil(count * 0.6));
  const stack = new Set(faker.helpers.arrayElements(typical, fromIndustry));
  while (stack.size < count) stack.add(faker.helpers.arrayElement(COMMON_TECH));

  return {
    name,
    domain,
    industry,
    size: faker.number.int({ min, max }),
    country: country.name,
    city: faker.helpers.arrayElement(country.cities),
    techStack: [...stack],
  };
}

export function generateLeads(faker: Faker, opts: { count: number; reps: DemoUser[]; now: Date }): DemoLead[] {
  const takenDomains = new Set<string>();
  const companies = Array.from({ length: Math.max(1, Math.ceil(opts.count / 2.5)) }, () => generateCompany(faker, takenDomains));
  const takenEmails = new Set<string>();
  const leads: DemoLead[] = [];
  const windowMs = DEMO_HISTORY_DAYS * DAY_MS;

  for (let i = 0; i < opts.count; i++) {
    // Every company gets a first contact before any gets a second, so no company is empty.
    const company = i < companies.length ? companies[i]! : faker.helpers.arrayElement(companies);
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const seniority = faker.helpers.weightedArrayElement(SENIORITY_WEIGHTS);
    const department = faker.helpers.arrayElement(DEPARTMENTS);
    const title = faker.helpers.arrayElement(department.titles[seniority]);
    const email = uniqueEmail(faker, takenEmails, firstName, lastName, company.domain);
    const fit = demoFit({ seniority, industry: company.industry, companySize: company.size, techStack: company.techStack });
    const score = Math.max(0, Math.min(100, Math.round(fit + faker.number.int({ min: -12, max: 12 }))));
    const ownerId = faker.datatype.boolean(0.15) ? null : faker.helpers.arrayElement(opts.reps).id;
    // Unassigned leads have not been worked yet; owned ones progress further the better they fit.
    const status: LeadStatus = ownerId === null ? 'new' : pickStatus(faker, score);
    const createdAt = new Date(opts.now.getTime() - faker.number.int({ min: 0, max: windowMs }));
    const linkedinSlug = `${slug(firstName)}-${slug(lastName)}-${faker.string.alphanumeric({ length: 6, casing: 'lower' })}`;

    leads.push({
      id: faker.string.uuid(),
      email,
      fullName: `${firstName} ${lastName}`,
      firstName,
      lastName,
      title,
      seniority,
      company: company.name,
      companyDomain: company.domain,
      industry: company.industry,
      companySize: company.size,
      country: company.country,
      city: company.city,
      techStack: company.techStack,
      linkedinUrl: `https://www.linkedin.com/in/${linkedinSlug}`,
      status,
      score,
      ownerId,
      source: faker.helpers.weightedArrayElement(LEAD_SOURCES),
      enrichedAt: null,
      lastActivityAt: null,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return leads;
}

// An invented brand ("Northpay"), a family firm ("Keebler Logistics") or Faker's own ("Kuhn, Bode and Sons").
function companyName(faker: Faker, industry: string): { name: string; base: string } {
  const word = faker.helpers.arrayElement(INDUSTRY_WORDS[industry] ?? ['Group']);
  const pattern = faker.number.int({ min: 1, max: 20 });
  if (pattern <= 10) {
    const name = `${faker.helpers.arrayElement(NAME_PREFIXES)}${word.toLowerCase()}`;
    return { name, base: slug(name) };
  }
  if (pattern <= 17) {
    const name = `${faker.person.lastName()} ${word}`;
    return { name, base: slug(name) || 'company' };
  }
  const name = faker.company.name();
  return { name, base: slug(name.split(/[\s,-]+/)[0] ?? '') || 'company' };
}

function pickStatus(faker: Faker, score: number): LeadStatus {
  const boost = score / 50; // 0..2: good fits are likelier to have replied or qualified
  return faker.helpers.weightedArrayElement(
    STATUS_WEIGHTS.map((s) => ({
      value: s.value,
      weight: s.value === 'new' || s.value === 'disqualified' ? s.weight : s.weight * (0.5 + boost),
    })),
  );
}

function uniqueEmail(faker: Faker, taken: Set<string>, first: string, last: string, domain: string): string {
  const f = slug(first) || 'contact';
  const l = slug(last) || 'person';
  const freeMail = faker.datatype.boolean(0.04);
  const host = freeMail ? faker.helpers.arrayElement(FREE_MAIL_DOMAINS) : domain;
  const local = freeMail
    ? `${f}.${l}${faker.number.int({ min: 1, max: 99 })}`
    : faker.helpers.arrayElement([`${f}.${l}`, `${f}.${l}`, f, `${f[0]}${l}`, `${f}${l[0]}`]);
  let email = `${local}@${host}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${host}`;
  taken.add(email);
  return email;
}
