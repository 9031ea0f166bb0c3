// What every listener receives.
import type { Assistant } from '../../tools/assistant-contract.ts';
import type { IdentityResolver } from './identity.ts';
import type { DeliveryOptions } from './stream.ts';

export interface ListenerDeps {
  assistant: Assistant;
  identity: IdentityResolver;
  delivery: DeliveryOptions;
  /** Use chat.startStream where Slack allows it (otherwise one message updated with chat.update). */
  streaming: boolean;
}
