// A SalesOS tool: a typed value (name, zod input, permission, execute) that policy wraps from outside.
// Tools never know which platform asked and never repeat policy inside.
import type { z } from 'zod';
import type { Card } from '../core/cards.ts';
import type { Actor, Platform } from '../core/agent/types.ts';
import type { LeadScope } from '../core/leads/filter.ts';
import type { Permission } from '../core/rbac.ts';
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

export interface SalesTool<S extends z.ZodType = z.ZodType> {
  name: string;
  /** Read by the model: what the tool does and when to use it. */
  description: string;
  inputSchema: S;
  permission: Permission;
  /** Shown while the tool runs, e.g. "Searching leads…". */
  statusText: string;
  /** Write tools wait for the user's confirmation; this says what will happen, in words. */
  confirm?: (input: z.infer<S>, ctx: ToolContext) => Promise<string>;
  /** Paid tools: a worst-case USD estimate CostGuard reserves before execute (0 = free this time). */
  estimateCostUsd?: (input: z.infer<S>, ctx: ToolContext) => number;
  execute(input: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

export function defineTool<S extends z.ZodType>(tool: SalesTool<S>): SalesTool<S> {
  return tool;
}
