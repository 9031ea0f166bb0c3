// Word lists the demo generator draws from: job titles per department and seniority (each one maps back
// to its seniority through seniorityFromTitle), industry-typical technologies, company name parts, notes.
import type { Seniority } from '../leads/filter.ts';

export interface Department {
  name: string;
  titles: Record<Seniority, string[]>;
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    titles: {
      c_level: ['CTO', 'Chief Technology Officer', 'Co-Founder & CTO'],
      vp: ['VP Engineering', 'Vice President of Engineering', 'SVP Engineering'],
      director: ['Director of Engineering', 'Head of Engineering', 'Head of Platform'],
      manager: ['Engineering Manager', 'Tech Lead', 'Team Lead, Backend'],
      senior: ['Senior Software Engineer', 'Principal Engineer', 'Staff Engineer', 'Senior DevOps Engineer'],
      entry: ['Software Engineer', 'Backend Developer', 'Frontend Developer', 'DevOps Engineer'],
    },
  },
  {
    name: 'Sales',
    titles: {
      c_level: ['Chief Revenue Officer', 'CRO', 'Chief Sales Officer'],
      vp: ['VP Sales', 'Vice President of Sales', 'VP Revenue'],
      director: ['Director of Sales', 'Head of Sales', 'Sales Director'],
      manager: ['Sales Manager', 'Regional Sales Manager', 'SDR Team Lead'],
      senior: ['Senior Account Executive', 'Senior Sales Executive', 'Sr. Account Executive'],
      entry: ['Account Executive', 'Sales Development Representative', 'Business Development Representative'],
    },
  },
  {
    name: 'Marketing',
    titles: {
      c_level: ['CMO', 'Chief Marketing Officer'],
      vp: ['VP Marketing', 'Vice President of Marketing', 'VP Growth'],
      director: ['Director of Marketing', 'Head of Growth', 'Head of Demand Generation'],
      manager: ['Marketing Manager', 'Growth Marketing Manager', 'Content Lead'],
      senior: ['Senior Marketing Specialist', 'Senior Product Marketer', 'Senior Content Strategist'],
      entry: ['Marketing Specialist', 'Marketing Coordinator', 'Content Writer', 'SEO Specialist'],
    },
  },
  {
    name: 'Operations',
    titles: {
      c_level: ['COO', 'Chief Operating Officer', 'CEO', 'Founder & CEO', 'Co-Founder', 'Managing Director'],
      vp: ['VP Operations', 'Vice President of Operations'],
      director: ['Director of Operations', 'Head of Operations', 'Head of Revenue Operations'],
      manager: ['Operations Manager', 'Revenue Operations Manager', 'Office Manager'],
      senior: ['Senior Operations Analyst', 'Senior RevOps Analyst'],
      entry: ['Operations Analyst', 'Operations Associate', 'Executive Assistant'],
    },
  },
  {
    name: 'Finance',
    titles: {
      c_level: ['CFO', 'Chief Financial Officer'],
      vp: ['VP Finance', 'Vice President of Finance'],
      director: ['Finance Director', 'Head of Finance', 'Director of FP&A'],
      manager: ['Finance Manager', 'Controlling Manager'],
      senior: ['Senior Financial Analyst', 'Senior Accountant'],
      entry: ['Financial Analyst', 'Accountant', 'Billing Specialist'],
    },
  },
  {
    name: 'Product',
    titles: {
      c_level: ['Chief Product Officer', 'CPO'],
      vp: ['VP Product', 'Vice President of Product'],
      director: ['Director of Product', 'Head of Product'],
      manager: ['Product Manager', 'Group Product Manager', 'Product Lead'],
      senior: ['Senior Product Designer', 'Senior UX Researcher', 'Principal Designer'],
      entry: ['Product Designer', 'UX Researcher', 'Product Analyst'],
    },
  },
  {
    name: 'Data',
    titles: {
      c_level: ['Chief Data Officer', 'CDO'],
      vp: ['VP Data', 'Vice President of Data & Analytics'],
      director: ['Director of Data', 'Head of Data', 'Head of Analytics'],
      manager: ['Analytics Manager', 'Data Engineering Lead'],
      senior: ['Senior Data Scientist', 'Senior Data Engineer', 'Staff Data Engineer'],
      entry: ['Data Analyst', 'Data Scientist', 'Analytics Engineer', 'BI Developer'],
    },
  },
  {
    name: 'IT & Security',
    titles: {
      c_level: ['CIO', 'Chief Information Officer', 'CISO', 'Chief Information Security Officer'],
      vp: ['VP IT', 'VP Security', 'Vice President of Information Technology'],
      director: ['IT Director', 'Head of IT', 'Head of Security'],
      manager: ['IT Manager', 'Security Operations Manager', 'Infrastructure Lead'],
      senior: ['Senior Security Engineer', 'Senior Systems Administrator', 'Senior Cloud Architect'],
      entry: ['Systems Administrator', 'IT Support Specialist', 'Security Analyst'],
    },
  },
  {
    name: 'Customer Success',
    titles: {
      c_level: ['Chief Customer Officer'],
      vp: ['VP Customer Success', 'VP Customer Experience'],
      director: ['Director of Customer Success', 'Head of Support', 'Head of Customer Experience'],
      manager: ['Customer Success Manager', 'Support Team Lead', 'Support Manager'],
      senior: ['Senior Support Engineer', 'Senior Implementation Consultant'],
      entry: ['Customer Support Specialist', 'Support Engineer', 'Implementation Consultant'],
    },
  },
  {
    name: 'People',
    titles: {
      c_level: ['Chief People Officer', 'Chief Human Resources Officer'],
      vp: ['VP People', 'Vice President of Human Resources'],
      director: ['HR Director', 'Head of People', 'Head of Talent'],
      manager: ['HR Manager', 'Talent Acquisition Lead', 'Recruiting Manager'],
      senior: ['Senior Recruiter', 'Senior HR Business Partner'],
      entry: ['Recruiter', 'HR Generalist', 'People Operations Coordinator'],
    },
  },
];

