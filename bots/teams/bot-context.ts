// What the Teams flows (message, action, install, proactive) share.
import type { Assistant } from '../../assistant/assistant-contract.ts';
import type { Logger } from '../../core/log.ts';
import type { ReplySender } from '../../core/platforms/sender.ts';
import type { TeamsTransport } from './adapter.ts';
import type { TeamsIdentity, TeamsUsers } from './identity.ts';
import type { TeamsReplyResult, TeamsReplyTarget } from './streaming.ts';

export interface TeamsTiming {
  /** How long a card button may run inside the invoke before the card shows "working" and updates later. */
  invokeBudgetMs: number;
  streamIntervalMs: number;
  typingIntervalMs: number;
}

export interface TeamsBotContext {
  assistant: Assistant;
  users: TeamsUsers;
  identities: TeamsIdentity;
  transport: TeamsTransport;
  log: Logger;
  timing: TeamsTiming;
  /** Opens each message's reply: the Teams sender's reply path (streaming.ts). */
  replies: ReplySender<TeamsReplyTarget, TeamsReplyResult>;
  /** Work that outlives the HTTP request (acknowledge first, reply later); `drain()` waits for it. */
  track(work: Promise<unknown>): void;
}
