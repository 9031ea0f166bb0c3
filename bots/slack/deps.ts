// What every listener receives.
import type { AuditTrail } from '../../core/governance.ts';
import type { Assistant } from '../../assistant/assistant-contract.ts';
import type { SlackIdentity } from './identity.ts';
import type { PeopleDirectory } from './people.ts';
import type { ReplySender } from '../../core/platforms/sender.ts';
import type { DeliveryResult } from './stream.ts';
import type { ReplySurface } from './surfaces.ts';
import type { TurnGate } from './turn-gate.ts';

export interface ListenerDeps {
  assistant: Assistant;
  identity: SlackIdentity;
  /** Slack profiles and user groups, cached (identity and mention names). */
  people: PeopleDirectory;
  /** Replies that could not be delivered as asked are audited here. */
  audit: AuditTrail;
  /** Opens each turn's reply: the Slack sender's reply path (stream.ts), paced by the bot's delivery options. */
  replies: ReplySender<ReplySurface, DeliveryResult>;
  /** Use chat.startStream where Slack allows it (otherwise one message updated with chat.update). */
  streaming: boolean;
  /** Bounds the turns and card actions running and waiting in this process. */
  gate: TurnGate;
}
