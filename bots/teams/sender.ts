// Teams' ChatSender: replies to a turn through streaming.ts (teamsReplies), and a proactive 1:1 message through the conversation reference stored at install as the
// identity's address (proactive.ts marks a 403/404 identity unreachable and throws on a retryable
// failure); a digest is one such message, and the activity id Teams returns is recorded on the delivery.
// Real Teams lists no activities to bots, so an earlier digest attempt whose outcome is unknown (a worker
// killed mid-send, a 5xx, a timeout) cannot be looked up: it is not sent again — a missing digest can be
// sent by hand, a doubled one cannot be taken back. The delivery is recorded as skipped with that reason
// (README, "Exactly once").
import type { Config } from '../../core/config.ts';
import { log as defaultLog, type Logger } from '../../core/log.ts';
import type { ChatSender, ReplySender } from '../../core/platforms/sender.ts';
import { createTeamsTransport } from './adapter.ts';
import { createProactiveSender, type SendProactive } from './proactive.ts';
import { type TeamsReplyResult, type TeamsReplyTarget, teamsReplies } from './streaming.ts';

/** Teams' sender: its replies open on a turn (TeamsReplyTarget) and report the first message's id. */
export type TeamsChatSender = ChatSender<TeamsReplyTarget, TeamsReplyResult>;

export const TEAMS_UNCONFIRMED =
  'an earlier attempt may have reached Teams and Teams cannot tell us; not sent again, to avoid a duplicate (send it by hand with salesos digest --send --at <date>)';

/** `replies`: the bot's own reply path when the bot is mounted (its timing); default pacing otherwise. */
export function createTeamsSender(
  sendProactive: SendProactive,
  replies: ReplySender<TeamsReplyTarget, TeamsReplyResult> = teamsReplies({ log: defaultLog }),
): TeamsChatSender {
  return {
    platform: 'teams',
    ...replies,
    sendProactive,
    async sendDigest(to, card, ctx) {
      if (ctx.recheck) return { status: 'skipped', reason: TEAMS_UNCONFIRMED, unconfirmed: true };
      return sendProactive(to, card);
    },
  };
}

/**
 * For processes without the Teams bot mounted (`salesos worker`, `salesos digest --send`): a sender from
 * config alone, or undefined when Teams is not configured.
 */
export function teamsSenderFromConfig(
  config: Pick<Config, 'teams'>,
  users: { markIdentityUnreachable(id: string, reason: string): Promise<void> },
  log: Logger,
): TeamsChatSender | undefined {
  const transport = createTeamsTransport(config.teams, { log });
  if (transport.mode === 'refused') return undefined;
  return createTeamsSender(createProactiveSender({ transport, users, log }), teamsReplies({ log }));
}
