// The policy services that wrap every tool call and model call: CostGuard, the audit trail and
// confirmations for write tools. Interfaces here; implementations in core/cost, core/audit and
// core/confirmations.ts.
import type { LanguageModelMiddleware } from 'ai';
import type { ConfirmationCard, UsageCard } from './cards.ts';
import type { Actor, Platform } from './agent/types.ts';
import type { AppError } from './errors.ts';

export type SpendKind = 'model' | 'tool';

export interface Reservation {
  id: string;
  userId: string;
  kind: SpendKind;
  name: string;
  reservedUsd: number;
  /** The budget day it counts against and the user's team: enough to write the charge again if the row was lost. */
  day: string;
  teamId?: string;
  /** The budget lease it was served from (core/cost/budget-lease.ts); undefined for a reservation of its own. */
  leaseId?: string;
}

/**
 * How a reservation closes, written in the same transaction as the call's audit row (one durable commit):
 * charged `chargeUsd` (the real cost, or the reserved amount when usage is unknown), or released (never billed).
 */
export interface Settlement {
  reservation: Reservation;
  chargeUsd: number;
  release?: boolean;
  usage?: { inputTokens?: number; outputTokens?: number };
}

export interface CostGuard {
  /**
   * Atomically reserve a worst-case estimate against the actor's daily budget (and team budget).
   * Throws an AppError with code `over_budget` (nothing charged) when it does not fit; its userMessage
   * says what was spent, the limit, and when the budget resets.
   */
  reserve(actor: Actor, request: { kind: SpendKind; name: string; estimateUsd: number }): Promise<Reservation>;
  /**
   * Replace the reservation by the real cost. `actualUsd` undefined (usage missing, stream aborted)
   * keeps the reservation as the charge. Returns the USD charged.
   */
  settle(reservation: Reservation, actualUsd: number | undefined, usage?: { inputTokens?: number; outputTokens?: number }): Promise<number>;
  /** Drop a reservation for a call that never reached the provider. */
  release(reservation: Reservation): Promise<void>;
  /**
   * The hot path's close: settle (actualUsd as in `settle`) or release the reservation and append the call's
   * audit row (costUsd: the call's cost) in ONE durable commit; returns what was charged. Throws a
   * NotRecordedError when that commit fails: then neither the charge nor the row exists, and the reservation
   * stays open until shutdown or the sweeper charges it at its reserved amount (audited then).
   */
  close(
    reservation: Reservation,
    how: { actualUsd?: number; usage?: { inputTokens?: number; outputTokens?: number }; release?: boolean },
    audit: AuditTrail,
    entry: Omit<AuditInput, 'costUsd'>,
  ): Promise<number>;
  /** Shutdown: settle every reservation this process still has open at its reserved amount (audited). */
  settleOpen(): Promise<number>;
  /** Language-model middleware: reserve before each model call, settle from reported usage after. */
  modelMiddleware(actor: Actor, modelId: string, audit: AuditContext): LanguageModelMiddleware;
  /** USD price of a usage for a model (for reply summaries). Throws a config error for unknown models. */
  priceOf(modelId: string, usage: { inputTokens: number; outputTokens: number }): number;
  /** Today's spend for the actor, in their time zone. */
  usageToday(actor: Actor): Promise<UsageCard>;
}

export type AuditOutcome = 'ok' | 'denied' | 'over_budget' | 'invalid' | 'error' | 'timeout';

export interface AuditInput {
  /** `delivery`: a reply a chat platform did not take as asked (dropped, or re-routed to a DM). */
  kind: 'tool' | 'model' | 'delivery';
  /** Tool name, model id, or what was delivered (e.g. slack.reply). */
  name: string;
  actorId?: string;
  platform: Platform | 'cli' | 'worker';
  conversationId?: string;
  /** Redacted by the trail before it is stored (secrets, email bodies). */
  input: unknown;
  /** Fields of `input` holding an email's text, stored as a word count (the tool's redactInAudit). */
  redactFields?: readonly string[];
  outcome: AuditOutcome;
  errorCode?: string;
  costUsd: number;
  durationMs: number;
}

export interface AuditContext {
  platform: AuditInput['platform'];
  conversationId?: string;
}

export interface AuditTrail {
  append(entry: AuditInput): Promise<void>;
  /**
   * Append one row and close the reservation in the same transaction: both commit or neither. Resolves with
   * what the settlement charged: 0 when the reservation was already closed (the sweeper charged it; never twice).
   */
  appendSettled(entry: AuditInput, settlement: Settlement): Promise<number>;
}

export interface PendingActionRequest {
  tool: string;
  input: unknown;
  summary: string;
  ctx: { actor: Actor; conversationId?: string };
}

export interface ClaimedAction {
  id: string;
  tool: string;
  input: unknown;
  summary: string;
}

export interface Confirmations {
  /** Store a pending write, bound to the actor, with an expiry; returns the card that asks for it. */
  request(req: PendingActionRequest): Promise<ConfirmationCard>;
  /**
   * Claim a pending action for execution — exactly once. Throws `confirmation_invalid` when it is
   * unknown, expired, already decided, or belongs to someone else.
   */
  claim(actionId: string, actor: Actor): Promise<ClaimedAction>;
  /** Record how a claimed action ended. */
  complete(actionId: string, result: { ok: boolean; summary: string }): Promise<void>;
  /** Cancel a pending action (only its owner may). */
  cancel(actionId: string, actor: Actor): Promise<ClaimedAction>;
  /** The refusal when the action belongs to someone else; undefined for its owner (whatever its state). Changes nothing. */
  ownerCheck(actionId: string, actor: Actor): Promise<AppError | undefined>;
}

export interface Guards {
  costs: CostGuard;
  audit: AuditTrail;
  confirmations: Confirmations;
}
