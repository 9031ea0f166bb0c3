// A SalesOS tool: a typed value (name, zod input, permission, execute) that policy wraps from outside.
// Tools never know which platform asked and never repeat policy inside.
import type { z } from 'zod';
import type { Card } from '../core/cards.ts';
import type { Actor, Platform } from '../core/agent/types.ts';
import type { LeadScope } from '../core/leads/filter.ts';
import { isPermission, isWritePermission, type ReadPermission, type WritePermission } from '../core/rbac.ts';
import type { ConfirmationText } from './confirmation-text.ts';
import type { ToolServices, TurnModel } from './services.ts';

export interface ToolContext {
  actor: Actor;
  platform: Platform;
  conversationId?: string;
  /** The leads this actor may see (RBAC), enforced in every repository query. */
  scope: LeadScope;
  /** The manager's team (owner ids) — what "my team's leads" means. */
  teamMemberIds: string[];
  services: ToolServices;
  /** A real language model for critiques and rewrites; absent in offline mode. */
  llm?: TurnModel;
  signal?: AbortSignal;
}

export interface ToolResult {
  summary: string;
  data?: Record<string, unknown>;
  cards?: Card[];
  /** What the call really cost (e.g. the enrichment agent's reported cost); settled by CostGuard. */
  costUsd?: number;
}

interface ToolBase<S extends z.ZodType, N extends string> {
  /** How the model, the audit trail, buttons and the registry name it (camelCase, unique). */
  name: N;
  /** Read by the model: what the tool does and when to use it. */
  description: string;
  inputSchema: S;
  /** Shown while the tool runs, e.g. "Searching leads…". */
  statusText: string;
  /** The line the system prompt gives this tool under "What you can do" (the model's table of contents). */
  capability: string;
  /**
   * Input fields holding the text of an email (matched by name at any depth, in any case): the audit trail keeps
   * only their word count. [] keeps every field; secrets are scrubbed from every input whatever this says.
   */
  redactInAudit: readonly string[];
  /** Reaches websites outside SalesOS (MCP's openWorldHint). */
  openWorld?: boolean;
  /** Paid tools: a worst-case USD estimate CostGuard reserves before execute (0 = free this time). */
  estimateCostUsd?(input: z.infer<S>, ctx: ToolContext): number;
  execute(input: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** A tool that reads (or only fills in): no confirmation. */
export interface ReadTool<S extends z.ZodType = z.ZodType, N extends string = string> extends ToolBase<S, N> {
  permission: ReadPermission;
  confirm?: undefined;
}

/** A tool that writes: the type requires a confirmation step, built from quoted structured values. */
export interface WriteTool<S extends z.ZodType = z.ZodType, N extends string = string> extends ToolBase<S, N> {
  permission: WritePermission;
  /** What will happen, in words, for the user's yes; built with `confirmation`…`` (tools/confirmation-text.ts). */
  confirm(input: z.infer<S>, ctx: ToolContext): Promise<ConfirmationText>;
}

export type SalesTool<S extends z.ZodType = z.ZodType, N extends string = string> = ReadTool<S, N> | WriteTool<S, N>;

/** Whether a tool must wait for the user's confirmation: by its permission, never by its own say. */
export function needsConfirmation(tool: SalesTool): boolean {
  return isWritePermission(tool.permission);
}

const TEXT_FACETS = ['description', 'statusText', 'capability'] as const;

/**
 * A tool, checked once when its module loads. The types already demand every facet; this holds for tools
 * built without them (plain JS, casts), so a tool missing one never reaches the registry.
 */
export function defineTool<const N extends string, S extends z.ZodType>(tool: WriteTool<S, N>): WriteTool<S, N>;
export function defineTool<const N extends string, S extends z.ZodType>(tool: ReadTool<S, N>): ReadTool<S, N>;
export function defineTool<const N extends string, S extends z.ZodType>(tool: SalesTool<S, N>): SalesTool<S, N> {
  const name = String(tool.name);
  if (!/^[a-z][A-Za-z0-9]{2,63}$/.test(name)) throw new Error(`Tool name "${name}" must be camelCase (a letter, then letters or digits).`);
  for (const facet of TEXT_FACETS) {
    if (typeof tool[facet] !== 'string' || !tool[facet].trim()) throw new Error(`Tool ${name} has no ${facet}.`);
  }
  if (typeof tool.inputSchema?.safeParse !== 'function') throw new Error(`Tool ${name} has no zod inputSchema.`);
  if (!isPermission(tool.permission)) throw new Error(`Tool ${name} needs a permission (core/rbac.ts), not "${String(tool.permission)}".`);
  if (!Array.isArray(tool.redactInAudit) || tool.redactInAudit.some((f) => typeof f !== 'string' || !f))
    throw new Error(`Tool ${name} must say which input fields the audit trail redacts (redactInAudit; [] for none).`);
  if (typeof tool.execute !== 'function') throw new Error(`Tool ${name} has no execute.`);
  if (isWritePermission(tool.permission) && typeof tool.confirm !== 'function')
    throw new Error(`Tool ${name} writes (${tool.permission}) and must define a confirmation step.`);
  return tool;
}
