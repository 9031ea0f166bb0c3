// How a lead reads in one or two lines of mrkdwn; shared by every card that shows a lead.
import type { LeadCardItem } from '../../../core/cards.ts';
import { esc } from './limits.ts';

export function leadHeadline(lead: LeadCardItem): string {
  const role = [lead.title, lead.company]
    .filter(Boolean)
    .map((s) => esc(String(s)))
    .join(' · ');
  return `*${esc(lead.fullName)}*${role ? ` — ${role}` : ''}`;
}

export function leadFacts(lead: LeadCardItem): string {
  const place = [lead.city, lead.country].filter(Boolean).join(', ');
  const parts = [
    `score ${lead.score}`,
    lead.status,
    lead.industry,
    lead.companySize ? `${lead.companySize} people` : undefined,
    place || undefined,
    lead.techStack.length ? lead.techStack.slice(0, 5).join(', ') : undefined,
  ].filter(Boolean);
  return esc(parts.join(' · '));
}

export function leadPlain(lead: LeadCardItem): string {
  return [lead.fullName, lead.title, lead.company].filter(Boolean).join(', ') + ` (score ${lead.score}, ${lead.status})`;
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
