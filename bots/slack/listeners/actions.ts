// Button clicks. Card buttons carry a CardAction and run through assistant.handleAction (same tools, same
// policy). Confirm/Cancel and "Show more" replace the message they were on; other actions answer in its
// thread. A double click has the same delivery id (message, button, value, user), so it runs once and the
// second click is told so privately; someone else's Confirm/Cancel is answered privately and leaves the card alone.
import crypto from 'node:crypto';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { log } from '../../../core/log.ts';
import { ACTION_PREFIX, parseActionValue, SHARE_ACTION_ID } from '../blocks/limits.ts';
import type { ListenerDeps } from '../deps.ts';
import { answerAction } from '../answer.ts';
import { sharedMessage } from '../share.ts';
import { replaceSurface, threadSurface, type ReplySurface } from '../surfaces.ts';
import { commandKey, threadKey } from './keys.ts';

/** What the second click of a double click is told; the first one's answer replaces or follows the card. */
export const ALREADY_PRESSED = 'That button was already pressed; the card updates with the result.';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    if (!(await deps.assistant.claimDelivery('slack', clickId(body, action)))) return;
    const message = sharedMessage(action.value ?? '', body.user.id);
    if (!message) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That answer can no longer be shared; ask again in the channel.' });
      return;
    }
    await respond({ response_type: 'in_channel', delete_original: true, text: message.text, blocks: message.blocks });
  });

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client, respond }) => {
    await ack();
    if (action.action_id === SHARE_ACTION_ID) return;
    const cardAction = parseActionValue(action.value);
    if (!cardAction) {
      log.warn('ignored a Slack button with an unreadable value', { actionId: action.action_id });
      return;
    }
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const channel = body.channel?.id ?? body.container?.channel_id ?? '';
    const ephemeral = Boolean(body.container?.is_ephemeral);
    const messageTs: string = body.message?.ts ?? body.container?.message_ts ?? '';
    const threadTs: string = body.message?.thread_ts ?? messageTs;
    const replaces = cardAction.kind !== 'tool' || cardAction.tool === 'findLeads';

    // Someone else's Confirm/Cancel is refused privately before anything is claimed or replaced: the owner's
    // card stays as it is and their own click still works.
    if (cardAction.kind !== 'tool') {
      const who = await deps.identity.resolve(client, teamId, body.user.id);
      const refusal = who.ok ? await deps.assistant.checkAction(who.actor, cardAction) : undefined;
      if (refusal) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
        return;
      }
    }

    const deliveryId = clickId(body, action);
    let surface: ReplySurface;
    if (ephemeral) {
      let first = true;
      surface = {
        where: { channel, ephemeral: 'true' },
        async post(m) {
          const replace = replaces && first;
          first = false;
          await respond({ response_type: 'ephemeral', replace_original: replace, text: m.text, blocks: m.blocks });
          return undefined;
        },
      };
    } else if (replaces) {
      surface = replaceSurface(client, { channel, messageTs, threadTs, userId: body.user.id, replyTo: deliveryId });
    } else {
      surface = threadSurface(client, { channel, threadTs, teamId, userId: body.user.id, streaming: false, replyTo: deliveryId });
    }

    await answerAction(deps, {
      client,
      deliveryId,
      // The same click again (a double click, or the other replica got the first): say so, privately.
      repeated: () => respond({ response_type: 'ephemeral', replace_original: false, text: ALREADY_PRESSED }).then(() => undefined),
      teamId,
      userId: body.user.id,
      conversationKey: ephemeral ? commandKey(teamId, channel, body.user.id) : threadKey(teamId, channel, threadTs),
      action: cardAction,
      surface,
    });
  });
}

/** Same message + same button + same value + same user = the same click, however often it arrives. */
function clickId(body: BlockAction, action: ButtonAction): string {
  const messageTs = body.message?.ts ?? body.container?.message_ts ?? '';
  const value = crypto
    .createHash('sha256')
    .update(action.value ?? '')
    .digest('base64url')
    .slice(0, 16);
  return `act:${messageTs}:${action.action_id}:${value}:${body.user.id}`;
}
