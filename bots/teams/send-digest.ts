// Sends a manager's digest as a proactive Teams 1:1 message through the conversation reference stored at
// install (sendProactive marks a 403/404 identity unreachable and throws on a retryable failure). The
// activity id Teams returns is recorded on the delivery. Real Teams lists no activities to bots, so an
// earlier attempt whose outcome is unknown (a worker killed mid-send, a 5xx, a timeout) cannot be looked
// up: it is not sent again — a missing digest can be sent by hand, a doubled one cannot be taken back.
// The delivery is recorded as skipped with that reason (README, "Exactly once").
import type { Config } from '../../core/config.ts';
import type { DigestSender } from '../../core/digest/deliver.ts';
import type { Logger } from '../../core/log.ts';
import { createTeamsTransport } from './adapter.ts';
import { createProactiveSender, type SendProactive } from './proactive.ts';

export const TEAMS_UNCONFIRMED =
  'an earlier attempt may have reached Teams and Teams cannot tell us; not sent again, to avoid a duplicate (send it by hand with salesos digest --send --at <date>)';

export function createTeamsDigestSender(sendProactive: SendProactive): DigestSender {
  return async (identity, card, ctx) => {
    if (ctx.recheck) return { status: 'skipped', reason: TEAMS_UNCONFIRMED, unconfirmed: true };
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
