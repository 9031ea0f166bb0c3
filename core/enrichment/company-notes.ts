// The agent's company profile (the contract's optional `company`) as a few short notes for the rep's card.
// Website text is untrusted: notes are plain, clipped text; every renderer escapes notes.
import type { AgentCompanyProfile } from './types.ts';

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

export function companyNotes(company: AgentCompanyProfile | undefined): string[] {
  if (!company) return [];
  const notes: string[] = [];
  if (company.description) notes.push(`About ${clip(company.name ?? company.domain, 80)}: ${clip(company.description, 240)}`);
  const mail = [
    company.emailProvider ? `email on ${company.emailProvider}` : '',
    company.spf === undefined ? '' : company.spf ? 'SPF published' : 'no SPF record',
    company.dmarc === undefined ? '' : company.dmarc ? `DMARC${company.dmarcPolicy ? ` (policy ${company.dmarcPolicy})` : ''}` : 'no DMARC record',
  ].filter(Boolean);
  if (mail.length) notes.push(`Mail set-up of ${company.domain}: ${mail.join(', ')}.`);
  if (company.linkedinUrl) notes.push(`Company LinkedIn: ${clip(company.linkedinUrl, 200)}`);
  return notes;
}
