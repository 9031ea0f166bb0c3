// Every tool SalesOS offers, and what is derived from them: the tool names (`ToolName`), each role's tool set
// (by the tool's permission, core/rbac.ts), the prompt's capability lines and the audit redaction (each tool's
// own facets). Adding a tool is its file and one line in ALL_TOOLS; test/tools/registry.test.ts fails when a
// tool file is not listed here or a tool lacks a facet.
import type { Actor, Role } from '../core/agent/types.ts';
import { actorCan, can } from '../core/rbac.ts';
import type { ToolName } from '../core/tool-names.ts';
import { draftEmail } from './draft-email.ts';
import { enrichLead } from './enrich-lead.ts';
import { findLeads } from './find-leads.ts';
import { findLookalikes } from './find-lookalikes.ts';
import { findPatterns } from './find-patterns.ts';
import { getLead } from './get-lead.ts';
import { myUsage } from './my-usage.ts';
import { rescoreLeads } from './rescore-leads.ts';
import { roastEmail } from './roast-email.ts';
import { setDigestSchedule } from './set-digest-schedule.ts';
import { setOffer } from './set-offer.ts';
import { showOffer } from './show-offer.ts';
import type { SalesTool } from './tool.ts';
import { updateLead } from './update-lead.ts';

/** In the order the prompt lists them. */
export const ALL_TOOLS = [
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
] as const satisfies readonly SalesTool[];

type RegisteredName = (typeof ALL_TOOLS)[number]['name'];

// Tells core the names (core/tool-names.ts) without core importing tools/.
declare module '../core/tool-names.ts' {
  interface RegisteredTools extends Record<RegisteredName, true> {}
}

export type { ToolName };

export const TOOL_NAMES: readonly ToolName[] = ALL_TOOLS.map((t) => t.name);

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

export function toolsFor(role: Role, tools: readonly SalesTool[] = ALL_TOOLS): SalesTool[] {
  return tools.filter((t) => can(role, t.permission));
}

/** The tools offered to this person (their role, and no write tool when they are read-only). */
export function toolsForActor(actor: Pick<Actor, 'role' | 'readOnly'>, tools: readonly SalesTool[] = ALL_TOOLS): SalesTool[] {
  return tools.filter((t) => actorCan(actor, t.permission));
}

/** A name from outside (the model, a button, a stored confirmation) looked up; undefined when no tool has it. */
export function toolNamed(name: string, tools: readonly SalesTool[] = ALL_TOOLS): SalesTool | undefined {
  return tools.find((t) => t.name === name);
}

/** What the system prompt lists for these tools: each one's name and its own line. */
export function capabilitiesOf(tools: readonly SalesTool[]): Record<string, string> {
  return Object.fromEntries(tools.map((t) => [t.name, t.capability]));
}
