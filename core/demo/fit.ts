// How well a demo lead fits SalesOS's own ideal customer profile (0-100). The generated score is this fit
// plus noise, so "best leads" in the demo are the ones a rep would agree are best.
import type { Seniority } from '../leads/filter.ts';

const SENIORITY_FIT: Record<Seniority, number> = { c_level: 30, vp: 28, director: 24, manager: 16, senior: 9, entry: 4 };

const INDUSTRY_FIT: Record<string, number> = {
  SaaS: 25,
  Fintech: 23,
  Cybersecurity: 22,
  'E-commerce': 20,
  Marketing: 18,
  Edtech: 15,
  Gaming: 14,
  Insurance: 12,
  'Financial Services': 12,
  Media: 11,
  Healthcare: 10,
  Logistics: 9,
  Telecommunications: 9,
  Consulting: 9,
  Travel: 8,
  Biotech: 7,
  Retail: 7,
  Legal: 6,
  'Real Estate': 6,
  Automotive: 5,
  Manufacturing: 5,
  Energy: 4,
};

const SALES_TOOLS = new Set(['HubSpot', 'Salesforce', 'Pipedrive', 'Outreach', 'Salesloft', 'Gong', 'Slack', 'Microsoft Teams']);

export interface FitInput {
  seniority: Seniority;
  industry: string;
  companySize: number;
  techStack: readonly string[];
}

export function demoFit(lead: FitInput): number {
  const size = lead.companySize;
  const sizeFit = size < 11 ? 4 : size <= 50 ? 14 : size <= 1000 ? 25 : size <= 5000 ? 16 : 8;
  const techFit = Math.min(20, lead.techStack.filter((t) => SALES_TOOLS.has(t)).length * 8);
  return SENIORITY_FIT[lead.seniority] + (INDUSTRY_FIT[lead.industry] ?? 5) + sizeFit + techFit;
}
