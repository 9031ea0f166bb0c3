// One lead in full: facts, recent activity and enrichment history, with the same buttons as the list.
import type { LeadDetailCard } from '../../../core/cards.ts';
import { formatValue, leadPlain } from './lead-text.ts';
import { actionButton, actions, context, esc, fields, header, section, shortDate, usd, type Block, type RenderedCard } from './limits.ts';

const MAX_ROWS = 10;

export function renderLeadDetail(card: LeadDetailCard): RenderedCard {
  const lead = card.lead;
  const blocks: Block[] = [header(lead.fullName)];
  const role = [lead.title, lead.company].filter(Boolean).join(' · ');
  if (role) blocks.push(section(esc(role)));
  blocks.push(
    fields([
      ['Email', esc(lead.email)],
      ['Status', esc(lead.status)],
      ['Score', String(lead.score)],
      ['Seniority', esc(formatValue(lead.seniority))],
      ['Industry', esc(formatValue(lead.industry))],
      ['Company size', formatValue(lead.companySize)],
      ['Location', esc([lead.city, lead.country].filter(Boolean).join(', ') || '—')],
      ['Tech stack', esc(formatValue(lead.techStack))],
      ['Owner', esc(formatValue(lead.ownerName))],
      ['Enriched', shortDate(lead.enrichedAt)],
    ]),
  );
  if (lead.linkedinUrl) blocks.push(context(`LinkedIn: ${esc(lead.linkedinUrl)}`));

  if (card.activities.length) {
    const lines = card.activities
      .slice(0, MAX_ROWS)
      .map((a) => `• ${shortDate(a.at)} *${esc(a.type)}* ${esc(a.text)}${a.actorName ? ` — ${esc(a.actorName)}` : ''}`);
    blocks.push(section(`*Activity*\n${lines.join('\n')}`));
  }
  if (card.enrichments.length) {
    const lines = card.enrichments
      .slice(0, MAX_ROWS)
      .map((e) => `• ${shortDate(e.at)} ${esc(e.source)}: ${esc(e.fields.join(', ') || 'no changes')} (${usd(e.costUsd)})`);
    blocks.push(section(`*Enrichment history*\n${lines.join('\n')}`));
  }
  const row = actions(
    [
      actionButton('Enrich', { kind: 'tool', tool: 'enrichLead', input: { lead: lead.id } }, 'detail'),
      actionButton('Draft email', { kind: 'tool', tool: 'draftEmail', input: { lead: lead.id } }, 'detail'),
      lead.status === 'contacted'
        ? undefined
        : actionButton('Mark contacted', { kind: 'tool', tool: 'updateLead', input: { lead: lead.id, status: 'contacted' } }, 'detail'),
    ],
    'lead_detail',
  );
  if (row) blocks.push(row);
  blocks.push(context(`Added ${shortDate(lead.createdAt)}${lead.source ? ` from ${esc(lead.source)}` : ''}`));
  return { blocks, text: `Lead: ${leadPlain(lead)} <${lead.email}>` };
}
