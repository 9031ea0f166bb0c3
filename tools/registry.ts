// Every tool SalesOS offers, and the ones a role may use (a role never sees a tool it cannot use).
import type { Actor, Role } from '../core/agent/types.ts';
import { actorCan, can } from '../core/rbac.ts';
import { draftEmail } from './draft-email.ts';
import { enrichLead } from './enrich-lead.ts';
import { findLeads } from './find-leads.ts';
import { findLookalikes } from './find-lookalikes.ts';
import { findPatterns } from './find-patterns.ts';
import { rescoreLeads } from './rescore-leads.ts';
import { getLead } from './get-lead.ts';
import { myUsage } from './my-usage.ts';
import { roastEmail } from './roast-email.ts';
import { setDigestSchedule } from './set-digest-schedule.ts';
import { setOffer } from './set-offer.ts';
import { showOffer } from './show-offer.ts';
import type { SalesTool } from './tool.ts';
import { updateLead } from './update-lead.ts';

export const ALL_TOOLS: readonly SalesTool[] = [
  findLeads,
  getLead,
  enrichLead,
  roastEmail,
  draftEmail,
  updateLead,
  myUsage,
  setDigestSchedule,
  showOffer,
  setOffer,
  findPatterns,
  findLookalikes,
  rescoreLeads,
] as SalesTool[];

export function toolsFor(role: Role, tools: readonly SalesTool[] = ALL_TOOLS): SalesTool[] {
  return tools.filter((t) => can(role, t.permission));
}

/** The tools offered to this person (their role, and no write tool when they are read-only). */
export function toolsForActor(actor: Pick<Actor, 'role' | 'readOnly'>, tools: readonly SalesTool[] = ALL_TOOLS): SalesTool[] {
  return tools.filter((t) => actorCan(actor, t.permission));
}

export function toolNamed(name: string, tools: readonly SalesTool[] = ALL_TOOLS): SalesTool | undefined {
  return tools.find((t) => t.name === name);
}
