// What an email address alone says: its registrable domain (mail.acme.co.uk -> acme.co.uk), the
// country of a country-code TLD, and whether the mailbox is shared (info@) rather than a person's.

/** Public suffixes with two labels that are common in business email; anything else is treated as one label. */
const MULTI_PART_SUFFIXES: ReadonlySet<string> = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'net.uk',
  'com.au',
  'net.au',
  'org.au',
  'edu.au',
  'gov.au',
  'co.nz',
  'org.nz',
  'net.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'co.kr',
  'or.kr',
  'com.cn',
  'net.cn',
  'org.cn',
  'com.hk',
  'com.tw',
  'com.sg',
  'com.my',
  'co.id',
  'co.th',
  'com.ph',
  'com.vn',
  'co.in',
  'net.in',
  'org.in',
  'firm.in',
  'co.za',
  'org.za',
  'com.ng',
  'co.ke',
  'com.eg',
  'co.il',
  'org.il',
  'ac.il',
  'com.tr',
  'com.sa',
  'co.ae',
  'com.br',
  'net.br',
  'org.br',
  'com.mx',
  'org.mx',
  'com.ar',
  'com.co',
  'com.pe',
  'cl.cl',
  'com.uy',
  'com.pl',
  'net.pl',
  'org.pl',
  'co.at',
  'or.at',
  'com.es',
  'com.pt',
  'com.gr',
  'com.cy',
  'com.mt',
  'co.hu',
  'com.ro',
  'com.ua',
  'co.rs',
]);

/** ccTLDs that mostly mean "based in this country"; vanity ones (.io, .ai, .co, .me, .tv…) are left out. */
const COUNTRY_TLDS: Record<string, string> = {
  de: 'DE',
  at: 'AT',
  ch: 'CH',
  fr: 'FR',
  be: 'BE',
  nl: 'NL',
  lu: 'LU',
  uk: 'GB',
  ie: 'IE',
  es: 'ES',
  pt: 'PT',
  it: 'IT',
  gr: 'GR',
  se: 'SE',
  no: 'NO',
  dk: 'DK',
  fi: 'FI',
  pl: 'PL',
  cz: 'CZ',
  sk: 'SK',
  hu: 'HU',
  ro: 'RO',
  bg: 'BG',
  hr: 'HR',
  si: 'SI',
  rs: 'RS',
  ee: 'EE',
  lv: 'LV',
  lt: 'LT',
  ua: 'UA',
  tr: 'TR',
  il: 'IL',
  ae: 'AE',
  sa: 'SA',
  za: 'ZA',
  ng: 'NG',
  ke: 'KE',
  eg: 'EG',
  in: 'IN',
  cn: 'CN',
  jp: 'JP',
  kr: 'KR',
  tw: 'TW',
  hk: 'HK',
  sg: 'SG',
  my: 'MY',
  th: 'TH',
  id: 'ID',
  ph: 'PH',
  vn: 'VN',
  au: 'AU',
  nz: 'NZ',
  ca: 'CA',
  us: 'US',
  mx: 'MX',
  br: 'BR',
  ar: 'AR',
  cl: 'CL',
  pe: 'PE',
  uy: 'UY',
};

/** Shared mailboxes: a message there reaches a team, not a person, so no name can be derived. */
const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'info',
  'information',
  'sales',
  'support',
  'help',
  'helpdesk',
  'contact',
  'contactus',
  'hello',
  'hi',
  'hallo',
  'office',
  'admin',
  'administrator',
  'billing',
  'accounts',
  'accounting',
  'finance',
  'invoices',
  'invoice',
  'hr',
  'jobs',
  'careers',
  'recruiting',
  'recruitment',
  'marketing',
  'press',
  'media',
  'pr',
  'team',
  'enquiries',
  'inquiries',
  'service',
  'customerservice',
  'feedback',
  'legal',
  'privacy',
  'security',
  'abuse',
  'postmaster',
  'hostmaster',
  'webmaster',
  'noreply',
  'no-reply',
  'donotreply',
  'mail',
  'email',
  'orders',
  'order',
  'shop',
  'booking',
  'bookings',
  'reception',
  'kontakt',
  'vertrieb',
  'partners',
  'partner',
  'events',
  'it',
  'ops',
  'operations',
  'dev',
  'devops',
  'root',
  'all',
  'everyone',
  'bizdev',
  'procurement',
  'purchasing',
  'compliance',
  'newsletter',
  'social',
  'community',
  'investors',
  'ir',
]);

export interface ParsedEmail {
  local: string;
  /** The whole domain after @, lower-cased. */
  domain: string;
  /** The domain an organisation registered (subdomains dropped). */
  registrable: string;
  /** The registrable domain without its public suffix, e.g. "acme-robotics" for acme-robotics.io. */
  label: string;
  suffix: string;
}

export function parseEmail(email: string): ParsedEmail | undefined {
  const at = email.trim().toLowerCase().lastIndexOf('@');
  if (at <= 0) return undefined;
  const local = email.trim().toLowerCase().slice(0, at);
  const domain = email
    .trim()
    .toLowerCase()
    .slice(at + 1)
    .replace(/\.$/, '');
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return undefined;
  const lastTwo = labels.slice(-2).join('.');
  const suffixLabels = labels.length >= 3 && MULTI_PART_SUFFIXES.has(lastTwo) ? 2 : 1;
  const suffix = labels.slice(-suffixLabels).join('.');
  const label = labels[labels.length - suffixLabels - 1];
  if (label === undefined) return undefined;
  return { local, domain, registrable: `${label}.${suffix}`, label, suffix };
}

/** ISO 3166-1 alpha-2 code suggested by the domain's country-code TLD, if it has a meaningful one. */
export function countryCodeFromDomain(domain: string): string | undefined {
  const tld = domain.toLowerCase().split('.').pop() ?? '';
  return COUNTRY_TLDS[tld];
}

/** info@, sales+eu@, no-reply@… The part after + is ignored. */
export function isRoleAddress(local: string): boolean {
  const bare = local.toLowerCase().split('+')[0] ?? '';
  return ROLE_LOCAL_PARTS.has(bare) || ROLE_LOCAL_PARTS.has(bare.replace(/[._-]/g, ''));
}
