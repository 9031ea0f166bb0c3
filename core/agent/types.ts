// Platform-neutral shapes of one turn: what a bot hands the assistant and what it gets back.
import type { ToolName } from '../tool-names.ts';
import type { Card } from '../cards.ts';
import type { Platform } from '../platforms/registry.ts';

export type { Platform };
export type Role = 'rep' | 'manager' | 'admin';

/** The SalesOS user behind a message, with what policy needs. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  teamId?: string | null;
  /** Read-only access (e.g. a Slack guest under SLACK_GUEST_USERS=read-only): no write tool is offered or run. */
  readOnly?: boolean;
}

export interface Turn {
  /** Unique per platform delivery (Slack event id, Teams activity id); used to drop retries. */
  deliveryId: string;
  platform: Platform;
  actor: Actor;
  /** Platform-neutral conversation key, e.g. "slack:T1:C1:1700000000.1" — the unit of memory. */
  conversationKey: string;
  text: string;
  /**
   * The turn claims `deliveryId` itself, in the same statement that opens the conversation (one round trip
   * fewer than claimDelivery first). A delivery already claimed (a retry, on any replica) yields no events at all.
   */
  claimDelivery?: boolean;
}

export type ToolOutcome = 'ok' | 'denied' | 'over_budget' | 'invalid' | 'error' | 'timeout' | 'pending_confirmation';

export interface ToolCallRecord {
  name: string;
  input: unknown;
  outcome: ToolOutcome;
  errorCode?: string;
  /** The tool's compact data (lead ids, pendingActionId), for clients that are themselves models (MCP). */
  data?: Record<string, unknown>;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface Reply {
  text: string;
  cards: Card[];
  toolCalls: ToolCallRecord[];
  usage: Usage;
}

/** What a bot receives while a turn runs, in order; `done` comes last exactly once. */
export type ReplyEvent =
  | { type: 'status'; text: string }
  | { type: 'text-delta'; delta: string }
  | { type: 'card'; card: Card }
  | { type: 'done'; reply: Reply };

/**
 * A button/card action from a platform: confirm/cancel a pending action, or run a tool directly. `tool` is typed
 * so our buttons name real tools; one parsed from a click is still looked up before it runs (a payload can lie).
 */
export type CardAction = { kind: 'confirm' | 'cancel'; actionId: string } | { kind: 'tool'; tool: ToolName; input: Record<string, unknown> };