/** Technologies typical for an industry; stacks draw most items from here and the rest from COMMON_TECH. */
export const INDUSTRY_TECH: Record<string, string[]> = {
  Fintech: ['Stripe', 'Adyen', 'AWS', 'Kafka', 'PostgreSQL', 'Snowflake', 'Okta', 'Kubernetes', 'Java', 'Go', 'Datadog'],
  'Financial Services': ['Salesforce', 'Microsoft Dynamics 365', 'Azure', 'Power BI', 'SAP', 'Okta', 'Java', 'ServiceNow', 'Microsoft Teams'],
  Healthcare: ['Salesforce', 'Azure', 'Microsoft Teams', 'ServiceNow', 'Tableau', 'Okta', 'Zendesk', 'Python'],
  SaaS: ['AWS', 'React', 'Node.js', 'Kubernetes', 'Segment', 'Intercom', 'Snowflake', 'dbt', 'Datadog', 'Stripe', 'GitHub', 'Sentry'],
  'E-commerce': ['Shopify', 'Klaviyo', 'Stripe', 'Google Ads', 'Magento', 'WooCommerce', 'Hotjar', 'Zendesk', 'Adyen', 'Braze'],
  Manufacturing: ['SAP', 'Microsoft Dynamics 365', 'Azure', 'Power BI', 'NetSuite', 'ServiceNow', 'Microsoft Teams'],
  Logistics: ['SAP', 'Azure', 'AWS', 'Kafka', 'Power BI', 'Salesforce', 'Java', 'NetSuite'],
  Cybersecurity: ['Okta', 'CrowdStrike', 'AWS', 'Kubernetes', 'Go', 'Terraform', 'Datadog', 'Sentry', 'GitLab'],
  Edtech: ['Google Cloud', 'React', 'Intercom', 'Mailchimp', 'Stripe', 'BigQuery', 'Notion', 'Vercel'],
  Insurance: ['Salesforce', 'Azure', 'Java', 'Microsoft Dynamics 365', 'Power BI', 'ServiceNow', 'Okta'],
  Retail: ['SAP', 'Shopify', 'Adyen', 'Google Analytics', 'Klaviyo', 'Salesforce', 'Tableau', 'Braze'],
  Telecommunications: ['Salesforce', 'ServiceNow', 'Kafka', 'Java', 'Azure', 'Tableau', 'Kubernetes'],
  Media: ['Google Cloud', 'BigQuery', 'Braze', 'Segment', 'React', 'Cloudflare', 'Mailchimp', 'Looker'],
  Marketing: ['HubSpot', 'Marketo', 'Google Ads', 'Google Analytics', 'Segment', 'Hotjar', 'Mailchimp', 'Looker'],
  Energy: ['SAP', 'Azure', 'Power BI', 'Python', 'Microsoft Teams', 'ServiceNow', 'Databricks'],
  'Real Estate': ['Salesforce', 'HubSpot', 'Google Analytics', 'Microsoft Teams', 'Power BI', 'Mailchimp'],
  Biotech: ['AWS', 'Python', 'Databricks', 'Snowflake', 'Tableau', 'Okta', 'Confluence'],
  Automotive: ['SAP', 'Azure', 'Java', 'Kafka', 'Salesforce', 'Microsoft Teams', 'Power BI'],
  Consulting: ['Salesforce', 'Microsoft Teams', 'Power BI', 'Notion', 'HubSpot', 'Confluence', 'Jira'],
  Gaming: ['AWS', 'Google Cloud', 'Braze', 'BigQuery', 'Kubernetes', 'Cloudflare', 'Sentry', 'Datadog'],
  Travel: ['Salesforce', 'Adyen', 'Braze', 'AWS', 'Google Analytics', 'Zendesk', 'Kafka'],
  Legal: ['Microsoft Teams', 'Salesforce', 'Azure', 'Okta', 'Notion', 'HubSpot', 'Power BI'],
};

