// What every card that shows a lead shares: its buttons (defined once, so every platform offers the same),
// how its status and score read, and its one-line facts.
import type { LeadCardItem } from '../../cards.ts';
import type { Button, Cell, Tone } from '../elements.ts';
import { int, place } from '../format.ts';

/**
 * Enrich and Draft email for every lead; Mark contacted only while the lead is new. A lead that replied,
 * qualified, became a customer or was disqualified is past "contacted": marking it would move it backwards
 * in the pipeline ("uncontacted" means status new in search too).
 */
export function leadButtons(lead: LeadCardItem, slot: string): Button[] {
  const buttons: Button[] = [
    { label: 'Enrich', action: { kind: 'tool', tool: 'enrichLead', input: { lead: lead.id } }, slot },
    { label: 'Draft email', action: { kind: 'tool', tool: 'draftEmail', input: { lead: lead.id } }, slot },
  ];
  if (lead.status === 'new')
    buttons.push({ label: 'Mark contacted', action: { kind: 'tool', tool: 'updateLead', input: { lead: lead.id, status: 'contacted' } }, slot });
  return buttons;
}

export function statusTone(status: string): Tone | undefined {
  if (status === 'qualified' || status === 'customer' || status === 'replied') return 'good';
  if (status === 'disqualified') return 'muted';
  if (status === 'new') return 'warning';
  return undefined;
}

export function statusCell(status: string): Cell {
  const tone = statusTone(status);
  return tone ? { text: status, tone } : status;
}

export function scoreCell(score: number): Cell {
  return score >= 80 ? { text: String(score), tone: 'good' } : String(score);
}

/** "score 87 · new · Fintech · 240 people · Berlin, Germany · AWS, Kubernetes" */
export function leadFactsLine(lead: LeadCardItem): string {
  return [
    `score ${lead.score}`,
    lead.status,
    lead.industry,
    lead.companySize ? `${int(lead.companySize)} people` : undefined,
    place(lead) || undefined,
    lead.techStack.length ? lead.techStack.slice(0, 5).join(', ') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** " — CTO · Acme" after a bold name, or "" */
export function roleSuffix(lead: LeadCardItem): string {
  const r = [lead.title, lead.company].filter(Boolean).join(' · ');
  return r ? ` — ${r}` : '';
}
