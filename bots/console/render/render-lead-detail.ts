// One lead in full: who they are, the facts we hold, what happened lately and how it was enriched.
import type { LeadDetailCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { renderFacts } from './facts.ts';
import { date, dateTime, fieldName, int, place, role, usd } from './format.ts';
import { clean, hang } from './text.ts';

const MAX_ITEMS = 10;

function section(title: string, items: string[], total: number, ctx: RenderContext): string[] {
  const lines = ['', ctx.style.bold(title)];
  if (!items.length) return [...lines, ctx.style.dim('  none yet')];
  lines.push(...items.flatMap((item) => hang('  ', item, ctx.width, 4)));
  if (total > items.length) lines.push(ctx.style.dim(`  …and ${total - items.length} more`));
  return lines;
}

export function renderLeadDetail(card: LeadDetailCard, ctx: RenderContext): string[] {
  const { lead } = card;
  const tz = ctx.timeZone;
  const name = clean(lead.fullName);
  const header = [name, role(lead)].filter(Boolean).join(' — ');
  const lines = hang('', header, ctx.width).map(ctx.style.bold);
  const company = [clean(lead.company), clean(lead.companyDomain)].filter(Boolean);
  lines.push(
    '',
    ...renderFacts(
      [
        ['Email', clean(lead.email)],
        ['LinkedIn', clean(lead.linkedinUrl)],
        ['Company', company.length === 2 ? `${company[0]} (${company[1]})` : (company[0] ?? '')],
        ['Seniority', clean(lead.seniority).replace(/_/g, '-')],
        ['Industry', clean(lead.industry)],
        ['Size', lead.companySize ? `${int(lead.companySize)} employees` : ''],
        ['Location', place(lead)],
        ['Tech stack', lead.techStack.map(clean).filter(Boolean).join(', ')],
        ['Status', clean(lead.status)],
        ['Score', `${lead.score}/100`],
        ['Owner', clean(lead.ownerName)],
        ['Source', clean(lead.source)],
        ['Added', lead.createdAt ? date(lead.createdAt, tz) : ''],
        ['Enriched', lead.enrichedAt ? date(lead.enrichedAt, tz) : 'never'],
      ],
      ctx,
    ),
  );
  const activities = card.activities.slice(0, MAX_ITEMS).map((a) => {
    const by = clean(a.actorName);
    return `${dateTime(a.at, tz)} · ${clean(a.text) || fieldName(a.type)}${by ? ` (${by})` : ''}`;
  });
  lines.push(...section('Recent activity', activities, card.activities.length, ctx));
  const enrichments = card.enrichments.slice(0, MAX_ITEMS).map((e) => {
    const fields = e.fields.length ? e.fields.map((f) => fieldName(f)).join(', ') : 'no new fields';
    return `${date(e.at, tz)} · ${clean(e.source)} · ${fields} · ${usd(e.costUsd)}`;
  });
  lines.push(...section('Enrichment history', enrichments, card.enrichments.length, ctx));
  return lines;
}