export const COMMON_TECH: readonly string[] = [
  'HubSpot',
  'Salesforce',
  'Pipedrive',
  'Slack',
  'Google Analytics',
  'Jira',
  'Confluence',
  'Notion',
  'Zendesk',
  'Intercom',
  'AWS',
  'Google Cloud',
  'Azure',
  'GitHub',
  'Outreach',
  'Salesloft',
  'Gong',
  'Apollo',
  'LinkedIn Sales Navigator',
  'Mailchimp',
  'Cloudflare',
  'Zoho CRM',
  'Freshdesk',
  'Close',
  'Heroku',
];

/** Word parts for invented company names; the industry word makes the name hint at what it does. */
export const NAME_PREFIXES: readonly string[] = [
  'North',
  'Blue',
  'Bright',
  'Clear',
  'Nova',
  'Apex',
  'Silver',
  'Green',
  'Iron',
  'Swift',
  'True',
  'Open',
  'Lumen',
  'Atlas',
  'Orbit',
  'Vertex',
  'Pioneer',
  'Summit',
  'Harbor',
  'Cedar',
  'Quant',
  'Ever',
  'Kite',
  'Polar',
  'Red',
];

export const INDUSTRY_WORDS: Record<string, string[]> = {
  Fintech: ['Pay', 'Ledger', 'Coin', 'Capital', 'Wallet'],
  'Financial Services': ['Capital', 'Partners', 'Bank', 'Wealth', 'Finance'],
  Healthcare: ['Health', 'Care', 'Med', 'Clinic', 'Vital'],
  SaaS: ['Soft', 'Cloud', 'Stack', 'App', 'Logic'],
  'E-commerce': ['Cart', 'Shop', 'Market', 'Basket', 'Store'],
  Manufacturing: ['Works', 'Industries', 'Fabrication', 'Tooling', 'Metals'],
  Logistics: ['Freight', 'Logistics', 'Cargo', 'Route', 'Fleet'],
  Cybersecurity: ['Shield', 'Guard', 'Secure', 'Sentinel', 'Vault'],
  Edtech: ['Learn', 'Academy', 'Campus', 'Tutor', 'Skills'],
  Insurance: ['Assurance', 'Insure', 'Cover', 'Mutual', 'Risk'],
  Retail: ['Goods', 'Outfitters', 'Supply', 'Brands', 'Home'],
  Telecommunications: ['Telecom', 'Mobile', 'Connect', 'Signal', 'Net'],
  Media: ['Media', 'Studios', 'Press', 'Stream', 'Pictures'],
  Marketing: ['Reach', 'Ads', 'Growth', 'Digital', 'Brand'],
  Energy: ['Energy', 'Power', 'Solar', 'Grid', 'Wind'],
  'Real Estate': ['Properties', 'Estates', 'Homes', 'Realty', 'Spaces'],
  Biotech: ['Bio', 'Genomics', 'Therapeutics', 'Labs', 'Cell'],
  Automotive: ['Motors', 'Auto', 'Drive', 'Mobility', 'Parts'],
  Consulting: ['Advisory', 'Consulting', 'Partners', 'Group', 'Strategy'],
  Gaming: ['Games', 'Play', 'Pixel', 'Arcade', 'Quest'],
  Travel: ['Travel', 'Trips', 'Journeys', 'Stay', 'Voyage'],
  Legal: ['Legal', 'Law', 'Counsel', 'Chambers', 'Advocates'],
};

/** Web domain endings by country; others use .com/.io. */
export const COUNTRY_TLDS: Record<string, string[]> = {
  Germany: ['de', 'com'],
  'United Kingdom': ['co.uk', 'com', 'io'],
  France: ['fr', 'com'],
  Netherlands: ['nl', 'com'],
  Spain: ['es', 'com'],
  Italy: ['it', 'com'],
  Sweden: ['se', 'com'],
  Switzerland: ['ch', 'com'],
  Austria: ['at', 'com'],
  Poland: ['pl', 'com'],
  Australia: ['com.au', 'com'],
  India: ['in', 'com'],
  Brazil: ['com.br', 'com'],
  Canada: ['ca', 'com'],
};

export const FREE_MAIL_DOMAINS: readonly string[] = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'];

export const LEAD_SOURCES: readonly { value: string; weight: number }[] = [
  { value: 'csv_import', weight: 35 },
  { value: 'website', weight: 20 },
  { value: 'linkedin', weight: 18 },
  { value: 'event', weight: 10 },
  { value: 'referral', weight: 7 },
  { value: 'manual', weight: 10 },
];

export const NOTES: readonly string[] = [
  'Left a voicemail, will try again Thursday.',
  'Interested but budget is locked until next quarter.',
  'Asked for a case study from a company their size.',
  'Currently evaluating a competitor; follow up after their pilot ends.',
  'Wants a demo with their head of sales next week.',
  'Met at the conference booth, strong interest in the Slack integration.',
  'Not the decision maker; introduced me to their VP.',
  'Replied to the second email, asked about pricing for 20 seats.',
  'Out of office until the 15th.',
  'Security review needed before any trial.',
  'Happy with the pilot, sending the order form.',
  'Asked to be contacted again in six months.',
];
