// One lead in full: the facts we hold, recent activity, enrichment history, and the same buttons as in a list.
import type { LeadDetailCard } from '../../cards.ts';
import { at, context, section, type ViewCard } from '../elements.ts';
import { fieldName, headline, int, leadPlain, place, usd } from '../format.ts';
import { leadButtons } from './lead.ts';

const MAX_ITEMS = 10;

export function leadDetailView(card: LeadDetailCard): ViewCard {
  const { lead } = card;
  const company = [lead.company, lead.companyDomain].filter(Boolean);
  const activities = card.activities.slice(0, MAX_ITEMS).map((a) => ({
    text: [at(a.at, 'dateTime'), ` · ${a.text.trim() || fieldName(a.type)}${a.actorName ? ` (${a.actorName})` : ''}`],
  }));
  const enrichments = card.enrichments.slice(0, MAX_ITEMS).map((e) => ({
    text: [at(e.at, 'date'), ` · ${e.source} · ${e.fields.length ? e.fields.map((f) => fieldName(f)).join(', ') : 'no new fields'} · ${usd(e.costUsd)}`],
  }));
  return {
    title: headline(lead),
    children: [
      {
        type: 'fields',
        fields: [
          { label: 'Email', value: [lead.email] },
          { label: 'LinkedIn', value: [lead.linkedinUrl ?? ''] },
          { label: 'Company', value: [company.length === 2 ? `${company[0]} (${company[1]})` : (company[0] ?? '')] },
          { label: 'Seniority', value: [(lead.seniority ?? '').replace(/_/g, '-')] },
          { label: 'Industry', value: [lead.industry ?? ''] },
          { label: 'Size', value: [lead.companySize ? `${int(lead.companySize)} employees` : ''] },
          { label: 'Location', value: [place(lead)] },
          { label: 'Tech stack', value: [lead.techStack.join(', ')] },
          { label: 'Status', value: [lead.status] },
          { label: 'Score', value: [`${lead.score}/100`] },
          { label: 'Owner', value: [lead.ownerName ?? ''] },
          { label: 'Enriched', value: lead.enrichedAt ? [at(lead.enrichedAt, 'date')] : ['never'] },
        ],
      },
      section(
        'Recent activity',
        activities.length ? [{ type: 'list', plain: true, items: activities, more: card.activities.length - activities.length }] : [],
        'none yet',
      ),
      section(
        'Enrichment history',
        enrichments.length ? [{ type: 'list', plain: true, items: enrichments, more: card.enrichments.length - enrichments.length }] : [],
        'none yet',
      ),
      { type: 'actions', id: 'lead_detail', buttons: leadButtons(lead, 'detail') },
      context('Added ', at(lead.createdAt, 'date'), lead.source ? ` from ${lead.source}` : ''),
    ],
    summary: `Lead: ${leadPlain(lead)} <${lead.email}>`,
  };
}
