// Generates the benchmark's 1,000,000 leads inside PostgreSQL (generate_series over weighted "bags"
// of realistic values), so loading takes seconds, not minutes. Companies are made in JS first and
// carry industry, size, domain and tech stack, so those fields correlate as they do in real data.
import type pg from 'pg';

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
/** A value list repeated by weight: indexing it uniformly gives the weighted distribution. */
const bag = (weighted: [string, number][]) => weighted.flatMap(([v, w]) => Array(w).fill(v) as string[]);

const INDUSTRIES: [string, number][] = [
  ['SaaS', 20],
  ['Fintech', 10],
  ['E-commerce', 8],
  ['Healthcare', 8],
  ['Financial Services', 7],
  ['Manufacturing', 6],
  ['Marketing', 5],
  ['Logistics', 4],
  ['Cybersecurity', 4],
  ['Retail', 4],
  ['Edtech', 3],
  ['Insurance', 3],
  ['Media', 3],
  ['Telecommunications', 2],
  ['Energy', 2],
  ['Real Estate', 2],
  ['Biotech', 2],
  ['Automotive', 2],
  ['Consulting', 2],
  ['Gaming', 1],
  ['Travel', 1],
  ['Legal', 1],
];
const PLACES: [string, number, string[]][] = [
  ['United States', 30, ['New York', 'San Francisco', 'Austin', 'Boston', 'Chicago', 'Seattle', 'Los Angeles', 'Denver']],
  ['United Kingdom', 11, ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Cambridge']],
  ['Germany', 9, ['Berlin', 'Munich', 'Hamburg', 'Frankfurt', 'Cologne']],
  ['France', 6, ['Paris', 'Lyon', 'Toulouse', 'Lille']],
  ['Canada', 5, ['Toronto', 'Vancouver', 'Montreal']],
  ['Netherlands', 4, ['Amsterdam', 'Rotterdam', 'Utrecht']],
  ['India', 5, ['Bangalore', 'Mumbai', 'Pune', 'Hyderabad']],
  ['Australia', 3, ['Sydney', 'Melbourne', 'Brisbane']],
  ['Spain', 3, ['Madrid', 'Barcelona', 'Valencia']],
  ['Sweden', 2, ['Stockholm', 'Gothenburg']],
  ['Switzerland', 2, ['Zurich', 'Geneva', 'Basel']],
  ['Ireland', 2, ['Dublin', 'Cork']],
  ['Italy', 2, ['Milan', 'Rome']],
  ['Poland', 2, ['Warsaw', 'Kraków']],
  ['Brazil', 2, ['São Paulo', 'Rio de Janeiro']],
  ['Israel', 1, ['Tel Aviv']],
  ['Singapore', 1, ['Singapore']],
  ['Japan', 1, ['Tokyo', 'Osaka']],
  ['Denmark', 1, ['Copenhagen']],
  ['Austria', 1, ['Vienna']],
];
const TITLES: [string, string, number][] = [
  ['Chief Executive Officer', 'c_level', 2],
  ['CEO', 'c_level', 2],
  ['CTO', 'c_level', 2],
  ['Chief Technology Officer', 'c_level', 1],
  ['CFO', 'c_level', 1],
  ['Chief Revenue Officer', 'c_level', 1],
  ['COO', 'c_level', 1],
  ['Founder & CEO', 'c_level', 1],
  ['VP of Sales', 'vp', 3],
  ['VP Engineering', 'vp', 2],
  ['VP of Marketing', 'vp', 2],
  ['VP Product', 'vp', 1],
  ['Head of Sales', 'director', 3],
  ['Head of Growth', 'director', 2],
  ['Director of Engineering', 'director', 2],
  ['Director of Marketing', 'director', 2],
  ['Head of Operations', 'director', 2],
  ['Director of Sales', 'director', 2],
  ['Engineering Manager', 'manager', 4],
  ['Sales Manager', 'manager', 4],
  ['Marketing Manager', 'manager', 4],
  ['Product Manager', 'manager', 4],
  ['Account Manager', 'manager', 3],
  ['Customer Success Manager', 'manager', 3],
  ['Senior Software Engineer', 'senior', 6],
  ['Senior Account Executive', 'senior', 4],
  ['Senior Data Scientist', 'senior', 2],
  ['Staff Engineer', 'senior', 2],
  ['Software Engineer', 'entry', 8],
  ['Account Executive', 'entry', 6],
  ['Sales Development Representative', 'entry', 6],
  ['Business Development Representative', 'entry', 4],
  ['Marketing Coordinator', 'entry', 3],
  ['Data Analyst', 'entry', 3],
  ['Recruiter', 'entry', 2],
];
const TECH: [string, number][] = [
  ['Google Analytics', 30],
  ['Slack', 25],
  ['AWS', 25],
  ['HubSpot', 18],
  ['Salesforce', 16],
  ['React', 16],
  ['Google Workspace', 14],
  ['Stripe', 10],
  ['Zendesk', 8],
  ['Intercom', 7],
  ['Segment', 6],
  ['Snowflake', 5],
  ['Kubernetes', 6],
  ['Microsoft Azure', 6],
  ['Google Cloud', 5],
  ['Shopify', 5],
  ['Marketo', 4],
  ['Outreach', 3],
  ['Salesloft', 3],
  ['Gong', 3],
  ['Pipedrive', 3],
  ['Mailchimp', 4],
  ['Jira', 8],
  ['Notion', 5],
  ['Datadog', 4],
  ['PostgreSQL', 6],
  ['MongoDB', 3],
  ['Klaviyo', 2],
  ['Braze', 1],
  ['Okta', 3],
];
const FIRST = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Daniel',
  'Lisa',
  'Matthew',
  'Nancy',
  'Anthony',
  'Sandra',
  'Mark',
  'Ashley',
  'Paul',
  'Emily',
  'Steven',
  'Michelle',
  'Andrew',
  'Amanda',
  'Kevin',
  'Melissa',
  'Brian',
  'Laura',
  'Lukas',
  'Anna',
  'Leon',
  'Sophie',
  'Felix',
  'Marie',
  'Jonas',
  'Lena',
  'Hugo',
  'Chloé',
  'Louis',
  'Camille',
  'Arjun',
  'Priya',
  'Rahul',
  'Ananya',
  'Wei',
  'Yuki',
  'Kenji',
  'Sofia',
  'Mateo',
  'Lucía',
  'Oliver',
  'Amelia',
  'Noah',
  'Isla',
  'Liam',
  'Freya',
  'Lars',
  'Ingrid',
  'Mohammed',
  'Fatima',
  'Omar',
  'Leila',
  'Gabriel',
  'Beatriz',
  'Ethan',
  'Zoe',
  'Aidan',
  'Niamh',
  'Piotr',
  'Zofia',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Dubois',
  'Laurent',
  'Moreau',
  'Lefebvre',
  'Patel',
  'Sharma',
  'Singh',
  'Gupta',
  'Chen',
  'Wang',
  'Tanaka',
  'Sato',
  'Rossi',
  'Bianchi',
  'Fernández',
  'González',
  'Silva',
  'Santos',
  'Andersson',
  'Nilsson',
  'Jansen',
  'de Vries',
  'Kowalski',
  'Nowak',
  "O'Brien",
  'Murphy',
  'Cohen',
  'Levi',
  'Nguyen',
  'Kim',
  'Park',
  'Ali',
  'Hassan',
  'Novak',
  'Horvat',
  'Costa',
  'Ferreira',
  'Berg',
  'Hansen',
  'Larsen',
];
const PREFIX = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Blue',
  'Red',
  'Bright',
  'Silver',
  'Iron',
  'Quantum',
  'Nova',
  'Apex',
  'Summit',
  'Vertex',
  'Pioneer',
  'Horizon',
  'Cobalt',
  'Lumen',
  'Atlas',
  'Orbit',
  'Pixel',
  'Cloud',
  'Data',
  'Flux',
  'Helix',
  'Kinetic',
  'Lattice',
  'Meridian',
  'Nimbus',
  'Polar',
  'Radiant',
  'Sierra',
  'Terra',
  'Zenith',
];
const SUFFIX = [
  'Labs',
  'Systems',
  'Health',
  'Pay',
  'Logistics',
  'Analytics',
  'Software',
  'Bank',
  'Networks',
  'AI',
  'Works',
  'Dynamics',
  'Cloud',
  'Security',
  'Commerce',
  'Media',
  'Energy',
  'Robotics',
  'Bio',
  'Capital',
  'Learning',
  'Motors',
  'Foods',
  'Travel',
  'Games',
];

