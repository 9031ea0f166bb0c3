// Lead rows as the compact card items every channel renders, and as compact facts for the model.
import type { LeadCardItem } from '../core/cards.ts';

/** Any lead row (summary, full record, card item): the card fields, optional where a row may lack them. */
type LeadLike = Pick<LeadCardItem, 'id' | 'fullName' | 'email' | 'status' | 'score'> &
  Partial<Omit<LeadCardItem, 'id' | 'fullName' | 'email' | 'status' | 'score' | 'techStack' | 'enrichedAt'>> & {
    techStack?: string[] | null;
    enrichedAt?: Date | string | null;
  };

export function leadCardItem(l: LeadLike): LeadCardItem {
  return {
    id: l.id,
    fullName: l.fullName,
    email: l.email,
    title: l.title ?? null,
    company: l.company ?? null,
    companyDomain: l.companyDomain ?? null,
    industry: l.industry ?? null,
    companySize: l.companySize ?? null,
    country: l.country ?? null,
    city: l.city ?? null,
    techStack: l.techStack ?? [],
    status: l.status,
    score: l.score,
    ownerName: l.ownerName ?? null,
    enrichedAt: l.enrichedAt ? new Date(l.enrichedAt).toISOString() : null,
  };
}

/** What the model keeps of a lead: enough to refer to it and talk about it. */
export function leadForModel(l: LeadLike) {
  return {
    id: l.id,
    fullName: l.fullName,
    email: l.email,
    title: l.title ?? undefined,
    company: l.company ?? undefined,
    industry: l.industry ?? undefined,
    country: l.country ?? undefined,
    status: l.status,
    score: l.score,
  };
}

export function describeLead(l: LeadLike): string {
  const role = [l.title, l.company].filter(Boolean).join(' at ');
  return role ? `${l.fullName} (${role})` : l.fullName;
}
