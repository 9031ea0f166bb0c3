// Sends a manager's digest as a proactive Teams 1:1 message through the conversation reference stored at
// install (sendProactive marks a 403/404 identity unreachable and throws on a retryable failure).
import type { Config } from '../../core/config.ts';
import type { DigestSender } from '../../core/digest/deliver.ts';
import type { Logger } from '../../core/log.ts';
import { createTeamsTransport } from './adapter.ts';
import { createProactiveSender, type SendProactive } from './proactive.ts';

export function createTeamsDigestSender(sendProactive: SendProactive): DigestSender {
  return async (identity, card) => {
    const result = await sendProactive(
      { id: identity.id, teamsConversation: identity.teamsConversation as never, unreachableAt: identity.unreachableAt },
      card,
    );
    if (result.status === 'sent') return { status: 'sent', ref: result.activityId };
    return result;
  };
}

/**
 * For processes without the Teams bot mounted (`salesos worker`, `salesos digest --send`): a proactive
 * sender from config alone, or undefined when Teams is not configured.
 */
export function teamsDigestSenderFromConfig(
  config: Pick<Config, 'teams'>,
  users: { markIdentityUnreachable(id: string, reason: string): Promise<void> },
  log: Logger,
): DigestSender | undefined {
  const transport = createTeamsTransport(config.teams, { log });
  if (transport.mode === 'refused') return undefined;
  return createTeamsDigestSender(createProactiveSender({ transport, users, log }));
}
