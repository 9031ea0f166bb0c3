// Sends a manager's digest as a proactive Teams 1:1 message through the conversation reference stored at
// install (sendProactive marks a 403/404 identity unreachable and throws on a retryable failure). The
// activity id Teams returns is recorded on the delivery. Bots cannot read a 1:1 chat's history, so a
// send whose outcome is unknown (a crash mid-send, a 5xx) is sent again once its lease has passed: for
// Teams, at most one duplicate in that window is the documented limit (README, "Exactly once").
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
