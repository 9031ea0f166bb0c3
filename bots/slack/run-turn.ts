// One user message, whatever the entry point: drop retries (claimDelivery), resolve the Slack user, run
// the assistant and deliver the reply. Every failure ends in a message to the user and a log line.
import type { webApi } from '@slack/bolt';
import { userMessageOf } from '../../core/errors.ts';
import { log, withLogContext } from '../../core/log.ts';
import type { ActionRequest } from '../../tools/assistant-contract.ts';
import type { Actor, CardAction, ReplyEvent } from '../../core/agent/types.ts';
import { renderError } from './blocks/render-error.ts';
import type { ListenerDeps } from './deps.ts';
import { deliverReply, type DeliveryResult } from './stream.ts';
import type { ReplySurface } from './surfaces.ts';

interface Common {
  client: webApi.WebClient;
  deliveryId: string;
  teamId: string;
  userId: string;
  conversationKey: string;
  surface: ReplySurface;
  /** Set when the user writes in their DM with the bot (stored for proactive digests). */
  dmChannelId?: string;
}

export async function runTurn(deps: ListenerDeps, t: Common & { text: string }): Promise<DeliveryResult | undefined> {
  return run(deps, t, (actor) =>
    deps.assistant.handleTurn({ deliveryId: t.deliveryId, platform: 'slack', actor, conversationKey: t.conversationKey, text: t.text }),
  );
}

export async function runAction(deps: ListenerDeps, t: Common & { action: CardAction }): Promise<DeliveryResult | undefined> {
  return run(deps, t, (actor) => {
    const request: ActionRequest = { deliveryId: t.deliveryId, platform: 'slack', actor, conversationKey: t.conversationKey, action: t.action };
    return deps.assistant.handleAction(request);
  });
}

async function run(
  deps: ListenerDeps,
  t: Common,
  start: (actor: Actor) => AsyncIterable<ReplyEvent>,
): Promise<DeliveryResult | undefined> {
  return withLogContext({ slackDelivery: t.deliveryId, conversation: t.conversationKey }, async () => {
    try {
      if (!(await deps.assistant.claimDelivery('slack', t.deliveryId))) {
        log.debug('dropped a Slack delivery already handled', { deliveryId: t.deliveryId });
        return undefined;
      }
      const who = await deps.identity.resolve(t.client, t.teamId, t.userId, t.dmChannelId);
      if (!who.ok) {
        await t.surface.post(renderError({ type: 'error', message: who.message }));
        return undefined;
      }
      return await withLogContext({ userId: who.actor.id }, () => deliverReply(start(who.actor), t.surface, deps.delivery));
    } catch (err) {
      log.error('Slack turn failed before the assistant ran', { err, ...t.surface.where });
      await t.surface.post(renderError({ type: 'error', message: userMessageOf(err) })).catch((postErr) =>
        log.error('could not tell the user about a failed turn', { err: postErr, ...t.surface.where }),
      );
      return { mode: 'failed', error: err };
    }
  });
}
