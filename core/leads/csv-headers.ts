// Which lead field a CSV column holds, recognised from the many header names CRMs and spreadsheets use.
// Headers are compared case-, space- and punctuation-insensitively ("E-mail", "Email Address", "email").

export type LeadColumn =
  | 'email'
  | 'fullName'
  | 'firstName'
  | 'lastName'
  | 'title'
  | 'company'
  | 'companyDomain'
  | 'industry'
  | 'companySize'
  | 'country'
  | 'city'
  | 'location'
  | 'techStack'
  | 'linkedinUrl'
  | 'status'
  | 'score'
  | 'seniority';

const HEADER_NAMES: Record<LeadColumn, string[]> = {
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'work email', 'business email', 'contact email', 'mail', 'email id'],
  fullName: ['name', 'full name', 'contact', 'contact name', 'lead name', 'person', 'person name'],
  firstName: ['first name', 'firstname', 'first', 'given name', 'forename'],
  lastName: ['last name', 'lastname', 'last', 'surname', 'family name'],
  title: ['job title', 'title', 'position', 'role', 'job role', 'designation', 'job position'],
  company: ['company', 'company name', 'organization', 'organisation', 'organization name', 'account', 'account name', 'employer'],
  companyDomain: ['website', 'domain', 'company domain', 'company website', 'website url', 'company url', 'url', 'web'],
  industry: ['industry', 'sector', 'vertical', 'company industry'],
  companySize: [
    'employees',
    'company size',
    '# employees',
    'number of employees',
    'no of employees',
    'num employees',
    'headcount',
    'employee count',
    'size',
    'company headcount',
  ],
  country: ['country', 'country name', 'country code', 'company country'],
  city: ['city', 'town', 'company city'],
  location: ['location', 'hq', 'headquarters', 'company location'],
  techStack: ['tech', 'technologies', 'tech stack', 'technology', 'tools', 'stack', 'technographics'],
  linkedinUrl: ['linkedin', 'linkedin url', 'linkedin profile', 'linkedin profile url', 'person linkedin url', 'profile url'],
  status: ['status', 'lead status', 'stage', 'lead stage'],
  score: ['score', 'lead score', 'fit score', 'rating'],
  seniority: ['seniority', 'seniority level', 'level'],
};

export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/#/g, 'number')
    .replace(/[^a-z0-9]/g, '');
}

const COLUMN_BY_KEY = new Map<string, LeadColumn>();
for (const [column, names] of Object.entries(HEADER_NAMES) as [LeadColumn, string[]][]) {
  for (const name of names) COLUMN_BY_KEY.set(headerKey(name), column);
}

export function columnForHeader(header: string): LeadColumn | undefined {
  return COLUMN_BY_KEY.get(headerKey(header));
}

export interface HeaderMap {
  /** Column indexes per field; when several columns hold a field, the first non-empty value wins. */
  indexes: Map<LeadColumn, number[]>;
  /** The header as written in the file for each field (the first one), for error messages. */
  names: Map<LeadColumn, string>;
  /** Headers that hold no lead field, as written. */
  ignored: string[];
}

export function mapHeaders(headers: string[]): HeaderMap {
  const indexes = new Map<LeadColumn, number[]>();
  const names = new Map<LeadColumn, string>();
  const ignored: string[] = [];
  headers.forEach((header, i) => {
    const column = columnForHeader(header);
    if (!column) {
      if (header.trim()) ignored.push(header.trim());
      return;
    }
    indexes.set(column, [...(indexes.get(column) ?? []), i]);
    if (!names.has(column)) names.set(column, header.trim());
  });
  return { indexes, names, ignored };
}