function companies(n: number) {
  const industry = bag(INDUSTRIES);
  const tech = bag(TECH);
  const out = { name: [] as string[], domain: [] as string[], industry: [] as string[], size: [] as number[], tech: [] as string[] };
  const seen = new Set<string>();
  while (out.name.length < n) {
    let name = `${pick(PREFIX)} ${pick(SUFFIX)}`;
    if (seen.has(name)) name = `${name} ${pick(['Group', 'Inc', 'GmbH', 'Ltd', 'SA', 'BV', 'AB', 'Co'])} ${out.name.length}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.name.push(name);
    out.domain.push(`${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`);
    out.industry.push(pick(industry));
    out.size.push(Math.max(1, Math.round(Math.exp(rand() * rand() * Math.log(100_000)))));
    const stack = new Set<string>();
    const want = 2 + Math.floor(rand() * 7);
    while (stack.size < want) stack.add(pick(tech));
    // Arrays of arrays must be rectangular in PostgreSQL, so stacks travel as '|'-joined text.
    out.tech.push([...stack].join('|'));
  }
  return out;
}

export const LEAD_COUNT = 1_000_000;
export const OWNER_COUNT = 200;

/** Users: 1 admin, 20 managers each managing a team of 9 reps (200 owners with the managers). */
export async function loadUsers(c: pg.Client): Promise<void> {
  await c.query(`
    INSERT INTO users (id, email, name, role, "timeZone", "updatedAt")
    SELECT gen_random_uuid(), 'admin@bench.salesos.test', 'Bench Admin', 'admin', 'UTC', now();
    INSERT INTO users (id, email, name, role, "timeZone", "updatedAt")
    SELECT gen_random_uuid(), format('manager%s@bench.salesos.test', g), format('Manager %s', g), 'manager', 'Europe/Berlin', now()
    FROM generate_series(1, 20) g;
    INSERT INTO teams (id, name, "managerId", "updatedAt")
    SELECT gen_random_uuid(), 'Team ' || substr(u.email, 8, strpos(u.email, '@') - 8), u.id, now()
    FROM users u WHERE u.role = 'manager';
    INSERT INTO users (id, email, name, role, "timeZone", "teamId", "updatedAt")
    SELECT gen_random_uuid(), format('rep%s@bench.salesos.test', g), format('Rep %s', g), 'rep', 'America/New_York',
           (SELECT id FROM teams ORDER BY name OFFSET (g % 20) LIMIT 1), now()
    FROM generate_series(1, 180) g;
    UPDATE users u SET "teamId" = t.id FROM teams t WHERE t."managerId" = u.id;`);
}

export async function loadLeads(c: pg.Client, count = LEAD_COUNT): Promise<void> {
  const co = companies(6000);
  const places = PLACES.flatMap(([country, w, cities]) =>
    cities.map((city, i) => [`${country}|${city}`, Math.max(1, Math.round((w * 10) / (i + 1.5)))] as [string, number]),
  );
  await c.query(
    `CREATE TEMP TABLE bench_companies AS
    SELECT ord - 1 AS k, name, domain, industry, size, string_to_array(tech, '|') AS tech
    FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS t(name, domain, industry, size, tech, ord)`,
    [co.name, co.domain, co.industry, co.size, co.tech],
  );
  await c.query('CREATE UNIQUE INDEX ON bench_companies (k)');
  // Owners: 12% unassigned, the rest spread over the 200 reps and managers with a mild skew.
  await c.query(
    `INSERT INTO leads (id, email, "fullName", "firstName", "lastName", title, seniority, company, "companyDomain", industry,
       "companySize", country, city, "techStack", status, score, "ownerId", source, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), lower(translate(r.first || '.' || r.last, ' ''', '')) || '.' || r.g || '@' || co.domain,
       r.first || ' ' || r.last, r.first, r.last, split_part(r.tp, '|', 1), split_part(r.tp, '|', 2)::"Seniority",
       co.name, co.domain, co.industry, co.size, split_part(r.pl, '|', 1), split_part(r.pl, '|', 2), co.tech,
       r.st::"LeadStatus", r.score, CASE WHEN r.ow <= 0.12 THEN NULL ELSE owners[1 + floor(power(random(), 1.3) * ${OWNER_COUNT})::int] END,
       'bench', r.created, r.created
     FROM (
       SELECT g,
         ($1::text[])[1 + floor(random() * cardinality($1::text[]))::int] AS first,
         ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] AS last,
         ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] AS tp,
         ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS pl,
         ($5::text[])[1 + floor(random() * cardinality($5::text[]))::int] AS st,
         floor(power(random(), 1.6) * 6000)::int AS ck,
         least(100, greatest(0, round(50 + 18 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))))::int AS score,
         random() AS ow,
         now() - random() * interval '900 days' AS created
       FROM generate_series(1, $6::int) g
     ) r
     JOIN bench_companies co ON co.k = r.ck
     CROSS JOIN (SELECT array_agg(id ORDER BY email) AS owners FROM users WHERE role <> 'admin') o`,
    [
      FIRST,
      LAST,
      TITLES.flatMap(([t, s, w]) => Array(w).fill(`${t}|${s}`) as string[]),
      bag(places),
      bag([
        ['new', 50],
        ['contacted', 22],
        ['replied', 10],
        ['qualified', 8],
        ['disqualified', 6],
        ['customer', 4],
      ]),
      count,
    ],
  );
}
