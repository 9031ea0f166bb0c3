// A SalesOS tool: a typed value (name, zod input, permission, execute) that policy wraps from outside.
// Tools never know which platform asked and never repeat policy inside.
import type { z } from 'zod';
import type { Card } from '../core/cards.ts';
import type { Actor, Platform } from '../core/agent/types.ts';
import type { LeadScope } from '../core/leads/filter.ts';
import { isWritePermission, type ReadPermission, type WritePermission } from '../core/rbac.ts';
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

interface ToolBase<S extends z.ZodType> {
  name: string;
  /** Read by the model: what the tool does and when to use it. */
  description: string;
  inputSchema: S;
  /** Shown while the tool runs, e.g. "Searching leads…". */
  statusText: string;
  /** The line the system prompt gives this tool under "What you can do" (the model's table of contents). */
  capability: string;
  /** Paid tools: a worst-case USD estimate CostGuard reserves before execute (0 = free this time). */
  estimateCostUsd?: (input: z.infer<S>, ctx: ToolContext) => number;
  execute(input: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** A tool that reads (or only fills in): no confirmation. */
export interface ReadTool<S extends z.ZodType = z.ZodType> extends ToolBase<S> {
  permission: ReadPermission;
  confirm?: undefined;
}

/** A tool that writes: the type requires a confirmation step, built from quoted structured values. */
export interface WriteTool<S extends z.ZodType = z.ZodType> extends ToolBase<S> {
  permission: WritePermission;
  /** What will happen, in words, for the user's yes; built with `confirmation`…`` (tools/confirmation-text.ts). */
  confirm: (input: z.infer<S>, ctx: ToolContext) => Promise<ConfirmationText>;
}

export type SalesTool<S extends z.ZodType = z.ZodType> = ReadTool<S> | WriteTool<S>;

/** Whether a tool must wait for the user's confirmation: by its permission, never by its own say. */
export function needsConfirmation(tool: SalesTool): boolean {
  return isWritePermission(tool.permission);
}

export function defineTool<S extends z.ZodType>(tool: WriteTool<S>): WriteTool<S>;
export function defineTool<S extends z.ZodType>(tool: ReadTool<S>): ReadTool<S>;
export function defineTool<S extends z.ZodType>(tool: SalesTool<S>): SalesTool<S> {
  // The types already demand it; this holds for tools built without them (plain JS, casts).
  if (isWritePermission(tool.permission) && typeof tool.confirm !== 'function')
    throw new Error(`Tool ${tool.name} writes (${tool.permission}) and must define a confirmation step.`);
  return tool;
}
