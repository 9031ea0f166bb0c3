// What a bot (Slack, Teams, terminal) needs from SalesOS: run a turn or a card action and receive the
// reply as events. Implemented by assistant/assistant.ts; bots depend on this contract only.
import type { Actor, CardAction, Platform, ReplyEvent, Turn } from '../core/agent/types.ts';
import type { Card } from '../core/cards.ts';

export interface ActionRequest {
  /** Unique per click/submit (Slack action ts + trigger, Teams activity id): a double click runs once. */
  deliveryId: string;
  platform: Platform;
  actor: Actor;
  conversationKey: string;
  action: CardAction;
}

export interface Assistant {
  /**
   * Record a delivery id; false when it was already seen (a retried Slack event, a re-sent Teams
   * activity, a double-clicked button) — the caller must then do nothing. Holds across replicas.
   */
  claimDelivery(platform: Platform, deliveryId: string): Promise<boolean>;
  /** Forget a claimed delivery so it can run again: a click that failed must not use up its button. */
  releaseDelivery(platform: Platform, deliveryId: string): Promise<void>;
  /**
   * Whether `actor` may use this button at all, checked without spending anything (no delivery claimed, no
   * confirmation consumed): undefined when they may, else what to tell them. Someone else's Confirm is refused here.
   */
  checkAction(actor: Actor, action: CardAction): Promise<string | undefined>;
  /** A thumbs up/down (and optional comment) on one of the assistant's replies; a second rating replaces the first. */
  rateReply(rating: {
    platform: Platform;
    actor: Actor;
    conversationKey: string;
    replyId: string;
    reaction: 'like' | 'dislike';
    comment?: string;
  }): Promise<void>;
  /** One message from a user: agent + tools. Events arrive as they happen; `done` is last. */
  handleTurn(turn: Turn): AsyncIterable<ReplyEvent>;
  /** A button or card action: runs the tool (or confirms/cancels a pending write) through the same policy. */
  handleAction(request: ActionRequest): AsyncIterable<ReplyEvent>;
  /**
   * The actor's overview for a home screen (Slack's App Home): today's budget and their newest leads, from
   * the read tools under the same policy (audited), nothing stored in thread memory.
   */
  overview?(actor: Actor, platform: Platform): Promise<Card[]>;
}
